import Domain
import Foundation

/// The order of a ticket list.
public enum TicketSort: String, Sendable, CaseIterable {
    /// Most recently changed first.
    case updatedNewest
    case openedNewest
    case openedOldest
    /// Urgent first; within a priority, most recently changed first.
    case priorityHighest
}

/// A filtered, sorted page of tickets. Every filter left nil matches all tickets.
public struct TicketQuery: Sendable, Equatable {
    /// Only this requester's tickets: what a customer's own list always sets.
    public var requester: AccountID?
    public var statuses: Set<TicketStatus>?
    public var categoryID: String?
    public var priorities: Set<TicketPriority>?
    /// Opened at or after.
    public var openedFrom: Date?
    /// Opened before.
    public var openedTo: Date?
    /// nil: archived and current tickets alike.
    public var archived: Bool?
    /// nil: any; `.some(nil)`: unassigned; `.some(agent)`: that agent's.
    public var assignee: AccountID??
    /// Words that must all occur (after tokenizing and stemming); text without a searchable word
    /// (only stop words, say) filters nothing.
    public var text: String?
    /// Also search internal notes: for agents only, never for a customer's query.
    public var includeInternal: Bool
    public var sort: TicketSort
    /// Clamped to 0 or more.
    public var offset: Int
    /// Clamped to 0…``TicketQuery/maximumLimit``.
    public var limit: Int

    /// The largest page a query returns.
    public static let maximumLimit = 500
    /// Query words beyond this many are ignored (each one costs a lookup per candidate ticket).
    public static let maximumTextTokens = 32

    public init(requester: AccountID? = nil, statuses: Set<TicketStatus>? = nil, categoryID: String? = nil, priorities: Set<TicketPriority>? = nil,
                openedFrom: Date? = nil, openedTo: Date? = nil, archived: Bool? = nil, assignee: AccountID?? = nil, text: String? = nil,
                includeInternal: Bool = false, sort: TicketSort = .updatedNewest, offset: Int = 0, limit: Int = 25) {
        self.requester = requester
        self.statuses = statuses
        self.categoryID = categoryID
        self.priorities = priorities
        self.openedFrom = openedFrom
        self.openedTo = openedTo
        self.archived = archived
        self.assignee = assignee
        self.text = text
        self.includeInternal = includeInternal
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }
}
