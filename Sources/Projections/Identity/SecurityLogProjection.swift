import Domain
import EventStore
import Foundation
import Synchronization

/// Each account's security log: registrations, sign-ins, failed sign-ins, duplicate registration
/// attempts and erasure, newest first.
///
/// It stores only positions, kinds and times. The IP address and device of an entry are sealed in the
/// log and read from there when the log is shown, so the projection (and its snapshots) hold nothing
/// personal. It keeps the newest `limit` entries per account; the log keeps everything.
public final class SecurityLogProjection: Projection {
    /// What happened. Raw values are stored in snapshots: append new cases, never renumber.
    public enum Kind: UInt8, Codable, Sendable, CaseIterable {
        case registered, signedIn, signInFailed, duplicateRegistration, personalDataErased
        case emailVerified, passwordResetRequested, passwordReset, passwordChanged, locked, unlocked, flaggedCompromised
        case sessionRevoked, refreshTokenReused

        public var name: String {
            switch self {
            case .registered: "registered"
            case .signedIn: "signedIn"
            case .signInFailed: "signInFailed"
            case .duplicateRegistration: "duplicateRegistration"
            case .personalDataErased: "personalDataErased"
            case .emailVerified: "emailVerified"
            case .passwordResetRequested: "passwordResetRequested"
            case .passwordReset: "passwordReset"
            case .passwordChanged: "passwordChanged"
            case .locked: "locked"
            case .unlocked: "unlocked"
            case .flaggedCompromised: "flaggedCompromised"
            case .sessionRevoked: "sessionRevoked"
            case .refreshTokenReused: "refreshTokenReused"
            }
        }
    }

    public struct Entry: Sendable, Equatable {
        public var position: UInt64
        public var kind: Kind
        public var atMicros: Int64
    }

    /// One account's entries; a class so that appending costs one dictionary lookup.
    final class Entries: @unchecked Sendable {
        // Mutated only under the projection's lock.
        var list: [Entry] = []
    }

    public let name = "security-log"
    public let version = 3
    public let eventTypes: Set<String>? = Set(SecurityLogProjection.kinds.keys)
    private static let kinds: [String: Kind] = [
        CustomerRegistered.eventType: .registered, CustomerSignedIn.eventType: .signedIn, SignInFailed.eventType: .signInFailed,
        DuplicateRegistrationAttempted.eventType: .duplicateRegistration, PersonalDataErased.eventType: .personalDataErased,
        EmailVerified.eventType: .emailVerified, PasswordResetRequested.eventType: .passwordResetRequested,
        PasswordReset.eventType: .passwordReset, PasswordChanged.eventType: .passwordChanged, AccountLocked.eventType: .locked,
        AccountUnlocked.eventType: .unlocked, AccountFlaggedCompromised.eventType: .flaggedCompromised,
        SessionRevoked.eventType: .sessionRevoked, RefreshTokenReuseDetected.eventType: .refreshTokenReused,
    ]
    private let limit: Int
    private let state = Mutex([AccountID: Entries]())

    public init(limit: Int = 1000) { self.limit = limit }

    public func apply(_ event: RecordedEvent) throws {
        guard let kind = Self.kinds[event.type], let id = try account(of: event) else { return }
        let entry = Entry(position: event.position, kind: kind, atMicros: event.recordedAtMicros)
        state.withLock { s in
            let entries: Entries
            if let existing = s[id] {
                entries = existing
            } else {
                entries = Entries()
                s[id] = entries
            }
            entries.list.append(entry)
            if entries.list.count > limit + limit / 4 { entries.list.removeFirst(entries.list.count - limit) }
        }
    }

    /// Account events carry their account in the stream name; session events in their data.
    private func account(of event: RecordedEvent) throws -> AccountID? {
        if let id = AccountID(stream: event.stream) { return id }
        switch event.type {
        case SessionRevoked.eventType: return try event.decode(as: SessionRevoked.self).accountID
        case RefreshTokenReuseDetected.eventType: return try event.decode(as: RefreshTokenReuseDetected.self).accountID
        default: return nil
        }
    }

    /// A page of the account's entries, newest first.
    public func entries(for id: AccountID, offset: Int = 0, limit: Int = 50) -> (entries: [Entry], total: Int) {
        state.withLock { s in
            let all = s[id]?.list ?? []
            let newestFirst = all.suffix(self.limit).reversed()
            return (Array(newestFirst.dropFirst(offset).prefix(limit)), min(all.count, self.limit))
        }
    }

    /// Binary: per account its id, entry count, and (position, kind, time) per entry.
    public func snapshot() throws -> [UInt8] {
        let copy: [(AccountID, [Entry])] = state.withLock { s in s.map { ($0.key, $0.value.list) } }
        var w = BinarySnapshotWriter(version: version, capacity: copy.reduce(0) { $0 + 20 + $1.1.count * 17 })
        w.append(UInt32(copy.count))
        for (id, list) in copy {
            w.append(id.uuid)
            w.append(UInt32(list.count))
            for e in list {
                w.append(e.position)
                w.append(e.kind.rawValue)
                w.append(e.atMicros)
            }
        }
        return w.bytes
    }

    public func restore(from snapshot: [UInt8]) throws {
        var r = BinarySnapshotReader(snapshot)
        var restored: [AccountID: Entries] = [:]
        let accounts = try r.read(UInt32.self)
        restored.reserveCapacity(Int(accounts))
        for _ in 0..<accounts {
            let id = AccountID(try r.readUUID())
            let entries = Entries()
            let count = try r.read(UInt32.self)
            entries.list.reserveCapacity(Int(count))
            for _ in 0..<count {
                let position = try r.read(UInt64.self)
                guard let kind = Kind(rawValue: try r.read(UInt8.self)) else { throw BinarySnapshotReader.Truncated() }
                entries.list.append(Entry(position: position, kind: kind, atMicros: try r.read(Int64.self)))
            }
            restored[id] = entries
        }
        state.withLock { $0 = restored }
    }

    public func reset() { state.withLock { $0 = [:] } }
}
