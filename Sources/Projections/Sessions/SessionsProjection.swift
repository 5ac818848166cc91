import Domain
import EventStore
import Foundation
import Synchronization

/// Every session: whose it is, from which device, when it started and was last refreshed, when it
/// runs out, and whether it ended. Access tokens are checked against it on every request, so a
/// revoked or expired session stops working at once. No personal data: IP addresses and user agents
/// are read from the records (`lastPosition`) when a session list is shown.
public final class SessionsProjection: Projection {
    public struct Summary: Sendable, Equatable {
        public var id: UUID
        public var accountID: AccountID
        public var deviceID: String?
        public var deviceName: String?
        public var startedAtMicros: Int64
        public var lastSeenAtMicros: Int64
        public var idleExpiresAt: Date
        public var absoluteExpiresAt: Date
        public var endReason: SessionEndReason?
        /// Position of the session's first and latest event (they carry the sealed IP and user agent).
        public var firstPosition: UInt64
        public var lastPosition: UInt64

        public func isActive(at now: Date) -> Bool { endReason == nil && now < idleExpiresAt && now < absoluteExpiresAt }
    }

    struct State {
        var sessions: [UUID: Summary] = [:]
        var byAccount: [AccountID: [UUID]] = [:]
    }

    public let name = "sessions"
    public let version = 1
    public let eventTypes: Set<String>? = [SessionStarted.eventType, SessionRefreshed.eventType, SessionRevoked.eventType]
    private let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        switch event.type {
        case SessionStarted.eventType:
            let e = try event.decode(as: SessionStarted.self)
            let summary = Summary(
                id: e.sessionID, accountID: e.accountID, deviceID: e.deviceID, deviceName: e.deviceName,
                startedAtMicros: event.recordedAtMicros, lastSeenAtMicros: event.recordedAtMicros, idleExpiresAt: e.idleExpiresAt,
                absoluteExpiresAt: e.absoluteExpiresAt, endReason: nil, firstPosition: event.position, lastPosition: event.position)
            state.withLock { s in
                s.sessions[e.sessionID] = summary
                s.byAccount[e.accountID, default: []].append(e.sessionID)
            }
        case SessionRefreshed.eventType:
            let e = try event.decode(as: SessionRefreshed.self)
            state.withLock { s in
                guard var summary = s.sessions[e.sessionID] else { return }
                summary.lastSeenAtMicros = event.recordedAtMicros
                summary.idleExpiresAt = e.idleExpiresAt
                summary.lastPosition = event.position
                s.sessions[e.sessionID] = summary
            }
        case SessionRevoked.eventType:
            let e = try event.decode(as: SessionRevoked.self)
            state.withLock { s in s.sessions[e.sessionID]?.endReason = e.reason }
        default:
            break
        }
    }

    public func session(_ id: UUID) -> Summary? { state.withLock { $0.sessions[id] } }

    /// The account's sessions that can still be used at `now`, most recently seen first.
    public func activeSessions(of account: AccountID, at now: Date) -> [Summary] {
        state.withLock { s in
            (s.byAccount[account] ?? []).compactMap { s.sessions[$0] }.filter { $0.isActive(at: now) }
        }.sorted { $0.lastSeenAtMicros > $1.lastSeenAtMicros }
    }

    public func snapshot() throws -> [UInt8] {
        let copy = state.withLock { $0.sessions }
        var w = BinarySnapshotWriter(version: version, capacity: copy.count * 128)
        w.append(UInt32(copy.count))
        for (id, s) in copy {
            w.append(id)
            w.append(s.accountID.uuid)
            w.append(s.deviceID ?? "")
            w.append(s.deviceName ?? "")
            w.append(s.startedAtMicros)
            w.append(s.lastSeenAtMicros)
            w.append(s.idleExpiresAt.timeIntervalSince1970.bitPattern)
            w.append(s.absoluteExpiresAt.timeIntervalSince1970.bitPattern)
            w.append(s.endReason?.rawValue ?? "")
            w.append(s.firstPosition)
            w.append(s.lastPosition)
        }
        return w.bytes
    }

    public func restore(from snapshot: [UInt8]) throws {
        var r = BinarySnapshotReader(snapshot)
        var restored = State()
        for _ in 0..<(try r.read(UInt32.self)) {
            let id = try r.readUUID()
            let account = AccountID(try r.readUUID())
            let device = try r.readString(), deviceName = try r.readString()
            let started = try r.read(Int64.self), lastSeen = try r.read(Int64.self)
            let idle = Date(timeIntervalSince1970: Double(bitPattern: try r.read(UInt64.self)))
            let absolute = Date(timeIntervalSince1970: Double(bitPattern: try r.read(UInt64.self)))
            let reason = try r.readString()
            let first = try r.read(UInt64.self), last = try r.read(UInt64.self)
            restored.sessions[id] = Summary(
                id: id, accountID: account, deviceID: device.isEmpty ? nil : device, deviceName: deviceName.isEmpty ? nil : deviceName,
                startedAtMicros: started, lastSeenAtMicros: lastSeen, idleExpiresAt: idle, absoluteExpiresAt: absolute,
                endReason: reason.isEmpty ? nil : SessionEndReason(rawValue: reason), firstPosition: first, lastPosition: last)
            restored.byAccount[account, default: []].append(id)
        }
        for (account, ids) in restored.byAccount {
            restored.byAccount[account] = ids.sorted { restored.sessions[$0]!.firstPosition < restored.sessions[$1]!.firstPosition }
        }
        state.withLock { $0 = restored }
    }

    public func reset() { state.withLock { $0 = State() } }
}
