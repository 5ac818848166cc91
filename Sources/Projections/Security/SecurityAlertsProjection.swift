import Domain
import EventStore
import Foundation
import Synchronization

/// Security alerts for admins — risky sign-ins and credential-stuffing sources — and, for analysts,
/// how often each risk signal fires per day against the number of sign-in attempts.
public final class SecurityAlertsProjection: Projection {
    public struct Alert: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case suspiciousSignIn, credentialStuffing }
        public var position: UInt64
        public var atMicros: Int64
        public var kind: Kind
        public var accountID: AccountID?
        public var signals: [RiskSignal]
        public var score: Int?
        /// Credential stuffing: the network, the accounts tried and the failures seen.
        public var network: String?
        public var accounts: Int?
        public var failures: Int?
        public var throttledUntil: Date?
    }

    /// One day's figures (UTC).
    public struct Day: Codable, Sendable, Equatable {
        public var signInAttempts = 0
        public var suspicious = 0
        public var bySignal: [RiskSignal: Int] = [:]
        public var stuffingSources = 0
    }

    struct State: Codable {
        var alerts: [Alert] = []
        var days: [String: Day] = [:]
    }

    public let name = "security-alerts"
    public let version = 1
    public let eventTypes: Set<String>? = [
        SuspiciousSignInDetected.eventType, CredentialStuffingDetected.eventType, CustomerSignedIn.eventType, SignInFailed.eventType,
        SecondFactorRequested.eventType,
    ]
    private let limit: Int
    private let state = Mutex(State())

    public init(limit: Int = 10_000) { self.limit = limit }

    static func day(_ micros: Int64) -> String {
        let f = DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date(timeIntervalSince1970: Double(micros) / 1e6))
    }

    public func apply(_ event: RecordedEvent) throws {
        let day = Self.day(event.recordedAtMicros)
        switch event.type {
        case CustomerSignedIn.eventType:
            // A sign-in that went through a second factor was already counted when the factor was asked for.
            let e = try event.decode(as: CustomerSignedIn.self)
            if e.challengeID == nil { state.withLock { $0.days[day, default: Day()].signInAttempts += 1 } }
        case SignInFailed.eventType, SecondFactorRequested.eventType:
            state.withLock { $0.days[day, default: Day()].signInAttempts += 1 }
        case SuspiciousSignInDetected.eventType:
            let e = try event.decode(as: SuspiciousSignInDetected.self)
            let alert = Alert(position: event.position, atMicros: event.recordedAtMicros, kind: .suspiciousSignIn, accountID: e.accountID,
                              signals: e.signals, score: e.score)
            state.withLock { s in
                add(alert, to: &s)
                s.days[day, default: Day()].suspicious += 1
                for signal in e.signals { s.days[day, default: Day()].bySignal[signal, default: 0] += 1 }
            }
        case CredentialStuffingDetected.eventType:
            let e = try event.decode(as: CredentialStuffingDetected.self)
            let alert = Alert(position: event.position, atMicros: event.recordedAtMicros, kind: .credentialStuffing, accountID: nil,
                              signals: [.credentialStuffingSource], score: nil, network: e.network, accounts: e.accounts, failures: e.failures,
                              throttledUntil: e.throttledUntil)
            state.withLock { s in
                add(alert, to: &s)
                s.days[day, default: Day()].stuffingSources += 1
            }
        default:
            break
        }
    }

    private func add(_ alert: Alert, to s: inout State) {
        s.alerts.append(alert)
        if s.alerts.count > limit + limit / 4 { s.alerts.removeFirst(s.alerts.count - limit) }
    }

    /// Alerts newest first, optionally only since `since`.
    public func alerts(since: Date? = nil, offset: Int = 0, limit: Int = 50) -> (alerts: [Alert], total: Int) {
        let from = since.map { Int64($0.timeIntervalSince1970 * 1e6) } ?? .min
        return state.withLock { s in
            let matching = s.alerts.reversed().filter { $0.atMicros >= from }
            return (Array(matching.dropFirst(offset).prefix(limit)), matching.count)
        }
    }

    /// Per-day figures from `since` (inclusive) on, oldest first.
    public func days(since: Date) -> [(day: String, figures: Day)] {
        let first = Self.day(Int64(since.timeIntervalSince1970 * 1e6))
        return state.withLock { s in s.days.filter { $0.key >= first }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }

    public func snapshot() throws -> [UInt8] { try SnapshotCodec.encode(state.withLock { $0 }, version: version) }
    public func restore(from snapshot: [UInt8]) throws {
        let restored = try SnapshotCodec.decode(State.self, from: snapshot)
        state.withLock { $0 = restored }
    }
    public func reset() { state.withLock { $0 = State() } }
}
