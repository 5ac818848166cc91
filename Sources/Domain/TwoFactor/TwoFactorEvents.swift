import Foundation

/// How a second factor was proven.
public enum SecondFactorMethod: String, Codable, Sendable, Equatable {
    /// A code from an authenticator app (TOTP, RFC 6238).
    case totp
    /// One of the single-use recovery codes.
    case recoveryCode
    /// A code sent by e-mail (for risky sign-ins of accounts without an authenticator).
    case emailCode
}

/// The customer began setting up an authenticator app. The secret is sealed; it becomes active only
/// when a code from the app confirms it.
public struct TwoFactorEnrollmentStarted: DomainEvent {
    public static let eventType = "TwoFactorEnrollmentStarted"
    public struct Personal: Codable, Sendable, Equatable {
        /// The TOTP secret, base32.
        public var secret: String
        public init(secret: String) { self.secret = secret }
    }
    public var accountID: AccountID
    public var enrollmentID: UUID
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case accountID, enrollmentID }

    public init(accountID: AccountID, enrollmentID: UUID, personal: Personal?) {
        self.accountID = accountID
        self.enrollmentID = enrollmentID
        self.personal = personal
    }
}

/// Two-factor authentication is on: the app's code confirmed the secret. Ten single-use recovery
/// codes were shown once; only their keyed hashes are stored.
public struct TwoFactorEnabled: DomainEvent {
    public static let eventType = "TwoFactorEnabled"
    public var accountID: AccountID
    public var enrollmentID: UUID
    /// The time step of the confirming code: it cannot be used again.
    public var confirmedStep: Int64
    public var recoveryCodeHashes: [String]
    public init(accountID: AccountID, enrollmentID: UUID, confirmedStep: Int64, recoveryCodeHashes: [String]) {
        self.accountID = accountID
        self.enrollmentID = enrollmentID
        self.confirmedStep = confirmedStep
        self.recoveryCodeHashes = recoveryCodeHashes
    }
}

/// Two-factor authentication was turned off, by its owner (with a fresh password or code) or an admin.
public struct TwoFactorDisabled: DomainEvent {
    public static let eventType = "TwoFactorDisabled"
    public var accountID: AccountID
    public var by: String
    public init(accountID: AccountID, by: String) {
        self.accountID = accountID
        self.by = by
    }
}

/// A new set of recovery codes replaced the old one.
public struct RecoveryCodesRegenerated: DomainEvent {
    public static let eventType = "RecoveryCodesRegenerated"
    public var accountID: AccountID
    public var recoveryCodeHashes: [String]
    public init(accountID: AccountID, recoveryCodeHashes: [String]) {
        self.accountID = accountID
        self.recoveryCodeHashes = recoveryCodeHashes
    }
}

/// The password was right, and a second factor is now asked for before a session starts: because the
/// account has two-factor authentication, or because the sign-in looked risky.
public struct SecondFactorRequested: DomainEvent {
    public static let eventType = "SecondFactorRequested"
    public enum Reason: String, Codable, Sendable { case twoFactorEnabled, riskySignIn }
    public var accountID: AccountID
    public var challengeID: UUID
    public var method: SecondFactorMethod
    public var reason: Reason
    public var expiresAt: Date
    public var deviceID: String?
    /// For `emailCode`: the hash of the code that was mailed.
    public var codeHash: String?
    public var personal: ClientDetails?

    enum CodingKeys: String, CodingKey { case accountID, challengeID, method, reason, expiresAt, deviceID, codeHash }

    public init(accountID: AccountID, challengeID: UUID, method: SecondFactorMethod, reason: Reason, expiresAt: Date,
                deviceID: String?, codeHash: String?, personal: ClientDetails?) {
        self.accountID = accountID
        self.challengeID = challengeID
        self.method = method
        self.reason = reason
        self.expiresAt = expiresAt
        self.deviceID = deviceID
        self.codeHash = codeHash
        self.personal = personal
    }
}

/// A wrong second-factor code. Counts toward the lock, like a wrong password.
public struct SecondFactorFailed: DomainEvent {
    public static let eventType = "SecondFactorFailed"
    public var accountID: AccountID
    public var challengeID: UUID
    public var method: SecondFactorMethod
    public var personal: ClientDetails?

    enum CodingKeys: String, CodingKey { case accountID, challengeID, method }

    public init(accountID: AccountID, challengeID: UUID, method: SecondFactorMethod, personal: ClientDetails?) {
        self.accountID = accountID
        self.challengeID = challengeID
        self.method = method
        self.personal = personal
    }
}

/// A recovery code was spent (appended with the sign-in it allowed).
public struct RecoveryCodeUsed: DomainEvent {
    public static let eventType = "RecoveryCodeUsed"
    public var accountID: AccountID
    public var codeHash: String
    public var remaining: Int
    public init(accountID: AccountID, codeHash: String, remaining: Int) {
        self.accountID = accountID
        self.codeHash = codeHash
        self.remaining = remaining
    }
}
