import EventStore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Argon2id hashing and verification on a small pool of dedicated threads, so the event loop never
/// blocks on the deliberately slow work; requests queue when every thread is busy.
public final class PasswordHasher: Sendable {
    private let pool: NIOThreadPool
    private let cost: Sodium.PasswordCost
    /// A hash of a random password, verified against when the account does not exist, so unknown
    /// and known addresses take the same time.
    private let decoy: String

    public init(cost: Sodium.PasswordCost, threads: Int) throws {
        self.cost = cost
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        decoy = try Sodium.hashPassword(Sodium.randomBytes(16).hex, cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await pool.runIfActive {
            Self.yieldToRequests()
            return try Sodium.hashPassword(password, cost: cost)
        }
    }

    /// Verifies `password` against `hash`, or against the decoy when `hash` is nil (always false then).
    public func verify(_ password: String, against hash: String?) async throws -> Bool {
        let target = hash ?? decoy
        let matches = try await pool.runIfActive {
            Self.yieldToRequests()
            return Sodium.verifyPassword(password, hash: target)
        }
        return hash != nil && matches
    }

    /// Runs this hashing thread at a lower CPU priority (nice 10). With one hashing thread per core,
    /// a burst of sign-ins would otherwise leave no core for the event loop, and every other request
    /// would wait behind the hashes; this way hashing uses the CPU that requests leave idle. (On Linux,
    /// `setpriority` with id 0 sets the calling thread's nice value only.)
    private static func yieldToRequests() {
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
    }

    public func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
