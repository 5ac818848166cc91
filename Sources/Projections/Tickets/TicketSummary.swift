import Domain
import Foundation

/// What a ticket list shows about one ticket. Holds no personal data: subjects and comments are read
/// from the (sealed) ticket stream when a ticket is opened.
public struct TicketSummary: Sendable, Equatable {
    public var id: UUID
    public var requester: AccountID
    public var categoryID: String
    public var priority: TicketPriority
    public var status: TicketStatus
    public var assignee: AccountID?
    public var openedAt: Date
    /// Time of the last event on the ticket's stream.
    public var updatedAt: Date
    public var solvedAt: Date?
    public var closedAt: Date?
    public var archived: Bool
    public var rating: Int?
    public var publicComments: Int
    /// Who spoke last in public: the requester when they opened it or replied last ("awaiting reply"
    /// badges look at this).
    public var lastPublicActor: TicketActorRole
    /// Files added to the ticket (`AttachmentAdded`), on opening or with comments.
    public var attachments: Int
    public var followUpOf: UUID?
    /// The stream version of the last event applied; a command on the ticket expects it.
    public var streamVersion: UInt64
    /// The requester's personal data was erased: the ticket's texts can no longer be read or found.
    public var requesterErased: Bool

    public init(id: UUID, requester: AccountID, categoryID: String, priority: TicketPriority, status: TicketStatus, assignee: AccountID?,
                openedAt: Date, updatedAt: Date, solvedAt: Date?, closedAt: Date?, archived: Bool, rating: Int?, publicComments: Int,
                lastPublicActor: TicketActorRole, attachments: Int, followUpOf: UUID?, streamVersion: UInt64, requesterErased: Bool) {
        self.id = id
        self.requester = requester
        self.categoryID = categoryID
        self.priority = priority
        self.status = status
        self.assignee = assignee
        self.openedAt = openedAt
        self.updatedAt = updatedAt
        self.solvedAt = solvedAt
        self.closedAt = closedAt
        self.archived = archived
        self.rating = rating
        self.publicComments = publicComments
        self.lastPublicActor = lastPublicActor
        self.attachments = attachments
        self.followUpOf = followUpOf
        self.streamVersion = streamVersion
        self.requesterErased = requesterErased
    }
}
