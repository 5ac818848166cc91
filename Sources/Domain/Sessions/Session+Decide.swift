import Foundation

/// Exchange a refresh token for a new one.
public struct RefreshSession: Sendable, Equatable {
    /// Hash of the token the client presented.
    public var presentedTokenHash: String
    /// Hash of the token that will replace it.
    public var newTokenHash: String
    public var client: ClientDetails

    public init(presentedTokenHash: String, newTokenHash: String, client: ClientDetails) {
        self.presentedTokenHash = presentedTokenHash
        self.newTokenHash = newTokenHash
        self.client = client
    }
}

/// What a refresh comes to.
public enum RefreshDecision: Sendable, Equatable {
    /// The token was current: a new one replaces it.
    case rotated(SessionRefreshed)
    /// The token had been used before: the session is revoked, and the client refused.
    case reuseDetected(RefreshTokenReuseDetected, SessionRevoked)
    /// The session ran out (idle or absolute): it is ended now, and the client refused.
    case expired(SessionRevoked)
    /// Nothing to record: unknown token, or a session already ended. The client is refused.
    case refused
}

extension Session {
    public func decide(_ command: RefreshSession, policy: SessionPolicy, context: DecisionContext) -> RefreshDecision {
        guard let id, let accountID, status != .absent else { return .refused }
        if usedTokenHashes.contains(where: { constantTimeEquals($0, command.presentedTokenHash) }) {
            // Reuse is reported even on an ended session, but revokes only once.
            guard status == .active else { return .refused }
            return .reuseDetected(
                RefreshTokenReuseDetected(sessionID: id, accountID: accountID, personal: command.client),
                SessionRevoked(sessionID: id, accountID: accountID, reason: .refreshTokenReused))
        }
        guard status == .active, let current = currentTokenHash, constantTimeEquals(current, command.presentedTokenHash) else { return .refused }
        guard isUsable(at: context.now) else {
            return .expired(SessionRevoked(sessionID: id, accountID: accountID, reason: .expired))
        }
        let idle = min(context.now.addingTimeInterval(policy.idleTimeout), absoluteExpiresAt ?? context.now)
        return .rotated(SessionRefreshed(sessionID: id, accountID: accountID, refreshTokenHash: command.newTokenHash, idleExpiresAt: idle, personal: command.client))
    }

    /// Ends the session for `reason`; nil when it has already ended.
    public func revoke(_ reason: SessionEndReason) -> SessionRevoked? {
        guard let id, let accountID, status == .active else { return nil }
        return SessionRevoked(sessionID: id, accountID: accountID, reason: reason)
    }

    /// The first events of a new session.
    public static func start(id: UUID, account: AccountID, deviceID: String?, deviceName: String?, refreshTokenHash: String,
                             client: ClientDetails, policy: SessionPolicy, now: Date) -> SessionStarted {
        SessionStarted(
            sessionID: id, accountID: account, deviceID: deviceID, deviceName: deviceName, refreshTokenHash: refreshTokenHash,
            idleExpiresAt: now.addingTimeInterval(min(policy.idleTimeout, policy.absoluteLifetime)),
            absoluteExpiresAt: now.addingTimeInterval(policy.absoluteLifetime), personal: client)
    }

    /// The stream of a session.
    public static func stream(_ id: UUID) -> String { "session-\(id.uuidString.lowercased())" }
}
