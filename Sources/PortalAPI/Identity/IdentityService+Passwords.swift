import Domain
import EventStore
import Foundation
import Projections

extension IdentityService {
    /// Sends a reset link when the address has an active account. Answers the same, and takes the
    /// same time, whether or not it does.
    public func forgotPassword(email: String, captcha: String? = nil, client: ClientContext) async throws {
        try await withTimingFloor {
            try limit(client)
            _ = try EmailAddress(email)
            try requireCaptcha(captcha)
            guard let (id, key) = try activeAccount(email: email) else {
                try await recordUnknownAddress(email: email, request: .passwordReset, client: client)
                return
            }
            try limit(account: key)
            try await retrying {
                let (account, version) = try repository.load(id)
                let requested = try account.decideResetRequest(links.request(id: UUIDv7.make()), policy: sessionPolicy, now: Date())
                try await append([.passwordResetRequested(requested)], to: id, version: version, client: client)
            }
        }
    }

    /// Sets a new password through a reset link, once, before it expires. Every session of the
    /// account ends in the same transaction, and a lock is lifted.
    public func resetPassword(token: String, newPassword: String, client: ClientContext) async throws {
        try limit(client)
        guard let (id, presented) = LinkTokens.parse(token) else { throw DomainError.rejected(linkRefusedMessage) }
        // The link is checked before anything slow happens, so a bad link fails fast and the same way.
        try checkResetLink(token: token)
        let account = try repository.load(id).account
        try policy.check(newPassword, email: account.email, name: account.name, field: "newPassword")
        let reused = try await reusesRecent(newPassword, account)
        let hash = try await hasher.hash(newPassword)
        let position = try await retrying {
            let (account, version) = try repository.load(id)
            let events = try account.decideReset(presentedTokenHash: presented, newPasswordHash: hash, reusesRecentPassword: reused, now: Date())
            _ = await runner.waitUntil(store.lastPosition, projections: [sessions.name], timeout: .seconds(2))
            let ended = try revocations(sessions.activeSessions(of: id, at: Date()), reason: .passwordReset, client: client, actor: id.description)
            return try await append(events, to: id, version: version, client: client, extra: ended)
        }
        await settle(position)
    }

    /// Checks a reset link without using it, so a page can refuse a bad link before anyone types a password.
    public func checkResetLink(token: String) throws {
        guard let (id, presented) = LinkTokens.parse(token) else { throw DomainError.rejected(linkRefusedMessage) }
        _ = try repository.load(id).account.decideReset(presentedTokenHash: presented, newPasswordHash: "", reusesRecentPassword: false, now: Date())
    }

    /// Changes the password of a signed-in customer who knows the current one. Their other sessions end.
    /// Returns a fresh access token for the current session (one that no longer requires a change).
    @discardableResult
    public func changePassword(account id: AccountID, session: UUID?, current: String, new: String, client: ClientContext) async throws -> (accessToken: String, expiresIn: Int)? {
        try limit(client)
        let account = try repository.load(id).account
        let matches = try await hasher.verify(current, against: account.passwordHash)
        guard matches else { throw ValidationFailure([FieldError(field: "currentPassword", message: "This is not your current password.")]) }
        try policy.check(new, email: account.email, name: account.name, field: "newPassword")
        let reused = try await reusesRecent(new, account)
        let hash = try await hasher.hash(new)
        let position = try await retrying {
            let (account, version) = try repository.load(id)
            let changed = try account.decideChangePassword(currentMatches: true, newPasswordHash: hash, reusesRecentPassword: reused, session: session)
            _ = await runner.waitUntil(store.lastPosition, projections: [sessions.name], timeout: .seconds(2))
            let others = sessions.activeSessions(of: id, at: Date()).filter { $0.id != session }
            let ended = try revocations(others, reason: .passwordChanged, client: client, actor: id.description)
            return try await append([.passwordChanged(changed)], to: id, version: version, client: client, extra: ended)
        }
        await settle(position)
        guard let session else { return nil }
        let fresh = try await tokens.issue(account: id, session: session, passwordChangeRequired: false)
        return (fresh.token, fresh.expiresIn)
    }

    /// Whether `password` matches one of the account's recent passwords (checked one by one: each is
    /// a salted Argon2id hash).
    func reusesRecent(_ password: String, _ account: Account) async throws -> Bool {
        for hash in account.recentPasswordHashes(depth: policy.historyDepth) where try await hasher.verify(password, against: hash) {
            return true
        }
        return false
    }
}
