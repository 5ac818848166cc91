import BlobStore
import ArgumentParser
import EventStore
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Data folder (env PORTAL_DATA).", valueName: "DIR"))
    var data: String = ProcessInfo.processInfo.environment["PORTAL_DATA"] ?? "data"

    @Option(name: .customLong("key-file"), help: ArgumentHelp("Master key file; default <data>/master.key (env PORTAL_KEY_FILE).", valueName: "FILE"))
    var keyFile: String? = ProcessInfo.processInfo.environment["PORTAL_KEY_FILE"]

    var folder: DataFolder { DataFolder(path: data) }

    /// Opens the log read-only, with the key file when there is one.
    func openReadOnly() throws -> EventStore {
        try EventStore(.init(folder: folder, readOnly: true, create: false, keyFile: keyFile))
    }

    /// Opens the log for writing; fails with a clear message while a server holds the folder.
    func openForWriting() throws -> EventStore {
        try EventStore(.init(folder: folder, readOnly: false, create: false, keyFile: keyFile))
    }
}

/// Prints a message to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Runs `body`, turning store errors into a one-line message and exit code 1 instead of a trace.
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let e as EventStoreError {
        printError("portalctl: \(e)")
        throw ExitCode.failure
    } catch let e as LMDBError {
        printError("portalctl: \(e)")
        throw ExitCode.failure
    } catch let e as BlobStoreError {
        printError("portalctl: attachments: \(e)")
        throw ExitCode.failure
    }
}
