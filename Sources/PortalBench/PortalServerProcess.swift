import Foundation

/// `portalctl serve` as a child process on a free loopback port, with its own data folder.
///
/// Its standard output and error go to a log file, whose end is quoted when the server fails.
/// ``stop()`` ends it (SIGTERM, then SIGKILL); call it on every path out, failures included.
final class PortalServerProcess {
    let port: Int
    let baseURL: URL
    let logPath: String
    private let process = Process()
    private let log: FileHandle

    /// Starts `portalctl serve` with the given extra flags (cost, rate limits, log level), in this program's
    /// environment without the variables named in `unsetting`.
    init(portalctl: String, dataFolder: String, logPath: String, flags: [String], unsetting: [String] = []) throws {
        port = try LoopbackPort.unused()
        baseURL = URL(string: "http://127.0.0.1:\(port)/")!
        self.logPath = logPath
        guard FileManager.default.createFile(atPath: logPath, contents: nil), let log = FileHandle(forWritingAtPath: logPath) else {
            throw BenchError.scratch("cannot create the server log \(logPath)")
        }
        self.log = log
        process.executableURL = URL(fileURLWithPath: portalctl)
        process.arguments = ["serve", "--data", dataFolder, "--port", String(port)] + flags
        if !unsetting.isEmpty { process.environment = ProcessInfo.processInfo.environment.filter { !unsetting.contains($0.key) } }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        do { try process.run() } catch {
            try? log.close()
            throw BenchError.server("cannot start \(portalctl): \(error.localizedDescription)")
        }
    }

    deinit { stop() }

    /// The command line, for the progress notes.
    var commandLine: String { ([process.executableURL?.path ?? "portalctl"] + (process.arguments ?? [])).joined(separator: " ") }

    /// `portalctl` in the folder of this program: `swift build` puts both products in one folder.
    static func locatePortalctl() throws -> String {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let candidate = executable.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("portalctl").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw BenchError.server("""
                \(candidate) is missing; the auth, tickets and chat groups run the real server. Build it next to portal-bench with \
                `swift build -c release --product portalctl` (with the same --scratch-path as portal-bench, if any)
                """)
        }
        return candidate
    }

    /// Waits until `GET /healthz` answers 200; fails when the server exits first or takes too long.
    func waitUntilHealthy(client: PortalClient, timeout: Duration = .seconds(60)) async throws {
        let clock = Stopwatch()
        var lastProblem = "no answer yet"
        while clock.elapsedSeconds < Double(timeout.components.seconds) {
            try checkRunning()
            do {
                let answer = try await client.get("healthz", timeout: 2)
                if answer.status == 200 { return }
                lastProblem = "GET /healthz answered \(answer.status)"
            } catch {
                lastProblem = "GET /healthz: \(error.localizedDescription)"
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError.server("not healthy after \(timeout) (\(lastProblem)); its log:\n\(logTail())")
    }

    /// Throws, quoting the log, when the server has exited.
    func checkRunning() throws {
        guard !process.isRunning else { return }
        throw BenchError.server("\(commandLine) exited with status \(process.terminationStatus); its log:\n\(logTail())")
    }

    /// Ends the server: SIGTERM and up to 10 s for a clean shutdown, then SIGKILL. Safe to call twice.
    func stop() {
        if process.isRunning {
            process.terminate()
            let clock = Stopwatch()
            while process.isRunning, clock.elapsedSeconds < 10 { usleep(20_000) }
            if process.isRunning {
                note("the server did not stop within 10 s of SIGTERM; killing it")
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        try? log.close()
    }

    /// The last lines of the server's log, indented, for error messages and notes.
    func logTail(lines: Int = 20) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let tail = text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines)
        return tail.isEmpty ? "    (empty)" : tail.map { "    " + $0 }.joined(separator: "\n")
    }

    /// Lines the server logged (at the run's log level, warnings and errors).
    var loggedLines: Int {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").count
    }
}
