import Domain
import Foundation
import Testing

/// A fixed clock and predictable ids, so every decision is reproducible.
struct FixedContext {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)
    static func make(ids: [UUID] = [UUID(uuidString: "00000000-0000-7000-8000-000000000001")!]) -> DecisionContext {
        let box = IDBox(ids)
        return DecisionContext(now: now, newID: { box.next() })
    }
}

final class IDBox: @unchecked Sendable {
    // Only used from one test at a time; a lock keeps it honest anyway.
    private var ids: [UUID]
    private let lock = NSLock()
    init(_ ids: [UUID]) { self.ids = ids }
    func next() -> UUID {
        lock.lock(); defer { lock.unlock() }
        return ids.count > 1 ? ids.removeFirst() : ids[0]
    }
}

/// `given(events).when(command) → then(decision | error)` for the Account aggregate.
struct AccountScenario {
    let history: [(AccountEvent, Date)]

    static func given(_ events: AccountEvent...) -> AccountScenario { AccountScenario(history: events.map { ($0, FixedContext.now) }) }
    static func given(at times: [(AccountEvent, Date)]) -> AccountScenario { AccountScenario(history: times) }

    var state: Account { Account.replay(history) }

    func when(_ command: SignIn, lockout: LockoutPolicy = LockoutPolicy(), sessions: SessionPolicy = SessionPolicy(),
              context: DecisionContext = FixedContext.make()) -> Result<SignInDecision, any Error> {
        Result { try state.decide(command, lockout: lockout, sessions: sessions, context: context) }
    }

    /// The history plus `events` recorded at `at`.
    func and(_ events: [AccountEvent], at: Date = FixedContext.now) -> AccountScenario {
        AccountScenario(history: history + events.map { ($0, at) })
    }
}

extension Result where Success == SignInDecision {
    func then(_ expected: SignInDecision, sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .success(let e): #expect(e == expected, sourceLocation: sourceLocation)
        case .failure(let error): Issue.record("expected \(expected), got error \(error)", sourceLocation: sourceLocation)
        }
    }

    var decision: SignInDecision? { try? get() }

    func thenError(_ expected: DomainError, sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .success(let e): Issue.record("expected error \(expected), got \(e)", sourceLocation: sourceLocation)
        case .failure(let error): #expect(error as? DomainError == expected, sourceLocation: sourceLocation)
        }
    }
}

enum Fixtures {
    static let accountID = AccountID(UUID(uuidString: "0190f5d2-1111-7000-8000-00000000000a")!)
    static let emailKey = EmailKey("a1b2c3")
    static let verification = LinkRequest(requestID: UUID(uuidString: "0190f5d2-4444-7000-8000-00000000000d")!, tokenHash: "verify-hash")
    static let registered = AccountEvent.registered(CustomerRegistered(
        accountID: accountID, emailKey: emailKey,
        personal: .init(email: "ann@example.com", name: "Ann", passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$salt$hash")))
    static let client = ClientDetails(userAgent: "Firefox/130")
}
