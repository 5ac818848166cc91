import Foundation

/// A verification link was made for the account's e-mail address (on registration, or on request).
/// Only a hash of the link's secret is stored; a newer request replaces older ones.
public struct EmailVerificationRequested: DomainEvent {
    public static let eventType = "EmailVerificationRequested"
    public var accountID: AccountID
    public var requestID: UUID
    public var tokenHash: String
    public var expiresAt: Date
    public init(accountID: AccountID, requestID: UUID, tokenHash: String, expiresAt: Date) {
        self.accountID = accountID
        self.requestID = requestID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}

/// The customer opened their verification link: the address is theirs.
public struct EmailVerified: DomainEvent {
    public static let eventType = "EmailVerified"
    public var accountID: AccountID
    public var requestID: UUID
    public init(accountID: AccountID, requestID: UUID) {
        self.accountID = accountID
        self.requestID = requestID
    }
}

/// A password reset link was sent. Only the hash of its secret is stored; it expires within an hour
/// and a newer request replaces it.
public struct PasswordResetRequested: DomainEvent {
    public static let eventType = "PasswordResetRequested"
    public var accountID: AccountID
    public var requestID: UUID
    public var tokenHash: String
    public var expiresAt: Date
    public init(accountID: AccountID, requestID: UUID, tokenHash: String, expiresAt: Date) {
        self.accountID = accountID
        self.requestID = requestID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}

/// A password reset or a new verification mail was asked for an address that has no account (stream
/// `signin-<key>`). The visitor got the same answer as for a known address.
public struct UnknownAddressRequestReceived: DomainEvent {
    public static let eventType = "UnknownAddressRequestReceived"
    public enum Request: String, Codable, Sendable { case passwordReset, verificationEmail }
    public var emailKey: EmailKey
    public var request: Request
    public init(emailKey: EmailKey, request: Request) {
        self.emailKey = emailKey
        self.request = request
    }
}

/// The password was replaced through a reset link. Every session of the account ends with it.
public struct PasswordReset: DomainEvent {
    public static let eventType = "PasswordReset"
    public struct Personal: Codable, Sendable, Equatable {
        public var passwordHash: String
        public init(passwordHash: String) { self.passwordHash = passwordHash }
    }
    public var accountID: AccountID
    public var requestID: UUID
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case accountID, requestID }

    public init(accountID: AccountID, requestID: UUID, personal: Personal?) {
        self.accountID = accountID
        self.requestID = requestID
        self.personal = personal
    }
}

/// The signed-in customer changed their password. Their other sessions end with it.
public struct PasswordChanged: DomainEvent {
    public static let eventType = "PasswordChanged"
    public var accountID: AccountID
    /// The session that made the change (kept signed in).
    public var sessionID: UUID?
    public var personal: PasswordReset.Personal?

    enum CodingKeys: String, CodingKey { case accountID, sessionID }

    public init(accountID: AccountID, sessionID: UUID?, personal: PasswordReset.Personal?) {
        self.accountID = accountID
        self.sessionID = sessionID
        self.personal = personal
    }
}

/// Too many failed sign-ins in a row: password sign-in is refused until `until`.
public struct AccountLocked: DomainEvent {
    public static let eventType = "AccountLocked"
    public var accountID: AccountID
    public var until: Date
    /// The how-manieth lock in a row (durations double with it).
    public var level: Int
    public var failures: Int
    public init(accountID: AccountID, until: Date, level: Int, failures: Int) {
        self.accountID = accountID
        self.until = until
        self.level = level
        self.failures = failures
    }
}

/// A lock was lifted before it ran out: by an admin, or by a password reset.
public struct AccountUnlocked: DomainEvent {
    public static let eventType = "AccountUnlocked"
    public var accountID: AccountID
    public var by: String
    public init(accountID: AccountID, by: String) {
        self.accountID = accountID
        self.by = by
    }
}

/// An admin flagged the account as compromised: its sessions end and the next sign-in must change
/// the password before doing anything else.
public struct AccountFlaggedCompromised: DomainEvent {
    public static let eventType = "AccountFlaggedCompromised"
    public var accountID: AccountID
    public var by: String
    public init(accountID: AccountID, by: String) {
        self.accountID = accountID
        self.by = by
    }
}
