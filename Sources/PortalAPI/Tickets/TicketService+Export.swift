import BlobStore
import Domain
import EventStore
import Foundation
import Projections
import ZipArchive

extension TicketService {
    /// All of a customer's tickets, archived ones too, newest first.
    func allTickets(of account: AccountID) async throws -> [TicketSummary] {
        _ = await runner.waitUntil(store.lastPosition, projections: [directory.name], timeout: .seconds(5))
        var query = TicketQuery()
        query.requester = account
        query.archived = nil
        query.sort = .openedNewest
        query.limit = 100_000
        return directory.search(query).items
    }

    /// The customer's history as CSV: one line per ticket. Cells that a spreadsheet would run as a
    /// formula are prefixed with an apostrophe.
    public func exportCSV(for account: AccountID) async throws -> String {
        var lines = ["id,opened_at,category,priority,status,subject,updated_at,solved_at,closed_at,archived,rating,agent_replies,resolution_summary"]
        let iso = ISO8601DateFormatter()
        for summary in try await allTickets(of: account) {
            let item = try item(summary)
            let loaded = try repository.load(summary.id)
            let cells: [String] = [
                summary.id.uuidString.lowercased(), iso.string(from: summary.openedAt), item.category, item.priority, item.status, item.subject ?? "",
                iso.string(from: summary.updatedAt), summary.solvedAt.map(iso.string) ?? "", summary.closedAt.map(iso.string) ?? "",
                summary.archived ? "yes" : "no", summary.rating.map(String.init) ?? "", String(item.resolution?.replies ?? 0),
                (try resolution(of: loaded))?.summary ?? "",
            ]
            lines.append(cells.map(Self.csvCell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public static func csvCell(_ raw: String) -> String {
        var value = raw
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The customer's history as JSON: every ticket with its public conversation.
    public func exportJSON(for account: AccountID) async throws -> [UInt8] {
        let customer = TicketActor(account: account, isAgent: false)
        var tickets: [TicketDetail] = []
        for summary in try await allTickets(of: account) {
            let loaded = try visibleTicket(summary.id, to: customer)
            let timeline = try TicketTimeline.build(from: loaded.records, viewer: .customer(account), policy: settings.sla, now: Date())
            tickets.append(TicketDetail(timeline, viewer: customer, service: self))
        }
        struct Export: Encodable {
            var exportedAt: Date
            var tickets: [TicketDetail]
        }
        return Array(try JSONEncoder.portalPretty.encode(Export(exportedAt: Date(), tickets: tickets)))
    }

    /// Everything the portal holds about a customer, as a ZIP written to `file`: the profile, the
    /// security log, the tickets (CSV and JSON) with every file they may see, drafts, notification
    /// choices and suggestions.
    func writePersonalData(for account: AccountID, profile: IdentityService.Profile, securityLog: [SecurityLogItem], to file: URL) async throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = try? FileHandle(forWritingTo: file) else { throw ExportError.cannotWrite }
        defer { try? handle.close() }
        var zip = ZipWriter { bytes in try handle.write(contentsOf: Data(bytes)) }
        let now = Date()
        let pretty = JSONEncoder.portalPretty
        try zip.addFile(path: "README.txt", modified: now, data: Array("""
        Your personal data at Customer Portal, exported on \(ISO8601DateFormatter().string(from: now)).

        account.json            your profile
        security-log.json       sign-ins, password changes and other security events of your account
        tickets.json            your tickets with their conversations (the same as the ticket export)
        tickets.csv             one line per ticket
        attachments/            the files of your tickets, by ticket
        notifications.json      which ticket notifications you chose
        draft.json              your unsent ticket form, if any

        """.utf8))
        try zip.addFile(path: "account.json", modified: now, data: Array(try pretty.encode(profile)))
        try zip.addFile(path: "security-log.json", modified: now, data: Array(try pretty.encode(securityLog)))
        try zip.addFile(path: "tickets.json", modified: now, data: try await exportJSON(for: account))
        try zip.addFile(path: "tickets.csv", modified: now, data: Array(try await exportCSV(for: account).utf8))
        try zip.addFile(path: "notifications.json", modified: now, data: Array(try pretty.encode(notificationChoice(for: account))))
        if let draft = try loadDraft(account) { try zip.addFile(path: "draft.json", modified: now, data: Array(try pretty.encode(draft))) }
        let customer = TicketActor(account: account, isAgent: false)
        for summary in try await allTickets(of: account) {
            let loaded = try visibleTicket(summary.id, to: customer)
            let timeline = try TicketTimeline.build(from: loaded.records, viewer: .customer(account), policy: settings.sla, now: now)
            for entry in timeline.entries {
                guard let file = entry.attachment, let added = try attachmentEvent(file.id, in: loaded) else { continue }
                let reader: BlobReader
                do { reader = try blobs.open(subject: account.stream, address: added.blobHash) } catch BlobStoreError.notFound { continue }
                try zip.beginFile(path: "attachments/\(summary.id.uuidString.lowercased())/\(file.id.prefix(8))-\(file.filename ?? "file")", modified: entry.at)
                while let chunk = try reader.next() { try zip.write(chunk) }
                try zip.endFile()
            }
        }
        try zip.finish()
    }

    func attachmentEvent(_ id: String, in loaded: TicketRepository.Loaded) throws -> AttachmentAdded? {
        for record in loaded.records where record.type == AttachmentAdded.eventType {
            let added = try record.decode(as: AttachmentAdded.self)
            if added.attachmentID == id { return added }
        }
        return nil
    }

    enum ExportError: Error { case cannotWrite }
}

extension JSONEncoder {
    static var portalPretty: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}
