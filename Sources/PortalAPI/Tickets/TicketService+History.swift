import Domain
import EventStore
import Foundation
import Projections

/// One row of a ticket list: what the projection knows, plus the subject and, for solved tickets, the
/// resolution summary, read from the ticket's own stream.
public struct TicketListItem: Codable, Sendable, Equatable {
    public var id: UUID
    public var subject: String?
    public var categoryID: String
    public var category: String
    public var priority: String
    public var status: String
    public var openedAt: Date
    public var updatedAt: Date
    public var archived: Bool
    public var rating: Int?
    public var assignee: String?
    /// An agent wrote last and the ticket waits for the customer.
    public var awaitingCustomer: Bool
    public var comments: Int
    public var attachments: Int
    public var resolution: ResolutionSummary?
}

/// How a solved ticket ended: the agent's summary, when, and how long it took.
public struct ResolutionSummary: Codable, Sendable, Equatable {
    public var summary: String?
    public var solvedAt: Date
    public var solvedBy: String?
    /// Calendar time from opening to solving.
    public var elapsedSeconds: Int
    /// Working time of the business calendar from opening to solving, pauses included.
    public var businessSeconds: Int
    public var replies: Int
}

public struct TicketListPage: Codable, Sendable, Equatable {
    public var items: [TicketListItem]
    public var total: Int
    public var offset: Int
    public var limit: Int
}

extension TicketService {
    /// A customer's tickets (or, for agents, any tickets), filtered, searched, sorted and paged.
    public func list(_ query: TicketQuery, for account: AccountID) async throws -> TicketListPage {
        let actor = try actor(account)
        var q = query
        if actor.isAgent {
            // Agents find tickets by their internal notes too; customers never.
            q.includeInternal = true
        } else {
            q.requester = account
            q.includeInternal = false
        }
        _ = await runner.waitUntil(store.lastPosition, projections: [directory.name], timeout: .seconds(2))
        let (total, summaries) = directory.search(q)
        return TicketListPage(items: try summaries.map { try item($0) }, total: total, offset: q.offset, limit: q.limit)
    }

    func item(_ s: TicketSummary) throws -> TicketListItem {
        let subject = try repository.subject(s.id)
        let finished = s.status == .solved || s.status == .closed
        return TicketListItem(
            id: s.id, subject: subject, categoryID: s.categoryID, category: categories.entry(s.categoryID)?.category.name ?? s.categoryID,
            priority: s.priority.rawValue, status: s.status.rawValue, openedAt: s.openedAt, updatedAt: s.updatedAt, archived: s.archived,
            rating: s.rating, assignee: s.assignee?.description,
            awaitingCustomer: s.lastPublicActor == .agent && (s.status == .open || s.status == .pending),
            comments: s.publicComments, attachments: s.attachments,
            resolution: finished ? try resolution(of: repository.load(s.id)) : nil)
    }

    /// The resolution summary of a solved or closed ticket: the reason given with the last change to
    /// solved, and how long it took.
    func resolution(of loaded: TicketRepository.Loaded) throws -> ResolutionSummary? {
        guard let openedAt = loaded.ticket.openedAt else { return nil }
        var solved: (TicketStatusChanged, Date)?
        var replies = 0
        for record in loaded.records {
            switch try record.domainEvent() {
            case let e as TicketStatusChanged where e.to == .solved: solved = (e, record.recordedAt)
            case let e as TicketCommented where e.role == .agent && !e.isInternal: replies += 1
            default: break
            }
        }
        guard let (change, at) = solved else { return nil }
        let summary = change.personal?.reason
        return ResolutionSummary(summary: summary?.isEmpty == false ? summary : nil, solvedAt: at, solvedBy: change.by?.description,
                                 elapsedSeconds: Int(at.timeIntervalSince(openedAt)),
                                 businessSeconds: Int(settings.sla.calendar.workingSeconds(from: openedAt, to: at)), replies: replies)
    }
}
