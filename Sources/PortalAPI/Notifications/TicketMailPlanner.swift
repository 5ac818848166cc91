import Domain
import EventStore
import Foundation
import Projections

/// Which ticket events the requester hears about by e-mail, and what the mail says.
///
/// One action, one mail: when an agent replies and changes the status in the same request, the reply
/// is told in the status mail (solved: with the rating links) and gets no mail of its own. Customers
/// never get mail about their own actions, nor about internal notes, and only for the kinds they
/// chose (all, until they choose).
struct TicketMailPlanner: Sendable {
    let store: EventStore
    let inbox: TicketInboxProjection
    let ratingLinks: RatingLinks
    let baseURL: String

    static let eventTypes: Set<String> = [TicketCommented.eventType, TicketStatusChanged.eventType]

    func plan(_ record: RecordedEvent) throws -> NotificationPlan? {
        guard let ticketID = Self.ticketID(record.stream) else { return nil }
        switch try record.domainEvent() {
        case let e as TicketCommented:
            guard e.role == .agent, !e.isInternal else { return nil }
            // Told together with the status change that follows in the same request.
            if let next = try store.read(stream: record.stream, from: record.streamVersion + 1, limit: 1).first,
               next.type == TicketStatusChanged.eventType, record.metadata.correlationID != nil, next.metadata.correlationID == record.metadata.correlationID,
               let change = try next.domainEvent() as? TicketStatusChanged, change.role != .customer, change.to != .open {
                return nil
            }
            return try make(.ticketReplied, ticketID: ticketID, record: record, reply: e.personal?.body, change: nil)
        case let e as TicketStatusChanged:
            guard e.role != .customer, e.to != .open || e.from == .closed else { return nil }
            var reply: String?
            if record.streamVersion > 1, let previous = try store.read(stream: record.stream, from: record.streamVersion - 1, limit: 1).first,
               previous.type == TicketCommented.eventType, record.metadata.correlationID != nil, previous.metadata.correlationID == record.metadata.correlationID,
               let comment = try previous.domainEvent() as? TicketCommented, comment.role == .agent, !comment.isInternal {
                reply = comment.personal?.body
            }
            return try make(e.to == .solved ? .ticketSolved : .ticketStatusChanged, ticketID: ticketID, record: record, reply: reply, change: e)
        default:
            return nil
        }
    }

    private func make(_ kind: NotificationKind, ticketID: UUID, record: RecordedEvent, reply: String?, change: TicketStatusChanged?) throws -> NotificationPlan? {
        guard let first = try store.read(stream: record.stream, from: 1, limit: 1).first,
              let opened = try first.domainEvent() as? TicketOpened, let personal = opened.personal else { return nil }
        let preference: TicketNotificationKind = switch kind {
        case .ticketReplied: .agentReplied
        case .ticketSolved: .solved
        default: .statusChanged
        }
        guard inbox.preferences(for: opened.requester).email.contains(preference) else { return nil }
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        var facts = ["subject": personal.subject, "ticket": "\(base)/tickets/\(ticketID.uuidString.lowercased())",
                     "reference": String(ticketID.uuidString.lowercased().suffix(8)), "when": NotificationPlanner.format(record.recordedAt)]
        if let reply { facts["reply"] = reply }
        if let change {
            facts["status"] = change.to.rawValue
            if let reason = change.personal?.reason, !reason.isEmpty { facts["reason"] = reason }
        }
        if kind == .ticketSolved {
            let token = ratingLinks.token(ticket: ticketID, requester: opened.requester, expires: record.recordedAt.addingTimeInterval(RatingLinks.lifetime))
            facts["rating"] = (1...5).reversed().map { "  \($0) – \(Self.ratingWords[$0]!): \(base)/rate/\(token)?rating=\($0)" }.joined(separator: "\n")
        }
        return NotificationPlan(account: opened.requester, kind: kind, link: facts["ticket"], facts: facts)
    }

    static let ratingWords = [5: "great", 4: "good", 3: "okay", 2: "poor", 1: "bad"]

    static func ticketID(_ stream: String) -> UUID? {
        guard stream.hasPrefix("ticket-"), stream.count == 43 else { return nil }
        return UUID(uuidString: String(stream.dropFirst(7)))
    }
}
