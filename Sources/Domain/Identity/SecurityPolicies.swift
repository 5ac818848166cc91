import Foundation

/// When repeated failed sign-ins lock an account, and for how long.
///
/// After `threshold` consecutive failures the account is locked for `baseDuration`; each further
/// lock within `memory` of the previous one doubles the duration, up to `maximumDuration`. Failures
/// while locked are recorded but neither count nor extend the lock, and a password reset unlocks —
/// so an attacker can slow a victim down but never lock them out for good.
public struct LockoutPolicy: Sendable, Equatable {
    public var threshold: Int
    public var baseDuration: TimeInterval
    public var maximumDuration: TimeInterval
    public var memory: TimeInterval

    public init(threshold: Int = 5, baseDuration: TimeInterval = 5 * 60, maximumDuration: TimeInterval = 60 * 60, memory: TimeInterval = 24 * 3600) {
        self.threshold = threshold
        self.baseDuration = baseDuration
        self.maximumDuration = maximumDuration
        self.memory = memory
    }

    /// The lock duration of the `level`-th lock in a row (1-based).
    public func duration(level: Int) -> TimeInterval {
        let doubled = baseDuration * pow(2, Double(max(0, min(level - 1, 30))))
        return min(doubled, maximumDuration)
    }
}

/// Lifetimes of sessions and single-use links.
public struct SessionPolicy: Sendable, Equatable {
    /// A session not refreshed for this long ends.
    public var idleTimeout: TimeInterval
    /// A session ends this long after sign-in, however active.
    public var absoluteLifetime: TimeInterval
    /// E-mail verification links.
    public var verificationLinkLifetime: TimeInterval
    /// Password reset links (at most an hour).
    public var resetLinkLifetime: TimeInterval
    /// Maximum password age; nil (the default, as NIST advises) means passwords do not expire.
    public var maximumPasswordAge: TimeInterval?

    public init(idleTimeout: TimeInterval = 7 * 24 * 3600, absoluteLifetime: TimeInterval = 30 * 24 * 3600,
                verificationLinkLifetime: TimeInterval = 48 * 3600, resetLinkLifetime: TimeInterval = 3600,
                maximumPasswordAge: TimeInterval? = nil) {
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
        self.verificationLinkLifetime = verificationLinkLifetime
        self.resetLinkLifetime = min(resetLinkLifetime, 3600)
        self.maximumPasswordAge = maximumPasswordAge
    }
}

/// Compares two strings without an early exit, so the time taken does not tell how much matched.
public func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var difference = UInt8(x.count == y.count ? 0 : 1)
    for i in 0..<max(x.count, y.count) {
        difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
    }
    return difference == 0
}
