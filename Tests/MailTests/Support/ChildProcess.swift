import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, its output going to a file.
///
/// Foundation's `Process.waitUntilExit()` spins a run loop on Linux and, called from a task,
/// was seen to hang; `waitpid` gives the tests exact control over start, exit and clean-up.
final class ChildProcess {
    let pid: pid_t
    let outputFile: String
    private var status: Int32?

    /// Starts `executable` with `arguments`; standard output and error go to `outputFile`.
    init(_ executable: String, _ arguments: [String], outputFile: String) throws {
        self.outputFile = outputFile
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // The child would inherit the test runner's blocked signals and ignored SIGPIPE; with
        // SIGTERM blocked, stop() could only end it with SIGKILL after waiting.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw TestFailure("could not start \(executable): \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    /// The exit status once the process has ended, nil while it runs. Never blocks.
    var exitStatus: Int32? {
        if status == nil {
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
        }
        return status
    }

    /// What the process printed so far.
    var output: String { (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }

    /// Waits for the process to end by itself, polling so no thread is blocked.
    func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let exitStatus { return exitStatus }
            try await Task.sleep(for: .milliseconds(20))
        }
        stop()
        throw TestFailure("process \(pid) did not end within \(timeout)")
    }

    /// Ends the process (SIGTERM, then SIGKILL after 5 s) and reaps it. Safe to call twice.
    func stop() {
        guard exitStatus == nil else { return }
        kill(pid, SIGTERM)
        for _ in 0..<500 {
            if exitStatus != nil { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        var raw: Int32 = 0
        if waitpid(pid, &raw, 0) == pid { status = raw }
    }
}

/// Runs a program to completion and returns what it printed; throws, with that output, if it fails.
@discardableResult
func run(_ executable: String, _ arguments: [String]) async throws -> String {
    let folder = try TemporaryFolder("run")
    defer { folder.remove() }
    let process = try ChildProcess(executable, arguments, outputFile: folder.appending("output"))
    let status = try await process.waitForExit()
    guard status == 0 else {
        throw TestFailure("\(executable) \(arguments.joined(separator: " ")) failed (status \(status)):\n\(process.output)")
    }
    return process.output
}
