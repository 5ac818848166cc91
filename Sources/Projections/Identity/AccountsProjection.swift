import Domain
import EventStore
import Foundation
import Synchronization

/// Accounts by e-mail key, and each account's status. Holds no personal data: names and addresses
/// are read from the account's own (sealed) stream when needed, so erasure needs no rewrite here.
public final class AccountsProjection: Projection {
    public struct Summary: Codable, Sendable, Equatable {
        public var status: Account.Status
        public var registeredAtMicros: Int64
        public var lastSignInAtMicros: Int64?
        public var failuresSinceLastSignIn: Int
    }

    struct State: Codable {
        var byEmailKey: [String: AccountID] = [:]
        var accounts: [AccountID: Summary] = [:]
    }

    public let name = "accounts"
    public let version = 1
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
                s.accounts[e.accountID] = Summary(status: .active, registeredAtMicros: event.recordedAtMicros, lastSignInAtMicros: nil, failuresSinceLastSignIn: 0)
            }
        case PersonalDataErased.eventType:
            guard let id = AccountID(stream: event.stream) else { return }
            state.withLock { s in
                s.accounts[id]?.status = .erased
                if let key = s.byEmailKey.first(where: { $0.value == id })?.key { s.byEmailKey[key] = nil }
            }
        case CustomerSignedIn.eventType:
            guard let id = AccountID(stream: event.stream) else { return }
            state.withLock { s in
                s.accounts[id]?.lastSignInAtMicros = event.recordedAtMicros
                s.accounts[id]?.failuresSinceLastSignIn = 0
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

    public func snapshot() throws -> [UInt8] { try state.withLock { try SnapshotCodec.encode($0, version: version) } }
    public func restore(from snapshot: [UInt8]) throws {
        let restored = try SnapshotCodec.decode(State.self, from: snapshot)
        state.withLock { $0 = restored }
    }
    public func reset() { state.withLock { $0 = State() } }
}
