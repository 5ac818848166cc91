import Domain
import Foundation

/// One ticket as its page shows it: what was asked, everything that happened in order, the current
/// state and the SLA clocks — folded on demand from the ticket's own stream (the service caches it
/// per stream version), with what the viewer may not see left out.
///
/// A customer sees only their own tickets, and never internal notes, files that belong to internal
/// notes (or that an agent uploaded and no public reply has named yet), SLA warnings and breaches or
/// the SLA clocks. Texts come from the sealed parts; once the requester's data is erased they are nil.
public struct TicketTimeline: Sendable, Equatable {
    /// Who is looking.
    public enum Viewer: Sendable, Equatable {
        case customer(AccountID)
        case agent
    }

    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case opened, comment, internalNote, statusChanged, assigned, priorityChanged, attachment, slaWarning, slaBreach, rated, survey,
             followUp, archived
    }

    /// A file's description; the bytes are in the blob store.
    public struct Attachment: Sendable, Equatable {
        public var id: String
        public var size: Int
        public var contentType: String
        /// nil once the requester's data is erased.
        public var filename: String?
    }

    /// What the customer answered in the detailed survey.
    public struct Survey: Sendable, Equatable {
        public var resolution: Int?
        public var agentRating: Int?
        public var speed: Int?
        public var agentFeedback: String?

        public init(resolution: Int?, agentRating: Int?, speed: Int?, agentFeedback: String?) {
            self.resolution = resolution
            self.agentRating = agentRating
            self.speed = speed
            self.agentFeedback = agentFeedback
        }
    }

    public struct Entry: Sendable, Equatable, Identifiable {
        /// The log position of the event.
        public var id: UInt64
        public var at: Date
        public var kind: Kind
        public var actor: AccountID?
        public var role: TicketActorRole
        /// A comment's body, a status change's reason, a survey's comment; nil when there is none or
        /// it was erased.
        public var text: String?
        /// For `attachment`.
        public var attachment: Attachment?
        /// For comments: the comment's id and the files it carries.
        public var commentID: UUID?
        public var attachmentIDs: [String] = []
        /// For status changes.
        public var fromStatus: TicketStatus?
        public var toStatus: TicketStatus?
        /// For priority changes.
        public var fromPriority: TicketPriority?
        public var toPriority: TicketPriority?
        /// For `assigned`: the agent now responsible (nil: unassigned).
        public var assignee: AccountID?
        /// For `rated`.
        public var rating: Int?
        /// For `survey`.
        public var survey: Survey?
        /// For `followUp`: the new ticket.
        public var followUp: UUID?
        /// For SLA warnings and breaches.
        public var slaTarget: SLATarget?
        public var dueAt: Date?
    }

    /// What the requester wrote when opening the ticket; nil texts once erased.
    public struct Opened: Sendable, Equatable {
        public var subject: String?
        public var description: String?
        public var fields: [AnsweredField]
        public var formVersion: Int
    }

    public var viewer: Viewer
    public var opened: Opened
    /// Oldest first.
    public var entries: [Entry]
    /// The ticket's state (for customers, only with the files they may see).
    public var ticket: Ticket
    /// Both SLA clocks at the time asked for; empty for customers.
    public var sla: [SLAClock.Reading]
    /// The requester's personal data was erased: the ticket's texts are gone for good.
    public var personalDataErased: Bool
    /// Stream version of the last event folded (the version a command on the ticket expects).
    public var streamVersion: UInt64
}
