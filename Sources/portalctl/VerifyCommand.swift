import ArgumentParser
import EventStore
import Foundation

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Recompute the log's hash chain and check its indexes; name the first bad position.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    func run() async throws {
        let report = try await reportingErrors {
            let store = try global.openReadOnly()
            defer { store.close() }
            return try store.verify()
        }
        if json {
            var object: [String: Any] = ["ok": report.isOK, "events": report.eventsChecked, "headHash": report.headHash]
            if let p = report.firstProblem { object["firstBadPosition"] = p.position; object["reason"] = p.reason }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else if let p = report.firstProblem {
            print("FAILED: first bad record at position \(p.position): \(p.reason)")
            print("(\(report.eventsChecked) records before it are intact)")
        } else {
            print("OK: \(report.eventsChecked) events, hash chain intact, head \(report.headHash)")
        }
        if !report.isOK { throw ExitCode.failure }
    }
}
