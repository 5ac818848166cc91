import Foundation

/// The state of one session, folded from its stream.
public struct Session: Sendable, Equatable {
    public enum Status: String, Sendable, Codable { case absent, active, ended }

    public var id: UUID?
    public var accountID: AccountID?
    public var status: Status = .absent
    public var endReason: SessionEndReason?
    public var currentTokenHash: String?
    /// Hashes of refresh tokens already exchanged; presenting one again is reuse.
    public var usedTokenHashes: Set<String> = []
    public var idleExpiresAt: Date?
    public var absoluteExpiresAt: Date?
    public var deviceID: String?

    public init() {}

    /// Whether the session can still be used at `now`.
    public func isUsable(at now: Date) -> Bool {
        guard status == .active, let idle = idleExpiresAt, let absolute = absoluteExpiresAt else { return false }
        return now < idle && now < absolute
    }

    public func evolve(_ event: any DomainEvent) -> Session {
        var s = self
        switch event {
        case let e as SessionStarted:
            s.id = e.sessionID
            s.accountID = e.accountID
            s.status = .active
            s.currentTokenHash = e.refreshTokenHash
            s.idleExpiresAt = e.idleExpiresAt
            s.absoluteExpiresAt = e.absoluteExpiresAt
            s.deviceID = e.deviceID
        case let e as SessionRefreshed:
            if let old = s.currentTokenHash { s.usedTokenHashes.insert(old) }
            s.currentTokenHash = e.refreshTokenHash
            s.idleExpiresAt = e.idleExpiresAt
        case let e as SessionRevoked:
            s.status = .ended
            s.endReason = e.reason
            if let old = s.currentTokenHash { s.usedTokenHashes.insert(old) }
            s.currentTokenHash = nil
        default:
            break
        }
        return s
    }
}
