import Foundation
import Synchronization

/// Token buckets keyed by client IP or account, in memory. Full buckets are forgotten, so memory stays
/// bounded by the clients that were recently active.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }
    private let limit: RateLimit
    private let buckets = Mutex<[String: Bucket]>([:])
    private let sweepEvery = 10_000
    private let counter = Mutex(0)

    init(_ limit: RateLimit) { self.limit = limit }

    /// Takes one token for `key`; nil when allowed, otherwise the seconds until a token is back.
    func take(_ key: String, now: ContinuousClock.Instant = .now) -> Int? {
        let rate = limit.refillPerSecond, capacity = Double(limit.capacity)
        let wait: Int? = buckets.withLock { b in
            var bucket = b[key] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = now - bucket.updated
            bucket.tokens = min(capacity, bucket.tokens + (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * rate)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                b[key] = bucket
                return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
            }
            bucket.tokens -= 1
            b[key] = bucket
            return nil
        }
        if counter.withLock({ c in c += 1; return c % sweepEvery == 0 }) { sweep(now: now) }
        return wait
    }

    /// Drops buckets that would be full by now.
    private func sweep(now: ContinuousClock.Instant) {
        let full = Double(limit.capacity) / limit.refillPerSecond
        buckets.withLock { b in
            b = b.filter { _, bucket in
                let idle = now - bucket.updated
                return Double(idle.components.seconds) < full
            }
        }
    }
}

/// Too many attempts: the client should wait `retryAfter` seconds.
public struct RateLimited: Error, Sendable {
    public var retryAfter: Int
}
