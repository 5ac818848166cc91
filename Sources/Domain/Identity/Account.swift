import Foundation

/// The state of one account, folded from its stream.
public struct Account: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, Equatable { case absent, active, erased }

    public var id: AccountID?
    public var status: Status = .absent
    public var emailKey: EmailKey?
    /// Personal fields; nil once erased (or when read without unsealing).
    public var email: String?
    public var name: String?
    public var passwordHash: String?
    public var registeredAt: Date?
    public var lastSignInAt: Date?
    /// Failed sign-ins since the last success.
    public var consecutiveFailures = 0

    public init() {}

    /// Folds events, each with the time it was recorded.
    public static func replay(_ events: [(AccountEvent, Date)]) -> Account {
        events.reduce(into: Account()) { state, pair in state = state.evolve(pair.0, at: pair.1) }
    }
}

extension Account {
    /// The state after `event`, recorded at `at`.
    public func evolve(_ event: AccountEvent, at: Date) -> Account {
        var s = self
        switch event {
        case .registered(let e):
            s.id = e.accountID
            s.status = .active
            s.emailKey = e.emailKey
            s.email = e.personal?.email
            s.name = e.personal?.name
            s.passwordHash = e.personal?.passwordHash
            s.registeredAt = at
        case .duplicateRegistrationAttempted:
            break
        case .signedIn:
            s.lastSignInAt = at
            s.consecutiveFailures = 0
        case .signInFailed:
            s.consecutiveFailures += 1
        case .personalDataErased:
            s.status = .erased
            s.email = nil
            s.name = nil
            s.passwordHash = nil
        }
        return s
    }
}
