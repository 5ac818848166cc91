import ArgumentParser
import EventStore
import Foundation

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show events from the log, filtered.",
        discussion: "Personal data stays sealed unless --reveal is given (and the key file is readable).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this stream; a trailing * matches a prefix (e.g. 'account-*').")
    var stream: String?

    @Option(help: "Only events of this type (repeatable).")
    var type: [String] = []

    @Option(help: "Only events caused by this actor (account id, 'portalctl', …).")
    var actor: String?

    @Option(help: "Only events recorded at or after this time (ISO 8601 date or date-time).")
    var since: String?

    @Option(help: "Only events recorded before this time (ISO 8601 date or date-time).")
    var until: String?

    @Option(help: "Start after this global position.")
    var from: UInt64 = 0

    @Option(help: "Stop after printing this many events.")
    var limit: Int?

    @Flag(help: "One JSON object per line.")
    var json = false

    @Flag(help: "Keep running and print new events as they are appended.")
    var follow = false

    @Flag(help: "Decrypt and show personal data (needs the key file).")
    var reveal = false

    func validate() throws {
        if let since, AuditFilter.parseDate(since) == nil { throw ValidationError("--since: '\(since)' is not an ISO 8601 date like 2026-11-25 or 2026-11-25T14:00:00Z") }
        if let until, AuditFilter.parseDate(until) == nil { throw ValidationError("--until: '\(until)' is not an ISO 8601 date like 2026-11-25 or 2026-11-25T14:00:00Z") }
        if let limit, limit <= 0 { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try global.openReadOnly()
            defer { store.close() }
            let filter = AuditFilter(stream: stream, types: Set(type), actor: actor, since: since.flatMap(AuditFilter.parseDate), until: until.flatMap(AuditFilter.parseDate))
            let formatter = AuditFormatter(json: json)
            var printed = 0
            var position = from
            while true {
                let batch = try store.read(after: position, limit: 2000, types: filter.types.isEmpty ? nil : filter.types, unseal: reveal)
                for event in batch.events where filter.matches(event) {
                    print(formatter.format(event))
                    printed += 1
                    if let limit, printed >= limit { return }
                }
                if batch.through == position {
                    guard follow else { break }
                    fflush(nil)
                    _ = try await store.waitForEvents(after: position)
                }
                position = batch.through
            }
            if !json && printed == 0 { printError("no events match") }
        }
    }
}
