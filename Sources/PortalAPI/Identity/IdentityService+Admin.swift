import Domain
import EventStore
import Foundation
import Projections

extension IdentityService {
    /// Finds an account by id (`<uuid>` or `account-<uuid>`) or e-mail address.
    public func findAccount(_ reference: String) throws -> AccountID? {
        if let id = AccountID(reference) ?? AccountID(stream: reference) {
            return try repository.load(id).account.status == .absent ? nil : id
        }
        guard let email = try? EmailAddress(reference) else { return nil }
        return try accountID(for: emailKeys.key(for: email))
    }

    /// Ends every session of the account (`portalctl accounts force-logout`).
    public func forceLogout(_ id: AccountID, by actor: String) async throws -> Int {
        _ = try repository.load(id).account.requireActive()
        return try await revokeSessions(of: id, except: nil, reason: .forcedByAdmin, client: ClientContext(), actor: actor)
    }

    /// Lifts a lock before it runs out (`portalctl accounts unlock`).
    public func unlock(_ id: AccountID, by actor: String) async throws {
        try await retrying {
            let (account, version) = try repository.load(id)
            let unlocked = try account.decideUnlock(by: actor, now: Date())
            try await append([.unlocked(unlocked)], to: id, version: version, client: ClientContext(), actor: actor)
        }
    }

    /// Flags the account as compromised: its sessions end, and the next sign-in must change the password.
    public func flagCompromised(_ id: AccountID, by actor: String) async throws {
        let position = try await retrying {
            let (account, version) = try repository.load(id)
            let flagged = try account.decideFlagCompromised(by: actor)
            _ = await runner.waitUntil(store.lastPosition, projections: [sessions.name], timeout: .seconds(2))
            let ended = try revocations(sessions.activeSessions(of: id, at: Date()), reason: .accountFlaggedCompromised, client: ClientContext(), actor: actor)
            return try await append([.flaggedCompromised(flagged)], to: id, version: version, client: ClientContext(), actor: actor, extra: ended)
        }
        await settle(position)
    }

    /// A summary an admin can look at (`portalctl accounts show`): nothing personal beyond the address.
    public struct AccountStatus: Sendable, Codable {
        public var id: String
        public var status: String
        public var emailVerified: Bool
        public var lockedUntil: Date?
        public var mustChangePassword: Bool
        public var activeSessions: Int
    }

    public func status(of id: AccountID) throws -> AccountStatus {
        let account = try repository.load(id).account
        return AccountStatus(
            id: id.description, status: account.status.rawValue, emailVerified: account.emailVerified,
            lockedUntil: account.isLocked(at: Date()) ? account.lockedUntil : nil, mustChangePassword: account.mustChangePassword,
            activeSessions: sessions.activeSessions(of: id, at: Date()).count)
    }

    /// Crypto-shreds an account: records the erasure, releases its address, ends its sessions and
    /// deletes its key — all in one transaction.
    public func erase(_ id: AccountID, by actor: String) async throws -> UInt64 {
        _ = await runner.waitUntil(store.lastPosition, projections: [sessions.name], timeout: .seconds(2))
        let (account, version) = try repository.load(id)
        let (erased, released) = try account.decideErasure(by: actor)
        guard let key = account.emailKey else { throw DomainError.notFound("account") }
        let metadata = EventMetadata(actor: actor, correlationID: UUIDv7.make())
        let reservationVersion = try store.streamVersion(key.reservationStream)
        let ended = try sessions.activeSessions(of: id, at: Date()).compactMap { summary -> StreamAppend? in
            let (session, sessionVersion) = try loadSession(summary.id)
            guard let revoked = session.revoke(.forcedByAdmin) else { return nil }
            // Unsealed: the subject's key is deleted in this same transaction.
            return StreamAppend(stream: Session.stream(summary.id), expected: .exact(sessionVersion), events: [try EventEnvelope.make(revoked, subject: nil, metadata: metadata)])
        }
        let result = try await store.eraseSubject(id.stream, recording: [
            StreamAppend(stream: id.stream, expected: .exact(version), events: [try EventEnvelope.make(erased, subject: nil, metadata: metadata)]),
            StreamAppend(stream: key.reservationStream, expected: reservationVersion.map { .exact($0) } ?? .noStream,
                         events: [try EventEnvelope.make(released, subject: nil, metadata: metadata)]),
        ] + ended)
        await settle(result.lastPosition)
        return result.lastPosition
    }
}
