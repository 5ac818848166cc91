import Domain
import Foundation
import Testing

/// `given(events).when(decision) → then(events | error)` for the Ticket aggregate. Each recorded event
/// carries its own time, because the workflow's windows (reopen, auto-close, archive) are measured from them.
struct TicketScenario {
    let history: [(event: any DomainEvent, at: Date)]

    static func given(_ events: (any DomainEvent)..., at: Date = TicketFixtures.t0) -> TicketScenario {
        TicketScenario(history: events.map { ($0, at) })
    }

    /// The history plus `events` recorded at `at`.
    func and(_ events: (any DomainEvent)..., at: Date) -> TicketScenario { and(events, at: at) }
    func and(_ events: [any DomainEvent], at: Date) -> TicketScenario { TicketScenario(history: history + events.map { ($0, at) }) }

    var state: Ticket { history.reduce(Ticket()) { $0.evolve($1.event, at: $1.at) } }

    func when<Decision>(_ decide: (Ticket) throws -> Decision) -> Result<Decision, any Error> {
        let ticket = state
        return Result { try decide(ticket) }
    }
}

/// Whether two events of any type are the same fact (same type, same fields, same personal part).
func sameEvent(_ a: any DomainEvent, _ b: any DomainEvent) -> Bool {
    func compare<E: DomainEvent>(_ e: E) -> Bool { (b as? E) == e }
    return compare(a)
}

/// Whether two lists hold the same facts in the same order.
func sameEvents(_ a: [any DomainEvent], _ b: [any DomainEvent]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy(sameEvent)
}

extension Result {
    /// The decision is exactly `expected`.
    func then(events expected: [any DomainEvent], sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .success(let decision):
            let actual: [any DomainEvent]
            if let list = decision as? [any DomainEvent] { actual = list } else if let one = decision as? any DomainEvent { actual = [one] } else {
                Issue.record("expected events, got \(decision)", sourceLocation: sourceLocation)
                return
            }
            #expect(sameEvents(actual, expected),
                    "expected \(expected), got \(actual)", sourceLocation: sourceLocation)
        case .failure(let error):
            Issue.record("expected \(expected), got error \(error)", sourceLocation: sourceLocation)
        }
    }

    func then(_ expected: any DomainEvent, sourceLocation: SourceLocation = #_sourceLocation) {
        then(events: [expected], sourceLocation: sourceLocation)
    }

    /// The decision is refused with exactly this domain error.
    func thenError(_ expected: DomainError, sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .success(let decision): Issue.record("expected error \(expected), got \(decision)", sourceLocation: sourceLocation)
        case .failure(let error): #expect(error as? DomainError == expected, "got \(error)", sourceLocation: sourceLocation)
        }
    }

    /// The decision is refused as a rejection, whatever its wording.
    func thenRejected(sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .success(let decision): Issue.record("expected a rejection, got \(decision)", sourceLocation: sourceLocation)
        case .failure(let error):
            guard case .rejected? = error as? DomainError else { Issue.record("expected a rejection, got \(error)", sourceLocation: sourceLocation); return }
        }
    }

    /// The decision is refused for these input fields (a single `FieldError` or a `ValidationFailure`), in this order.
    func thenInvalid(_ fields: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .success(let decision): Issue.record("expected errors for \(fields), got \(decision)", sourceLocation: sourceLocation)
        case .failure(let error): #expect(invalidFields(error) == fields, "got \(error)", sourceLocation: sourceLocation)
        }
    }

    var failure: (any Error)? {
        if case .failure(let e) = self { return e }
        return nil
    }
}

/// The fields a validation error names, or nil for any other error.
func invalidFields(_ error: any Error) -> [String]? {
    switch error {
    case let e as FieldError: [e.field]
    case let e as ValidationFailure: e.errors.map(\.field)
    default: nil
    }
}

/// A wall-clock moment in `zone` (`yyyy-MM-dd HH:mm`), so expected times read like a diary.
func wallClock(_ text: String, _ zone: TimeZone = TicketFixtures.berlin) -> Date {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = zone
    f.dateFormat = "yyyy-MM-dd HH:mm"
    guard let d = f.date(from: text) else { fatalError("not a wall-clock time: \(text)") }
    return d
}

enum TicketFixtures {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let t0 = FixedContext.now
    static let day: TimeInterval = 86400

    static let ticketID = UUID(uuidString: "0190f5d2-7777-7000-8000-000000000001")!
    static let commentID = UUID(uuidString: "0190f5d2-7777-7000-8000-000000000002")!
    static let customer = AccountID(UUID(uuidString: "0190f5d2-1111-7000-8000-0000000000c1")!)
    static let stranger = AccountID(UUID(uuidString: "0190f5d2-1111-7000-8000-0000000000c2")!)
    static let agent = AccountID(UUID(uuidString: "0190f5d2-1111-7000-8000-0000000000a1")!)
    static let otherAgent = AccountID(UUID(uuidString: "0190f5d2-1111-7000-8000-0000000000a2")!)

    static let asCustomer = TicketActor(account: customer, isAgent: false)
    static let asStranger = TicketActor(account: stranger, isAgent: false)
    static let asAgent = TicketActor(account: agent, isAgent: true)

    static func context(_ at: Date = t0, ids: [UUID] = [commentID]) -> DecisionContext { FixedContext.make(ids: ids).at(at) }

    static let opened = TicketOpened(
        ticketID: ticketID, requester: customer, categoryID: "billing", formVersion: 1, priority: .normal, attachmentIDs: [], followUpOf: nil,
        personal: .init(subject: "Invoice is wrong", description: "The November invoice counts two seats too many.", fields: []))

    static func status(_ from: TicketStatus, _ to: TicketStatus, by actor: TicketActor? = asAgent, reason: String = "") -> TicketStatusChanged {
        TicketStatusChanged(ticketID: ticketID, from: from, to: to, by: actor?.account, role: actor.map { $0.isAgent ? .agent : .customer } ?? .system,
                            personal: .init(reason: reason))
    }

    static func comment(by actor: TicketActor, _ body: String = "Thanks, looking into it.", internal isNote: Bool = false) -> TicketCommented {
        TicketCommented(ticketID: ticketID, commentID: commentID, author: actor.account, role: actor.isAgent ? .agent : .customer,
                        isInternal: isNote, attachmentIDs: [], personal: .init(body: body))
    }
}

extension DecisionContext {
    /// The same ids at another moment.
    func at(_ moment: Date) -> DecisionContext { DecisionContext(now: moment, newID: newID) }
}
