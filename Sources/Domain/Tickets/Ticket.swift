import Foundation

/// Limits and windows of the ticket workflow (configuration).
public struct TicketPolicy: Sendable, Equatable {
    /// A closed ticket can be reopened this long after it was solved; later, a follow-up is needed.
    public var reopenWindow: TimeInterval
    /// A solved ticket closes by itself after this long without a reply.
    public var closeAfterSolved: TimeInterval
    /// Closed tickets move to the archive after this long (they stay searchable there).
    public var archiveAfterClosed: TimeInterval

    public init(reopenWindow: TimeInterval = 14 * 86400, closeAfterSolved: TimeInterval = 7 * 86400, archiveAfterClosed: TimeInterval = 90 * 86400) {
        self.reopenWindow = reopenWindow
        self.closeAfterSolved = closeAfterSolved
        self.archiveAfterClosed = archiveAfterClosed
    }
}

/// A ticket's state, folded from its stream.
public struct Ticket: Sendable, Equatable {
    public var id: UUID?
    public var requester: AccountID?
    public var categoryID = ""
    public var priority = TicketPriority.normal
    public var status = TicketStatus.new
    public var assignee: AccountID?
    public var openedAt: Date?
    public var solvedAt: Date?
    public var closedAt: Date?
    public var firstAgentResponseAt: Date?
    public var rating: Int?
    public var archived = false
    public var attachmentIDs: Set<String> = []
    public var followUps: [UUID] = []

    public init() {}

    public static func stream(_ id: UUID) -> String { "ticket-\(id.uuidString.lowercased())" }

    public func evolve(_ event: any DomainEvent, at: Date) -> Ticket {
        var t = self
        switch event {
        case let e as TicketOpened:
            t.id = e.ticketID
            t.requester = e.requester
            t.categoryID = e.categoryID
            t.priority = e.priority
            t.status = .new
            t.openedAt = at
            t.attachmentIDs.formUnion(e.attachmentIDs)
        case let e as TicketCommented:
            if e.role == .agent, !e.isInternal, t.firstAgentResponseAt == nil { t.firstAgentResponseAt = at }
            t.attachmentIDs.formUnion(e.attachmentIDs)
        case let e as TicketStatusChanged:
            t.status = e.to
            if e.to == .solved { t.solvedAt = at }
            if e.to == .closed { t.closedAt = at }
            if e.to == .open || e.to == .pending { t.closedAt = nil }
        case let e as TicketAssigned:
            t.assignee = e.agent
        case let e as TicketPriorityChanged:
            t.priority = e.to
        case let e as AttachmentAdded:
            t.attachmentIDs.insert(e.attachmentID)
        case let e as TicketRated:
            t.rating = e.rating
        case is TicketArchived:
            t.archived = true
        case let e as FollowUpRequested:
            t.followUps.append(e.followUp)
        default:
            break
        }
        return t
    }
}
