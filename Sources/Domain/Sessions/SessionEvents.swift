import Foundation

/// A session began on a device (stream `session-<uuid>`, sealed under the account's subject).
/// Only the hash of its first refresh token is stored.
public struct SessionStarted: DomainEvent {
    public static let eventType = "SessionStarted"
    public var sessionID: UUID
    public var accountID: AccountID
    public var deviceID: String?
    /// A name for the device: the one an API client gave, or one derived from the user agent.
    public var deviceName: String?
    public var refreshTokenHash: String
    public var idleExpiresAt: Date
    public var absoluteExpiresAt: Date
    public var personal: ClientDetails?

    enum CodingKeys: String, CodingKey { case sessionID, accountID, deviceID, deviceName, refreshTokenHash, idleExpiresAt, absoluteExpiresAt }

    public init(sessionID: UUID, accountID: AccountID, deviceID: String?, deviceName: String?, refreshTokenHash: String,
                idleExpiresAt: Date, absoluteExpiresAt: Date, personal: ClientDetails?) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.deviceID = deviceID
        self.deviceName = deviceName
        self.refreshTokenHash = refreshTokenHash
        self.idleExpiresAt = idleExpiresAt
        self.absoluteExpiresAt = absoluteExpiresAt
        self.personal = personal
    }
}

/// The session's refresh token was used and replaced by a new one (rotation).
public struct SessionRefreshed: DomainEvent {
    public static let eventType = "SessionRefreshed"
    public var sessionID: UUID
    public var accountID: AccountID
    public var refreshTokenHash: String
    public var idleExpiresAt: Date
    public var personal: ClientDetails?

    enum CodingKeys: String, CodingKey { case sessionID, accountID, refreshTokenHash, idleExpiresAt }

    public init(sessionID: UUID, accountID: AccountID, refreshTokenHash: String, idleExpiresAt: Date, personal: ClientDetails?) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.refreshTokenHash = refreshTokenHash
        self.idleExpiresAt = idleExpiresAt
        self.personal = personal
    }
}

/// A refresh token that had already been used was presented again: someone holds a copy. The whole
/// session is revoked with it, and the owner is told.
public struct RefreshTokenReuseDetected: DomainEvent {
    public static let eventType = "RefreshTokenReuseDetected"
    public var sessionID: UUID
    public var accountID: AccountID
    public var personal: ClientDetails?

    enum CodingKeys: String, CodingKey { case sessionID, accountID }

    public init(sessionID: UUID, accountID: AccountID, personal: ClientDetails?) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.personal = personal
    }
}

/// Why a session ended.
public enum SessionEndReason: String, Codable, Sendable, Equatable, CaseIterable {
    case signedOut, revokedByUser, revokedWithOthers, passwordReset, passwordChanged, forcedByAdmin
    case refreshTokenReused, expired, accountFlaggedCompromised
}

/// A session ended; its access and refresh tokens stop working at once.
public struct SessionRevoked: DomainEvent {
    public static let eventType = "SessionRevoked"
    public var sessionID: UUID
    public var accountID: AccountID
    public var reason: SessionEndReason
    public init(sessionID: UUID, accountID: AccountID, reason: SessionEndReason) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.reason = reason
    }
}
