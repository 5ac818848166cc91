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
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case registered, signedIn, signInFailed, duplicateRegistration, personalDataErased
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var position: UInt64
        public var kind: Kind
        public var atMicros: Int64
    }

    public let name = "security-log"
    public let version = 1
    public let eventTypes: Set<String>? = Set(SecurityLogProjection.kinds.keys)
    private static let kinds: [String: Kind] = [
        CustomerRegistered.eventType: .registered, CustomerSignedIn.eventType: .signedIn, SignInFailed.eventType: .signInFailed,
        DuplicateRegistrationAttempted.eventType: .duplicateRegistration, PersonalDataErased.eventType: .personalDataErased,
    ]
    private let limit: Int
    private let state = Mutex([AccountID: [Entry]]())

    public init(limit: Int = 1000) { self.limit = limit }

    public func apply(_ event: RecordedEvent) throws {
        guard let kind = Self.kinds[event.type], let id = AccountID(stream: event.stream) else { return }
        let entry = Entry(position: event.position, kind: kind, atMicros: event.recordedAtMicros)
        state.withLock { s in
            s[id, default: []].append(entry)
            if s[id]!.count > limit + limit / 4 { s[id]!.removeFirst(s[id]!.count - limit) }
        }
    }

    /// A page of the account's entries, newest first.
    public func entries(for id: AccountID, offset: Int = 0, limit: Int = 50) -> (entries: [Entry], total: Int) {
        state.withLock { s in
            let all = s[id] ?? []
            let newestFirst = all.suffix(self.limit).reversed()
            return (Array(newestFirst.dropFirst(offset).prefix(limit)), min(all.count, self.limit))
        }
    }

    public func snapshot() throws -> [UInt8] { try state.withLock { try SnapshotCodec.encode($0, version: version) } }
    public func restore(from snapshot: [UInt8]) throws {
        let restored = try SnapshotCodec.decode([AccountID: [Entry]].self, from: snapshot)
        state.withLock { $0 = restored }
    }
    public func reset() { state.withLock { $0 = [:] } }
}
