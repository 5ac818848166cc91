import Foundation

/// How urgent a ticket is; it decides the SLA targets.
public enum TicketPriority: String, Codable, Sendable, CaseIterable, Comparable {
    case low, normal, high, urgent

    /// What the level means, in words a customer can choose by.
    public var explanation: String {
        switch self {
        case .low: "A question or a small problem that does not stop your work."
        case .normal: "Something does not work as it should, but you can carry on."
        case .high: "An important part does not work and there is no workaround."
        case .urgent: "Everything is down, or money or data is at risk right now."
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: TicketPriority, b: TicketPriority) -> Bool { a.rank < b.rank }
}

/// Where a ticket stands.
public enum TicketStatus: String, Codable, Sendable, CaseIterable {
    /// Opened, no one has looked yet.
    case new
    /// Being worked on.
    case open
    /// Waiting for the customer (the SLA clock is paused).
    case pending
    /// Support thinks it is done; the customer can still reply to reopen it.
    case solved
    /// Done for good (reopening is possible only within the reopen window).
    case closed
}

/// Who did something to a ticket.
public enum TicketActorRole: String, Codable, Sendable { case customer, agent, system }

/// One answered form field, as it was when the ticket was opened (so later form changes cannot alter it).
public struct AnsweredField: Codable, Sendable, Equatable {
    public var id: String
    public var label: String
    public var value: FormValue
    public init(id: String, label: String, value: FormValue) {
        self.id = id
        self.label = label
        self.value = value
    }
}

/// A customer opened a ticket (stream `ticket-<uuid>`). What they wrote is sealed under their own key.
public struct TicketOpened: DomainEvent {
    public static let eventType = "TicketOpened"
    public struct Personal: Codable, Sendable, Equatable {
        public var subject: String
        public var description: String
        public var fields: [AnsweredField]
        public init(subject: String, description: String, fields: [AnsweredField]) {
            self.subject = subject
            self.description = description
            self.fields = fields
        }
    }
    public var ticketID: UUID
    public var requester: AccountID
    public var categoryID: String
    public var formVersion: Int
    public var priority: TicketPriority
    public var attachmentIDs: [String]
    /// Set when this ticket follows up on a solved one.
    public var followUpOf: UUID?
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case ticketID, requester, categoryID, formVersion, priority, attachmentIDs, followUpOf }

    public init(ticketID: UUID, requester: AccountID, categoryID: String, formVersion: Int, priority: TicketPriority, attachmentIDs: [String],
                followUpOf: UUID?, personal: Personal?) {
        self.ticketID = ticketID
        self.requester = requester
        self.categoryID = categoryID
        self.formVersion = formVersion
        self.priority = priority
        self.attachmentIDs = attachmentIDs
        self.followUpOf = followUpOf
        self.personal = personal
    }
}

/// A comment: from the customer or an agent, public or (agents only) an internal note.
public struct TicketCommented: DomainEvent {
    public static let eventType = "TicketCommented"
    public struct Personal: Codable, Sendable, Equatable {
        public var body: String
        public init(body: String) { self.body = body }
    }
    public var ticketID: UUID
    public var commentID: UUID
    public var author: AccountID
    public var role: TicketActorRole
    /// Internal notes are never shown to customers.
    public var isInternal: Bool
    public var attachmentIDs: [String]
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case ticketID, commentID, author, role, isInternal, attachmentIDs }

    public init(ticketID: UUID, commentID: UUID, author: AccountID, role: TicketActorRole, isInternal: Bool, attachmentIDs: [String], personal: Personal?) {
        self.ticketID = ticketID
        self.commentID = commentID
        self.author = author
        self.role = role
        self.isInternal = isInternal
        self.attachmentIDs = attachmentIDs
        self.personal = personal
    }
}

/// The status changed, by someone, for a reason.
public struct TicketStatusChanged: DomainEvent {
    public static let eventType = "TicketStatusChanged"
    public struct Personal: Codable, Sendable, Equatable {
        public var reason: String
        public init(reason: String) { self.reason = reason }
    }
    public var ticketID: UUID
    public var from: TicketStatus
    public var to: TicketStatus
    public var by: AccountID?
    public var role: TicketActorRole
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case ticketID, from, to, by, role }

    public init(ticketID: UUID, from: TicketStatus, to: TicketStatus, by: AccountID?, role: TicketActorRole, personal: Personal?) {
        self.ticketID = ticketID
        self.from = from
        self.to = to
        self.by = by
        self.role = role
        self.personal = personal
    }
}

/// An agent took (or was given) the ticket; `agent` nil means unassigned.
public struct TicketAssigned: DomainEvent {
    public static let eventType = "TicketAssigned"
    public var ticketID: UUID
    public var agent: AccountID?
    public var by: AccountID
    public init(ticketID: UUID, agent: AccountID?, by: AccountID) {
        self.ticketID = ticketID
        self.agent = agent
        self.by = by
    }
}

/// The priority changed (and with it the SLA targets).
public struct TicketPriorityChanged: DomainEvent {
    public static let eventType = "TicketPriorityChanged"
    public var ticketID: UUID
    public var from: TicketPriority
    public var to: TicketPriority
    public var by: AccountID
    public init(ticketID: UUID, from: TicketPriority, to: TicketPriority, by: AccountID) {
        self.ticketID = ticketID
        self.from = from
        self.to = to
        self.by = by
    }
}

/// A file was attached (to the ticket when opened, or to a comment). The bytes are in the blob store
/// under their BLAKE2b hash; the file name is sealed.
public struct AttachmentAdded: DomainEvent {
    public static let eventType = "AttachmentAdded"
    public struct Personal: Codable, Sendable, Equatable {
        public var filename: String
        public init(filename: String) { self.filename = filename }
    }
    public var ticketID: UUID
    public var attachmentID: String
    public var blobHash: String
    public var size: Int
    public var contentType: String
    public var uploadedBy: AccountID
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case ticketID, attachmentID, blobHash, size, contentType, uploadedBy }

    public init(ticketID: UUID, attachmentID: String, blobHash: String, size: Int, contentType: String, uploadedBy: AccountID, personal: Personal?) {
        self.ticketID = ticketID
        self.attachmentID = attachmentID
        self.blobHash = blobHash
        self.size = size
        self.contentType = contentType
        self.uploadedBy = uploadedBy
        self.personal = personal
    }
}

/// An SLA target is about to be missed (recorded by the SLA reactor).
public struct SLABreachWarned: DomainEvent {
    public static let eventType = "SLABreachWarned"
    public var ticketID: UUID
    public var target: SLATarget
    public var dueAt: Date
    public init(ticketID: UUID, target: SLATarget, dueAt: Date) {
        self.ticketID = ticketID
        self.target = target
        self.dueAt = dueAt
    }
}

/// An SLA target was missed (recorded by the SLA reactor, once per target).
public struct SLABreached: DomainEvent {
    public static let eventType = "SLABreached"
    public var ticketID: UUID
    public var target: SLATarget
    public var dueAt: Date
    public init(ticketID: UUID, target: SLATarget, dueAt: Date) {
        self.ticketID = ticketID
        self.target = target
        self.dueAt = dueAt
    }
}

/// Which SLA target.
public enum SLATarget: String, Codable, Sendable, CaseIterable { case firstResponse, resolution }

/// A closed ticket moved to the archive (by housekeeping, after the configured time). It stays in the
/// customer's history and search, under the archive filter.
public struct TicketArchived: DomainEvent {
    public static let eventType = "TicketArchived"
    public var ticketID: UUID
    public init(ticketID: UUID) { self.ticketID = ticketID }
}
