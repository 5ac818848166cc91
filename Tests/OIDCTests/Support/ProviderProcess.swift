import Foundation
import Testing

/// The provider executable as a child process: started with `--port 0`, ready once it prints
/// `listening <port>`, stopped with SIGTERM. Its log goes to a temporary file that is shown
/// if it fails to start and deleted when it stops.
///
/// `@unchecked Sendable`: `Process` and `Pipe` are not annotated, but after `start` this type
/// only reads its constants and calls `terminate`/`waitUntilExit`, which Foundation allows
/// from any thread.
final class ProviderProcess: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let input: Pipe
    private let output: Pipe
    private let logFile: URL

    private init(port: Int, process: Process, input: Pipe, output: Pipe, logFile: URL) {
        self.port = port
        self.process = process
        self.input = input
        self.output = output
        self.logFile = logFile
    }

    /// The executable: `$OIDC_TEST_PROVIDER`, or `portal-oidc-test-provider` next to the test bundle.
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["OIDC_TEST_PROVIDER"] { return URL(fileURLWithPath: path) }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // On Darwin the test binary sits inside `X.xctest/Contents/MacOS/`.
        while directory.pathExtension == "xctest" || ["MacOS", "Contents"].contains(directory.lastPathComponent) {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("portal-oidc-test-provider")
    }

    static func start(arguments: [String]) async throws -> ProviderProcess {
        let executable = executable
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ProviderStartFailure(message: "no provider executable at \(executable.path); build the portal-oidc-test-provider product or set OIDC_TEST_PROVIDER")
        }
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("oidc-test-provider-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        let reader = output.fileHandleForReading
        let line = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Self.readLine(reader)) }
        }
        let started = ProviderProcess(port: 0, process: process, input: input, output: output, logFile: logFile)
        guard let line, line.hasPrefix("listening "), let port = Int(line.dropFirst("listening ".count)) else {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            await started.stop()
            throw ProviderStartFailure(message: "the provider did not start (stdout: \(line ?? "closed")); log:\n\(log)")
        }
        return ProviderProcess(port: port, process: process, input: input, output: output, logFile: logFile)
    }

    /// Reads one line, blocking; nil at end of file.
    private static func readLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while true {
            let chunk = handle.readData(ofLength: 1)
            guard let byte = chunk.first else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }

    /// SIGTERM, wait for the exit, close the pipe, delete the log.
    func stop() async {
        if process.isRunning { process.terminate() }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.process.waitUntilExit()
                continuation.resume()
            }
        }
        try? input.fileHandleForWriting.close()
        try? FileManager.default.removeItem(at: logFile)
    }
}

struct ProviderStartFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
