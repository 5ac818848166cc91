import ArgumentParser
import BlobStore
import EventStore
import Foundation

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent, compacted copy of the log and the attachments (safe while the server runs) and verify the log.",
        discussion: "The master key is not copied unless --include-key is given: keep it apart from the data backups.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Destination folder (new or empty).")
    var destination: String

    @Flag(name: .customLong("include-key"), help: "Copy the master key file into the backup too (mode 0600).")
    var includeKey = false

    func run() async throws {
        let (report, blobs) = try await reportingErrors {
            let store = try global.openReadOnly()
            defer { store.close() }
            let report = try store.backup(to: destination, includeKey: includeKey)
            // After the log: every attachment the copied log refers to was stored before its event.
            let blobs = try BlobStore.copyAll(from: URL(fileURLWithPath: store.folder.path).appendingPathComponent("blobs"),
                                              to: URL(fileURLWithPath: report.destination).appendingPathComponent("blobs"))
            return (report, blobs)
        }
        guard report.verify.isOK else {
            printError("backup written to \(report.destination) but it does NOT verify: \(report.verify.firstProblem!)")
            throw ExitCode.failure
        }
        print("backup: \(report.verify.eventsChecked) events, \(StatsCommand.bytes(report.bytes)) at \(report.destination); verified, head \(report.verify.headHash); \(blobs.blobs) attachment file(s), \(StatsCommand.bytes(blobs.bytes))")
        if !includeKey { print("note: the master key was not copied; personal data in this backup can only be read with the original key file") }
    }
}
