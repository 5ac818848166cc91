import EventStore
import Foundation

/// Sign-ins end to end over HTTP on loopback, against the real server in a child process, with the
/// load from wrk in other processes.
///
/// 1. `portalctl serve` on a free port with a fresh data folder, the standard cost, and rate limits
///    out of the way.
/// 2. Baseline: raw Argon2id verifications per second at the server's cost, on as many threads as
///    the server's hashing pool has (one per core), in this process while the server idles; again
///    at the end. The better window counts, since other work on the machine can only lower it.
/// 3. Accounts registered through the API and each signed in once (this also checks them).
/// 4. GET /api/v1/me alone: a few connections, a short pause after each answer.
/// 5. Sign-ins with correct passwords on enough connections to keep every hashing thread busy,
///    and the same GET /api/v1/me load beside them, starting a second later and ending a second
///    earlier, so all of it meets a saturated hashing pool.
///
/// The server is stopped and its folder removed on every way out, an interrupt included.
struct AuthLoadBenchmark {
    struct Figures {
        /// The better of the two baseline windows.
        var hashing: HashingBaseline.Figures
        var idleReads: WrkOutput
        var signIns: WrkOutput
        var loadedReads: WrkOutput

        /// The group's JSON lines, each compared figure with its baseline from the same run.
        var metricLines: [MetricLine] {
            let hash = MetricLine("auth.hash_per_s", hashing.perSecond, unit: "hashes/s")
            let idle50 = MetricLine("auth.get_me_idle.p50_ms", idleReads.p50Milliseconds, unit: "ms")
            let idle99 = MetricLine("auth.get_me_idle.p99_ms", idleReads.p99Milliseconds, unit: "ms")
            return [
                hash, idle50, idle99,
                MetricLine("auth.signin_per_s", signIns.requestsPerSecond, unit: "signins/s",
                           baseline: hash.metric, ratio: signIns.requestsPerSecond / hash.value),
                MetricLine("auth.signin.p50_ms", signIns.p50Milliseconds, unit: "ms"),
                MetricLine("auth.signin.p99_ms", signIns.p99Milliseconds, unit: "ms"),
                MetricLine("auth.get_me_per_s", loadedReads.requestsPerSecond, unit: "requests/s"),
                MetricLine("auth.get_me.p50_ms", loadedReads.p50Milliseconds, unit: "ms",
                           baseline: idle50.metric, ratio: loadedReads.p50Milliseconds / idle50.value),
                MetricLine("auth.get_me.p99_ms", loadedReads.p99Milliseconds, unit: "ms",
                           baseline: idle99.metric, ratio: loadedReads.p99Milliseconds / idle99.value),
            ]
        }
    }

    let scratch: ScratchSpace
    let durations: AuthDurations
    /// The server's pool size: `PortalConfiguration.hashingThreads` defaults to one per core.
    var hashingThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var signInThreads = 2
    /// Eight waiting sign-ins per hashing thread keep the pool busy between answers.
    var signInConnections: Int { max(16, 8 * hashingThreads) }
    var readConnections = 2
    var readPauseMilliseconds = 10
    let deviceName = "portal-bench"

    func run() async throws -> Figures {
        let portalctl = try PortalServerProcess.locatePortalctl()
        let wrk = try WrkRun.locate()

        let folder = scratch.path("auth")
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw BenchError.scratch("cannot create \(folder): \(error.localizedDescription)")
        }
        defer { scratch.remove(folder) }
        let server = try PortalServerProcess(
            portalctl: portalctl, dataFolder: "\(folder)/data", logPath: "\(folder)/server.log",
            flags: ["--password-cost", "standard", "--rate-limit-ip", "1000000/s", "--rate-limit-account", "1000000/s", "--captcha", "off", "--log-level", "warning"])
        defer { server.stop() }
        note("auth: \(server.commandLine)")

