import Domain
import EventStore
import Foundation
import Projections

/// What a client gets after signing in or refreshing.
public struct SessionTokens: Sendable {
    public var accountID: AccountID
    public var sessionID: UUID
    public var accessToken: String
    public var refreshToken: String
    public var expiresIn: Int
    /// The session may only change the password (expired, or flagged as compromised).
    public var passwordChangeRequired: Bool
    public var position: UInt64
}

extension IdentityService {
    /// Signs in, or throws ``AuthenticationFailed`` — the same for an unknown address, a wrong password,
    /// a locked account and an erased one, after the same amount of hashing work.
    public func signIn(email rawEmail: String, password: String, deviceName: String?, client: ClientContext) async throws -> SessionTokens {
        try limit(client)
        guard let email = try? EmailAddress(rawEmail), !password.isEmpty, password.count <= policy.maximumLength else {
            _ = try await hasher.verify(password, against: nil)
            throw AuthenticationFailed()
        }
        let key = emailKeys.key(for: email)
        try limit(account: key)
        guard let id = try accountID(for: key), try repository.load(id).account.status == .active else {
            _ = try await hasher.verify(password, against: nil)
            _ = try await store.append(to: IdentityStreams.unknownSignIns(key), expected: .any, events: [
                try EventEnvelope.make(Account.unknownAccountSignIn(emailKey: key, deviceID: client.deviceID), subject: nil, metadata: client.metadata(actor: nil)),
            ])
            throw AuthenticationFailed()
        }
        // The hash is checked even for a locked account, so a lock cannot be told from a wrong password by timing.
        let matches = try await hasher.verify(password, against: try repository.load(id).account.passwordHash)
        let sessionID = UUIDv7.make()
        let refresh = RefreshTokens.make(session: sessionID)
        let command = SignIn(emailKey: key, passwordMatches: matches, deviceID: client.deviceID, deviceName: deviceName ?? DeviceName.describe(client.userAgent),
                             refreshTokenHash: refresh.hash, client: ClientDetails(userAgent: client.userAgent))
        let (decision, position) = try await retrying {
            let (account, version) = try repository.load(id)
            let decision = try account.decide(command, lockout: lockout, sessions: sessionPolicy, context: context(ids: [sessionID]))
            var extra: [StreamAppend] = []
            if case .signedIn(_, let started) = decision {
                extra.append(StreamAppend(stream: Session.stream(sessionID), expected: .noStream, events: [
                    try EventEnvelope.make(started, subject: id.stream, metadata: client.metadata(actor: id.description)),
                ]))
            }
            return (decision, try await append(decision.accountEvents, to: id, version: version, client: client, extra: extra))
        }
        guard case .signedIn(let signedIn, _) = decision else { throw AuthenticationFailed() }
        await settle(position)
        let (access, expiresIn) = try await tokens.issue(account: id, session: sessionID, passwordChangeRequired: signedIn.passwordChangeRequired)
        return SessionTokens(accountID: id, sessionID: sessionID, accessToken: access, refreshToken: refresh.token, expiresIn: expiresIn,
                             passwordChangeRequired: signedIn.passwordChangeRequired, position: position)
    }

    /// Exchanges a refresh token for a new pair. A token that was already used revokes its whole
    /// session; an expired session ends. Both, and unknown tokens, throw ``AuthenticationFailed``.
    public func refresh(token: String, client: ClientContext) async throws -> SessionTokens {
        try limit(client)
        guard let (sessionID, presented) = RefreshTokens.parse(token) else { throw AuthenticationFailed() }
        let next = RefreshTokens.make(session: sessionID)
        return try await retrying {
            let (session, version) = try loadSession(sessionID)
            guard let accountID = session.accountID else { throw AuthenticationFailed() }
            let account = try repository.load(accountID).account
            let command = RefreshSession(presentedTokenHash: presented, newTokenHash: next.hash, client: ClientDetails(userAgent: client.userAgent))
            let decision = account.status == .active ? session.decide(command, policy: sessionPolicy, context: context()) : .refused
            func record(_ events: [any DomainEvent]) async throws -> UInt64 {
                try await store.append(to: Session.stream(sessionID), expected: .exact(version), events: try events.map {
                    try EventEnvelope.make($0, subject: accountID.stream, metadata: client.metadata(actor: accountID.description))
                }).lastPosition
            }
            switch decision {
            case .rotated(let refreshed):
                let position = try await record([refreshed])
                await settle(position)
                let changeRequired = passwordChangeRequired(account)
                let (access, expiresIn) = try await tokens.issue(account: accountID, session: sessionID, passwordChangeRequired: changeRequired)
                return SessionTokens(accountID: accountID, sessionID: sessionID, accessToken: access, refreshToken: next.token,
                                     expiresIn: expiresIn, passwordChangeRequired: changeRequired, position: position)
            case let .reuseDetected(reuse, revoked):
                logger.warning("refresh token reuse on session \(sessionID); session revoked")
                await settle(try await record([reuse, revoked]))
                throw AuthenticationFailed()
            case .expired(let revoked):
                await settle(try await record([revoked]))
                throw AuthenticationFailed()
            case .refused:
                throw AuthenticationFailed()
            }
        }
    }

    func passwordChangeRequired(_ account: Account) -> Bool {
        if account.mustChangePassword { return true }
        guard let age = sessionPolicy.maximumPasswordAge, let changed = account.passwordChangedAt else { return false }
        return Date().timeIntervalSince(changed) > age
    }
}
