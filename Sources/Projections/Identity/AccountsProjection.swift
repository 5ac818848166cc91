import Domain
import EventStore
import Foundation
import Synchronization

/// Accounts by e-mail key, and each account's status. Holds no personal data: names and addresses
/// are read from the account's own (sealed) stream when needed, so erasure needs no rewrite here.
public final class AccountsProjection: Projection {
    public struct Summary: Codable, Sendable, Equatable {
        public var emailKey: EmailKey
        public var status: Account.Status
        public var registeredAtMicros: Int64
        public var lastSignInAtMicros: Int64?
        public var failuresSinceLastSignIn: Int
    }

    struct State {
        var byEmailKey: [String: AccountID] = [:]
        var accounts: [AccountID: Summary] = [:]
    }

    public let name = "accounts"
    public let version = 2
    public let eventTypes: Set<String>? = [
        CustomerRegistered.eventType, PersonalDataErased.eventType, CustomerSignedIn.eventType, SignInFailed.eventType,
    ]
    private let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        switch event.type {
        case CustomerRegistered.eventType:
            let e = try event.decode(as: CustomerRegistered.self)
            state.withLock { s in
                s.byEmailKey[e.emailKey.value] = e.accountID
                s.accounts[e.accountID] = Summary(emailKey: e.emailKey, status: .active, registeredAtMicros: event.recordedAtMicros, lastSignInAtMicros: nil, failuresSinceLastSignIn: 0)
            }
        case PersonalDataErased.eventType:
            guard let id = AccountID(stream: event.stream) else { return }
            state.withLock { s in
                guard var summary = s.accounts[id] else { return }
                summary.status = .erased
                s.accounts[id] = summary
                if s.byEmailKey[summary.emailKey.value] == id { s.byEmailKey[summary.emailKey.value] = nil }
            }
        case CustomerSignedIn.eventType:
            guard let id = AccountID(stream: event.stream) else { return }
            state.withLock { s in
                guard var summary = s.accounts[id] else { return }
                summary.lastSignInAtMicros = event.recordedAtMicros
                summary.failuresSinceLastSignIn = 0
                s.accounts[id] = summary
            }
        case SignInFailed.eventType:
            // Only failures on account streams count; unknown addresses live in `signin-…` streams.
            guard let id = AccountID(stream: event.stream) else { return }
            state.withLock { s in s.accounts[id]?.failuresSinceLastSignIn += 1 }
        default:
            break
        }
    }

    /// The account registered with this e-mail key, if it is not erased.
    public func account(forEmailKey key: EmailKey) -> AccountID? {
        state.withLock { $0.byEmailKey[key.value] }
    }

    public func summary(_ id: AccountID) -> Summary? { state.withLock { $0.accounts[id] } }

    /// Counts of accounts per status.
    public func counts() -> [Account.Status: Int] {
        state.withLock { s in s.accounts.values.reduce(into: [:]) { $0[$1.status, default: 0] += 1 } }
    }

    /// Binary: one summary per account (the e-mail index is derived from them on restore). Encoded
    /// from a copy taken under the lock, so events keep being applied while it is written.
    public func snapshot() throws -> [UInt8] {
        let copy = state.withLock { $0.accounts }
        var w = BinarySnapshotWriter(version: version, capacity: copy.count * 96)
        w.append(UInt32(copy.count))
        for (id, summary) in copy {
            w.append(id.uuid)
            w.append(summary.emailKey.value)
            w.append(Self.statusCode(summary.status))
            w.append(summary.registeredAtMicros)
            w.append(summary.lastSignInAtMicros ?? Int64.min)
            w.append(Int64(summary.failuresSinceLastSignIn))
        }
        return w.bytes
    }

    public func restore(from snapshot: [UInt8]) throws {
        var r = BinarySnapshotReader(snapshot)
        var restored = State()
        for _ in 0..<(try r.read(UInt32.self)) {
            let id = AccountID(try r.readUUID())
            let key = EmailKey(try r.readString())
            let status = try Self.status(r.read(UInt8.self))
            let registered = try r.read(Int64.self)
            let lastSignIn = try r.read(Int64.self)
            let failures = try r.read(Int64.self)
            if status == .active { restored.byEmailKey[key.value] = id }
            restored.accounts[id] = Summary(emailKey: key, status: status, registeredAtMicros: registered, lastSignInAtMicros: lastSignIn == .min ? nil : lastSignIn,
                                            failuresSinceLastSignIn: Int(failures))
        }
        state.withLock { $0 = restored }
    }

    private static func statusCode(_ s: Account.Status) -> UInt8 {
        switch s {
        case .absent: 0
        case .active: 1
        case .erased: 2
        }
    }

    private static func status(_ code: UInt8) throws -> Account.Status {
        switch code {
        case 0: .absent
        case 1: .active
        case 2: .erased
        default: throw BinarySnapshotReader.Truncated()
        }
    }
    public func reset() { state.withLock { $0 = State() } }
}
