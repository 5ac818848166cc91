import Foundation

/// One run of the wrk load generator as a child process, and its parsed report.
///
/// Output goes to files named after the label next to the script (not pipes, so a chatty run cannot block on a full
/// pipe). A run that outlives its duration by more than the request timeout plus 30 s is killed;
/// so is one whose task is cancelled, e.g. because the run beside it failed.
struct WrkRun: Sendable {
    /// Names the run in notes, errors and output files, e.g. "signin".
    var label: String
    var threads: Int
    var connections: Int
    var seconds: Int
    var script: String
    var url: URL
    /// A request without an answer for this long counts as a timeout (wrk's default is 2 s, shorter
    /// than a sign-in waits in a saturated hashing queue).
    var timeoutSeconds = 30
    /// Checked every 50 ms while wrk runs: once it answers true, wrk gets SIGINT and ends the run
    /// early (within its 100 ms tick), reporting what it did up to then. For runs that end when a
    /// given amount of work is done rather than after a fixed time.
    var stopWhen: (@Sendable () -> Bool)? = nil

    var arguments: [String] {
        ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--timeout", "\(timeoutSeconds)s", "--latency", "-s", script, url.absoluteString]
    }

    var commandLine: String { (["wrk"] + arguments).joined(separator: " ") }

    /// `wrk` on the PATH.
    static func locate() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/wrk"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BenchError.loadGenerator("not found on the PATH; the auth and tickets groups use it as their load generator. Install it with `apt-get install -y wrk` (`make bench` does)")
    }

    /// Runs wrk to the end and returns its report; throws when it fails, prints something
    /// unreadable, or saw errors (socket errors, timeouts, answers other than 2xx/3xx).
    func run(wrk: String) async throws -> WrkOutput {
        let folder = (script as NSString).deletingLastPathComponent
        let outPath = "\(folder)/\(label).out", errPath = "\(folder)/\(label).err"
        guard FileManager.default.createFile(atPath: outPath, contents: nil), FileManager.default.createFile(atPath: errPath, contents: nil),
              let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath)
        else { throw BenchError.scratch("cannot create wrk's output files next to \(script)") }
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do { try Self.start(process) } catch { throw BenchError.loadGenerator("cannot start \(wrk): \(error.localizedDescription)") }

        let clock = Stopwatch()
        let limit = Double(seconds + timeoutSeconds + 30)
        var interrupted = false
        do {
            while process.isRunning {
                try await Task.sleep(for: .milliseconds(50))
                if !interrupted, let stopWhen, stopWhen() {
                    kill(process.processIdentifier, SIGINT)
                    interrupted = true
                }
                if clock.elapsedSeconds > limit {
                    end(process)
                    throw BenchError.loadGenerator("\(label): still running after \(Int(limit)) s; killed (\(commandLine))")
                }
            }
        } catch {
            end(process)
            throw error
        }

        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw BenchError.loadGenerator("\(label): `\(commandLine)` ended with status \(process.terminationStatus): \(stderr)\(stdout)")
        }
        let output = try WrkOutput(parsing: stdout)
        guard output.requests > 0 else { throw BenchError.loadGenerator("\(label): no request was answered within \(seconds) s") }
        guard output.statusErrors == 0, output.socketErrors == 0 else {
            throw BenchError.loadGenerator("""
                \(label): of \(output.requests) requests, \(output.statusErrors) were answered with a status other than 2xx/3xx; \
                socket errors: connect \(output.connectErrors), read \(output.readErrors), write \(output.writeErrors), timeout \(output.timeouts)
                """)
        }
        return output
    }

    /// Starts `process` with no signal blocked. A child inherits the signal mask of the thread that
    /// starts it, and the threads that run Swift tasks block SIGINT and SIGTERM (libdispatch keeps
    /// those for the main thread); wrk would then never see the SIGINT of ``stopWhen`` nor the
    /// SIGTERM of a cancelled run, and sleep out its whole duration.
    private static func start(_ process: Process) throws {
        var none = sigset_t(), previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    private func end(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
