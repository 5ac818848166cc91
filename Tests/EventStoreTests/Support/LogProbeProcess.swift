import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `log-probe` executable, run as a child process whose acknowledged appends the test reads
/// line by line from its stdout.
final class LogProbeProcess {
    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private var pending: [UInt8] = []

    /// Where SwiftPM put the probe: next to the test executable (`…/debug/<Package>PackageTests.xctest`
    /// on Linux). The product is `log-probe` when the package declares one, else the target's name.
    static func executable() throws -> URL {
        let fm = FileManager.default
        var folders: [URL] = []
        if let url = Bundle.main.executableURL { folders.append(url.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in folders {
            for name in ["log-probe", "LogProbe"] {
                let candidate = folder.appendingPathComponent(name)
                if fm.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        throw ProbeError("log-probe not found next to the test executable (looked in \(folders.map(\.path)))")
    }

    init(arguments: [String]) throws {
        process.executableURL = try Self.executable()
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    var processIdentifier: Int32 { process.processIdentifier }

    /// Reads whole lines from the probe's stdout until `count` more arrived or the output ended.
    /// Runs on a thread of its own: the read blocks, and must not hold a cooperative thread.
    func readLines(_ count: Int) async -> [String] {
        let fd = output.fileHandleForReading.fileDescriptor
        let pending = self.pending
        let (lines, rest) = await withCheckedContinuation { (c: CheckedContinuation<([String], [UInt8]), Never>) in
            let thread = Thread {
                var buffer = pending
                var lines: [String] = []
                var chunk = [UInt8](repeating: 0, count: 4096)
                while true {
                    while lines.count < count, let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                        lines.append(String(decoding: buffer[..<newline], as: UTF8.self))
                        buffer.removeSubrange(...newline)
                    }
                    if lines.count >= count { break }
                    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    buffer += chunk[..<n]
                }
                c.resume(returning: (lines, buffer))
            }
            thread.start()
        }
        self.pending = rest
        return lines
    }

    /// Reads and drops the rest of the output on a thread of its own. A probe whose output nobody
    /// reads stops as soon as the pipe is full, so a test that follows the log must call this.
    func discardOutput() {
        let fd = output.fileHandleForReading.fileDescriptor
        let thread = Thread {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
            }
        }
        thread.start()
    }

    /// Kills the probe with SIGKILL — no chance to flush, sync or unlock — and waits for it to die.
    func kill() {
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for the probe to end on its own; returns its exit status.
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether the probe died of the SIGKILL rather than ending on its own.
    var wasKilled: Bool { process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL }

    /// What the probe wrote to stderr (call after it ended).
    var errorOutput: String {
        String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}

struct ProbeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