        do {
            try await server.waitUntilHealthy(client: PortalClient(baseURL: server.baseURL))
            let baseline = HashingBaseline(cost: .standard, threads: hashingThreads, seconds: durations.hashing)
            let before = try await baseline.run()
            note("auth: before the load: \(before.summary)")
            try Task.checkCancellation()
            let load = try await measure(server, wrk: wrk, folder: folder)
            try server.checkRunning()
            if server.loggedLines > 0 { note("auth: the server logged \(server.loggedLines) lines at warning or above; the last:\n\(server.logTail(lines: 5))") }
            let after = try await baseline.run()
            note("auth: after the load: \(after.summary)")
            return Figures(hashing: after.perSecond > before.perSecond ? after : before,
                           idleReads: load.idle, signIns: load.signIns, loadedReads: load.loadedReads)
        } catch let error as BenchError {
            // The server's side of a failed load phase, while its log still exists.
            guard case .loadGenerator(let message) = error, server.loggedLines > 0 else { throw error }
            throw BenchError.loadGenerator("\(message)\nthe server's log ends with:\n\(server.logTail())")
        }
    }

    /// Steps 3 to 5.
    private func measure(_ server: PortalServerProcess, wrk: String, folder: String) async throws
        -> (idle: WrkOutput, signIns: WrkOutput, loadedReads: WrkOutput)
    {
        let client = PortalClient(baseURL: server.baseURL)

        let setup = Stopwatch()
        let reader = BenchAccount(index: 0)
        let signers = (1...(2 * signInConnections)).map { BenchAccount(index: $0) }
        try await forEach([reader] + signers) { try await client.register($0) }
        try await forEach(signers) { _ = try await client.signIn($0, deviceName: deviceName) }
        let token = try await client.signIn(reader, deviceName: deviceName)
        let me = try await client.get("api/v1/me", bearer: token)
        guard me.status == 200, me.text.contains(reader.email) else {
            throw BenchError.server("GET /api/v1/me with a fresh access token answered \(me.status): \(me.text)")
        }
        note("auth: \(signers.count + 1) accounts registered and signed in once in \(format(setup.elapsedSeconds)) s")

        let readScript = "\(folder)/get-me.lua", signInScript = "\(folder)/signin.lua"
        try write(WrkScript.profileReads(accessToken: token, pauseMilliseconds: readPauseMilliseconds), to: readScript)
        try write(WrkScript.signIns(signers, threads: signInThreads, deviceName: deviceName), to: signInScript)
        let meURL = server.baseURL.appendingPathComponent("api/v1/me")

        let idleRun = WrkRun(label: "get_me_idle", threads: 1, connections: readConnections, seconds: durations.idleReads, script: readScript, url: meURL)
        note("auth: \(idleRun.commandLine)")
        try Task.checkCancellation()
        let idle = try await idleRun.run(wrk: wrk)
        note("auth: idle GET /api/v1/me: \(idle.requests) requests in \(format(idle.seconds)) s")

        let signInRun = WrkRun(label: "signin", threads: signInThreads, connections: signInConnections, seconds: durations.signIns,
                               script: signInScript, url: server.baseURL.appendingPathComponent("api/v1/auth/login"))
        let loadedRun = WrkRun(label: "get_me", threads: 1, connections: readConnections, seconds: max(1, durations.signIns - 2),
                               script: readScript, url: meURL)
        note("auth: \(signInRun.commandLine)")
        note("auth: 1 s later, beside it: \(loadedRun.commandLine)")
        async let signIns = signInRun.run(wrk: wrk)
        try await Task.sleep(for: .seconds(1))
        async let loadedReads = loadedRun.run(wrk: wrk)
        let (signed, loaded) = try await (signIns, loadedReads)
        note("auth: \(signed.requests) sign-ins in \(format(signed.seconds)) s; beside them \(loaded.requests) GET /api/v1/me in \(format(loaded.seconds)) s")
        return (idle, signed, loaded)
    }

    /// Runs `body` for each account, four at a time (registration and sign-in each cost one hash).
    private func forEach(_ accounts: [BenchAccount], _ body: @escaping @Sendable (BenchAccount) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = accounts.makeIterator()
            for _ in 0..<4 { if let account = pending.next() { group.addTask { try await body(account) } } }
            while try await group.next() != nil {
                if let account = pending.next() { group.addTask { try await body(account) } }
            }
        }
    }

    private func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw BenchError.scratch("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
