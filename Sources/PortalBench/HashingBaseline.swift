import EventStore
import Foundation
import Synchronization

/// Raw Argon2id verifications per second in this process: the most sign-ins per second the server's
/// hashing pool could give, were HTTP, JSON, tokens and the event log free.
///
/// Runs `threads` dedicated threads (the server's pool has one per core) that each verify a correct
/// password against one hash of the given cost, back to back, until the time is up. The figure
/// counts verifications that finished, over the time until the last one finished.
struct HashingBaseline {
    struct Figures {
        var verifications: Int
        var threads: Int
        var seconds: Double
        var perSecond: Double { Double(verifications) / seconds }
        var summary: String {
            "\(verifications) Argon2id verifications on \(threads) threads in \(format(seconds)) s, \(String(format: "%.1f", perSecond))/s"
        }
    }

    let cost: Sodium.PasswordCost
    let threads: Int
    let seconds: Int

    func run() async throws -> Figures {
        // As the server does when it opens its store: without sodium_init, libsodium's Argon2 runs its
        // portable code instead of the vectorised one picked for this CPU.
        try Sodium.ready()
        let password = "plum-orbit-baseline-sandal"
        let hash = try Sodium.hashPassword(password, cost: cost)
        guard Sodium.verifyPassword(password, hash: hash) else {
            throw BenchError.check("a fresh Argon2id hash does not verify its own password")
        }

        let clock = Stopwatch()
        let deadline = clock.start + UInt64(seconds) * 1_000_000_000
        let tally = Tally(start: clock.start)
        let group = DispatchGroup()
        for _ in 0..<threads {
            group.enter()
            Thread.detachNewThread {
                var done = 0
                var failed = 0
                while Stopwatch.now() < deadline {
                    if Sodium.verifyPassword(password, hash: hash) { done += 1 } else { failed += 1 }
                }
                tally.add(done, failed: failed, finishedAt: Stopwatch.now())
                group.leave()
            }
        }
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            group.notify(queue: .global()) { finished.resume() }
        }

        let result = tally.state.withLock { $0 }
        guard result.failed == 0 else { throw BenchError.check("\(result.failed) Argon2id verifications of a correct password failed") }
        guard result.done > 0 else { throw BenchError.check("no Argon2id verification finished within \(seconds) s") }
        return Figures(verifications: result.done, threads: threads, seconds: Double(result.lastFinish - clock.start) / 1e9)
    }

    /// What the threads report when they stop.
    private final class Tally: Sendable {
        let state: Mutex<(done: Int, failed: Int, lastFinish: UInt64)>

        init(start: UInt64) { state = Mutex((0, 0, start)) }

        func add(_ done: Int, failed: Int, finishedAt finish: UInt64) {
            state.withLock { $0 = ($0.done + done, $0.failed + failed, max($0.lastFinish, finish)) }
        }
    }
}
