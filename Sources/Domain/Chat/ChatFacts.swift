import Foundation

/// A knowledge-base entry found for a question, with how well it matched (0–1).
public struct KnowledgeHit: Sendable, Equatable {
    public var itemID: String
    public var title: String
    public var url: String
    /// The quick answer shown in the chat.
    public var answer: String
    public var score: Double
    public init(itemID: String, title: String, url: String, answer: String, score: Double) {
        self.itemID = itemID
        self.title = title
        self.url = url
        self.answer = answer
        self.score = score
    }
}

/// One of the customer's tickets as the assistant may report it.
public struct TicketFact: Sendable, Equatable {
    public var id: UUID
    public var subject: String
    /// As customers read it: "Open", "Waiting for you", "Solved"…
    public var status: String
    /// The next SLA target and what it is ("first reply", "resolution"), when one runs.
    public var nextDue: Date?
    public var dueWhat: String?
    public var breached: Bool
    public init(id: UUID, subject: String, status: String, nextDue: Date? = nil, dueWhat: String? = nil, breached: Bool = false) {
        self.id = id
        self.subject = subject
        self.status = status
        self.nextDue = nextDue
        self.dueWhat = dueWhat
        self.breached = breached
    }
    /// The short reference customers see (also in the ticket mails): `#` and the id's last eight hex digits —
    /// the random part of a time-ordered id; the first ones are the same for every ticket of the same minute.
    public var reference: String { Self.reference(id) }
    public static func reference(_ id: UUID) -> String { "#" + id.uuidString.lowercased().suffix(8) }

    /// Whether a reference from a message (a full id, or eight hex digits) names this ticket.
    public func isNamed(by reference: String) -> Bool {
        let r = reference.lowercased()
        let own = id.uuidString.lowercased()
        return r.count == 36 ? r == own : r.count == 8 && own.hasSuffix(r)
    }
}

/// A ticket category a chat may open a ticket in, with its form.
public struct ChatCategory: Sendable, Equatable {
    public var id: String
    public var name: String
    public var fields: [FormField]
    public init(id: String, name: String, fields: [FormField]) {
        self.id = id
        self.name = name
        self.fields = fields
    }
}

/// What the portal knows around a turn, looked up by the caller before the dialogue decides.
public struct ChatFacts: Sendable, Equatable {
    public var signedIn: Bool
    public var emailVerified: Bool
    public var agentsOnline: Bool
    /// Best first; empty when nothing was looked up or found.
    public var knowledge: [KnowledgeHit]
    /// The customer's tickets, most recently updated first.
    public var tickets: [TicketFact]
    public var categories: [ChatCategory]
    public var timeZone: TimeZone

    public init(signedIn: Bool, emailVerified: Bool = true, agentsOnline: Bool, knowledge: [KnowledgeHit] = [], tickets: [TicketFact] = [],
                categories: [ChatCategory] = [], timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.signedIn = signedIn
        self.emailVerified = emailVerified
        self.agentsOnline = agentsOnline
        self.knowledge = knowledge
        self.tickets = tickets
        self.categories = categories
        self.timeZone = timeZone
    }
}

/// A ticket the conversation collected, for the ticket form's own command.
public struct ChatTicketRequest: Sendable, Equatable {
    public var categoryID: String
    public var subject: String
    public var description: String
    public var fields: [String: [String]]
    public init(categoryID: String, subject: String, description: String, fields: [String: [String]]) {
        self.categoryID = categoryID
        self.subject = subject
        self.description = description
        self.fields = fields
    }
}

/// What the dialogue decided for one turn: the reply, the state after it, and what the caller must do.
public struct DialogueOutcome: Sendable, Equatable {
    public enum Effect: Sendable, Equatable {
        /// Put the conversation in the agents' queue.
        case handoff(HandoffReason)
        /// Open this ticket through the ticket form's command, then call ``DialoguePolicy/ticketOpened(_:in:)``
        /// or ``DialoguePolicy/ticketRefused(_:request:in:facts:)``.
        case createTicket(ChatTicketRequest)
    }
    public var reply: ChatReply
    public var state: DialogueState
    public var memory: DialogueMemory
    public var effect: Effect?
    /// The message was neither understood nor answered from the knowledge base (it counts towards a handoff and
    /// goes to the learning queue), whatever the reply.
    public var missed: Bool
    public init(reply: ChatReply, state: DialogueState, memory: DialogueMemory, effect: Effect? = nil, missed: Bool = false) {
        self.reply = reply
        self.state = state
        self.memory = memory
        self.effect = effect
        self.missed = missed
    }
}
