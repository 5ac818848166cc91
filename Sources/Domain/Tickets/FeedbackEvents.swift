import Foundation

/// The customer rated a solved or closed ticket, 1 (bad) to 5 (great). A later rating replaces an earlier one.
public struct TicketRated: DomainEvent {
    public static let eventType = "TicketRated"
    public var ticketID: UUID
    public var rating: Int
    /// The agent the ticket was assigned to, and its category, for the analysts' breakdowns.
    public var agent: AccountID?
    public var categoryID: String
    public init(ticketID: UUID, rating: Int, agent: AccountID?, categoryID: String) {
        self.ticketID = ticketID
        self.rating = rating
        self.agent = agent
        self.categoryID = categoryID
    }
}

/// The optional detailed survey after a rating: resolution, the agent, speed (1–5 each) and words.
public struct SurveyAnswered: DomainEvent {
    public static let eventType = "SurveyAnswered"
    public struct Personal: Codable, Sendable, Equatable {
        public var comment: String?
        public var agentFeedback: String?
        public init(comment: String?, agentFeedback: String?) {
            self.comment = comment
            self.agentFeedback = agentFeedback
        }
    }
    public var ticketID: UUID
    public var resolution: Int?
    public var agentRating: Int?
    public var speed: Int?
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case ticketID, resolution, agentRating, speed }

    public init(ticketID: UUID, resolution: Int?, agentRating: Int?, speed: Int?, personal: Personal?) {
        self.ticketID = ticketID
        self.resolution = resolution
        self.agentRating = agentRating
        self.speed = speed
        self.personal = personal
    }
}

/// The customer asked for a follow-up of a solved or closed ticket; `followUp` is the new ticket.
public struct FollowUpRequested: DomainEvent {
    public static let eventType = "FollowUpRequested"
    public var ticketID: UUID
    public var followUp: UUID
    public init(ticketID: UUID, followUp: UUID) {
        self.ticketID = ticketID
        self.followUp = followUp
    }
}

/// A free improvement suggestion (stream `suggestions-<account uuid>`).
public struct ImprovementSuggested: DomainEvent {
    public static let eventType = "ImprovementSuggested"
    public struct Personal: Codable, Sendable, Equatable {
        public var text: String
        public init(text: String) { self.text = text }
    }
    public var suggestionID: UUID
    public var by: AccountID
    public var ticketID: UUID?
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case suggestionID, by, ticketID }

    public init(suggestionID: UUID, by: AccountID, ticketID: UUID?, personal: Personal?) {
        self.suggestionID = suggestionID
        self.by = by
        self.ticketID = ticketID
        self.personal = personal
    }
}

/// A customer's unfinished ticket form (stream `ticket-draft-<account uuid>`), saved as they type and
/// restored on any device.
public struct TicketDraftSaved: DomainEvent {
    public static let eventType = "TicketDraftSaved"
    public struct Personal: Codable, Sendable, Equatable {
        public var subject: String
        public var description: String
        public var fields: [String: [String]]
        public init(subject: String, description: String, fields: [String: [String]]) {
            self.subject = subject
            self.description = description
            self.fields = fields
        }
    }
    public var account: AccountID
    public var categoryID: String?
    public var priority: TicketPriority?
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case account, categoryID, priority }

    public init(account: AccountID, categoryID: String?, priority: TicketPriority?, personal: Personal?) {
        self.account = account
        self.categoryID = categoryID
        self.priority = priority
        self.personal = personal
    }
}

/// The draft was sent as a ticket, or thrown away.
public struct TicketDraftCleared: DomainEvent {
    public static let eventType = "TicketDraftCleared"
    public var account: AccountID
    public var ticketID: UUID?
    public init(account: AccountID, ticketID: UUID?) {
        self.account = account
        self.ticketID = ticketID
    }
}

/// What a customer can be told about their tickets.
public enum TicketNotificationKind: String, Codable, Sendable, CaseIterable {
    /// An agent wrote a public reply.
    case agentReplied
    /// The status changed (other than to solved).
    case statusChanged
    /// The ticket was solved (the mail carries the rating links).
    case solved
}

/// Which notifications a customer wants about their tickets, by e-mail and in the portal
/// (stream `ticket-notifications-<account uuid>`). Until they choose, all are on.
public struct TicketNotificationPreferencesChanged: DomainEvent {
    public static let eventType = "TicketNotificationPreferencesChanged"
    public var accountID: AccountID
    public var email: [TicketNotificationKind]
    public var inPortal: [TicketNotificationKind]
    public init(accountID: AccountID, email: [TicketNotificationKind], inPortal: [TicketNotificationKind]) {
        self.accountID = accountID
        self.email = email
        self.inPortal = inPortal
    }
}

/// The customer read their in-portal notifications up to and including `upTo` (a notification id).
public struct TicketNotificationsRead: DomainEvent {
    public static let eventType = "TicketNotificationsRead"
    public var accountID: AccountID
    public var upTo: UInt64
    public init(accountID: AccountID, upTo: UInt64) {
        self.accountID = accountID
        self.upTo = upTo
    }
}
