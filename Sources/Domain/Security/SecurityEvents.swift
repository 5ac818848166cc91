import Foundation

/// A sign-in with the right password looked risky: a second factor (or an e-mailed code) was asked
/// for, and the owner is told.
public struct SuspiciousSignInDetected: DomainEvent {
    public static let eventType = "SuspiciousSignInDetected"
    public var accountID: AccountID
    public var challengeID: UUID
    public var signals: [RiskSignal]
    public var score: Int
    public var personal: ClientDetails?

    enum CodingKeys: String, CodingKey { case accountID, challengeID, signals, score }

    public init(accountID: AccountID, challengeID: UUID, signals: [RiskSignal], score: Int, personal: ClientDetails?) {
        self.accountID = accountID
        self.challengeID = challengeID
        self.signals = signals
        self.score = score
        self.personal = personal
    }
}

/// One address failed against many accounts in a short time (stream `security-alerts`). Its sign-ins
/// are throttled and need the CAPTCHA while it lasts.
public struct CredentialStuffingDetected: DomainEvent {
    public static let eventType = "CredentialStuffingDetected"
    /// Keyed hash of the address (never the address itself).
    public var sourceKey: String
    /// The address's network (IPv4 /24, IPv6 /48), for the operator.
    public var network: String
    public var accounts: Int
    public var failures: Int
    public var windowSeconds: Int
    public var throttledUntil: Date
    public init(sourceKey: String, network: String, accounts: Int, failures: Int, windowSeconds: Int, throttledUntil: Date) {
        self.sourceKey = sourceKey
        self.network = network
        self.accounts = accounts
        self.failures = failures
        self.windowSeconds = windowSeconds
        self.throttledUntil = throttledUntil
    }
}

public enum SecurityStreams {
    public static let alerts = "security-alerts"
}
