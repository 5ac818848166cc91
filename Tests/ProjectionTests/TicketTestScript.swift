import Domain
import EventStore
import Foundation
import Projections

extension IDs {
    static func ticket(_ n: Int) -> UUID { UUID(uuidString: String(format: "0190f5d3-0000-7000-8000-%012d", n))! }
    static let agent = IDs.account(900_001)
    static let otherAgent = IDs.account(900_002)
}

/// Writes ticket streams as the ticket service does: each ticket's events on `ticket-<uuid>`, their
/// personal parts sealed under the requester's account, at times a ``LogClock`` sets.
final class TicketScript: @unchecked Sendable {
    // Only touched from the test's own task.
    let log: TestLog
    let clock: LogClock
    private var requesters: [UUID: AccountID] = [:]
    private var statuses: [UUID: TicketStatus] = [:]

    init(start: Date = Date(timeIntervalSince1970: 1_764_000_000)) throws {
        clock = LogClock(start)
        log = try TestLog(clock: clock)
    }

    var now: Date { clock.date }

    func advance(_ seconds: TimeInterval) { clock.advance(seconds) }

    @discardableResult
    func append(_ event: some DomainEvent, ticket: UUID) async throws -> UInt64 {
        try await log.append(event, to: Ticket.stream(ticket), subject: requesters[ticket]!.stream)
    }

    @discardableResult
    func open(_ ticket: UUID, by requester: AccountID, subject: String, description: String = "Please help.", category: String = "billing",
              priority: TicketPriority = .normal, fields: [AnsweredField] = [], attachments: [String] = [], followUpOf: UUID? = nil) async throws -> UInt64 {
        requesters[ticket] = requester
        statuses[ticket] = .new
        return try await append(TicketOpened(ticketID: ticket, requester: requester, categoryID: category, formVersion: 1, priority: priority,
                                             attachmentIDs: attachments, followUpOf: followUpOf,
                                             personal: .init(subject: subject, description: description, fields: fields)), ticket: ticket)
    }

    @discardableResult
    func comment(_ ticket: UUID, by author: AccountID, role: TicketActorRole, body: String, internal isInternal: Bool = false,
                 attachments: [String] = []) async throws -> UInt64 {
        try await append(TicketCommented(ticketID: ticket, commentID: UUID(), author: author, role: role, isInternal: isInternal,
                                         attachmentIDs: attachments, personal: .init(body: body)), ticket: ticket)
    }

    /// An agent's public reply.
    @discardableResult
    func reply(_ ticket: UUID, _ body: String = "We are looking into it.") async throws -> UInt64 {
        try await comment(ticket, by: IDs.agent, role: .agent, body: body)
    }

    @discardableResult
    func status(_ ticket: UUID, _ to: TicketStatus, by: AccountID? = IDs.agent, role: TicketActorRole = .agent, reason: String = "") async throws -> UInt64 {
        let from = statuses[ticket]!
        statuses[ticket] = to
        return try await append(TicketStatusChanged(ticketID: ticket, from: from, to: to, by: by, role: role, personal: .init(reason: reason)), ticket: ticket)
    }

    @discardableResult
    func assign(_ ticket: UUID, to agent: AccountID?) async throws -> UInt64 {
        try await append(TicketAssigned(ticketID: ticket, agent: agent, by: IDs.agent), ticket: ticket)
    }

    @discardableResult
    func priority(_ ticket: UUID, from: TicketPriority, to: TicketPriority) async throws -> UInt64 {
        try await append(TicketPriorityChanged(ticketID: ticket, from: from, to: to, by: IDs.agent), ticket: ticket)
    }

    @discardableResult
    func attach(_ ticket: UUID, id: String, filename: String, by uploader: AccountID, size: Int = 1234) async throws -> UInt64 {
        try await append(AttachmentAdded(ticketID: ticket, attachmentID: id, blobHash: String(repeating: "ab", count: 32), size: size,
                                         contentType: "application/pdf", uploadedBy: uploader, personal: .init(filename: filename)), ticket: ticket)
    }

    @discardableResult
    func rate(_ ticket: UUID, _ rating: Int, agent: AccountID? = IDs.agent, category: String = "billing") async throws -> UInt64 {
        try await append(TicketRated(ticketID: ticket, rating: rating, agent: agent, categoryID: category), ticket: ticket)
    }

    @discardableResult
    func survey(_ ticket: UUID, resolution: Int?, agentRating: Int?, speed: Int?, comment: String? = nil, agentFeedback: String? = nil) async throws -> UInt64 {
        try await append(SurveyAnswered(ticketID: ticket, resolution: resolution, agentRating: agentRating, speed: speed,
                                        personal: .init(comment: comment, agentFeedback: agentFeedback)), ticket: ticket)
    }

    @discardableResult
    func archive(_ ticket: UUID) async throws -> UInt64 {
        try await append(TicketArchived(ticketID: ticket), ticket: ticket)
    }

    /// Crypto-shreds the account and records `PersonalDataErased`, as `portalctl erase-subject` does.
    @discardableResult
    func erase(_ account: AccountID) async throws -> UInt64 {
        let encoded = try EventCatalog.encode(PersonalDataErased(accountID: account, erasedBy: "portalctl"))
        let event = NewEvent(id: UUIDv7.make(), type: encoded.type, data: encoded.data)
        return try await log.store.eraseSubject(account.stream, recording: [StreamAppend(stream: account.stream, expected: .any, events: [event])])
            .lastPosition
    }

    /// The ticket's stream as read back (unsealed).
    func records(_ ticket: UUID) throws -> [RecordedEvent] { try log.store.read(stream: Ticket.stream(ticket)) }

    /// Folds the whole log into `projections` and stops.
    func fold<P: Projection>(_ projection: P) async throws -> P {
        try await log.fold([projection]).stop()
        return projection
    }
}
