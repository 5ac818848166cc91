import Foundation

// A conversation is one stream, `conversation-<uuid>` (``Conversation/stream(_:)``). The customer's words and
// the assistant's replies are sealed under the customer's key, or under the conversation's own key for a
// visitor who is not signed in.

/// A chat began, on a page of the portal or through the API.
public struct ConversationStarted: DomainEvent {
    public static let eventType = "ConversationStarted"
    public var conversationID: UUID
    /// The signed-in customer; nil for an anonymous visitor.
    public var customer: AccountID?
    /// SHA-256 (hex) of the visitor's conversation token, which proves an anonymous visitor's access.
    public var visitorTokenHash: String?
    /// The customer's IANA time zone, for resolving "yesterday" and showing times.
    public var timeZone: String
    /// Where it started: `widget`, `api`.
    public var channel: String

    public init(conversationID: UUID, customer: AccountID?, visitorTokenHash: String?, timeZone: String, channel: String) {
        self.conversationID = conversationID
        self.customer = customer
        self.visitorTokenHash = visitorTokenHash
        self.timeZone = timeZone
        self.channel = channel
    }
}

/// One exchange with the assistant: what the customer wrote (sealed), what was recognised, the reply and
/// the dialogue state after it. A reply without a message (after "didn't help") has no text.
public struct ChatTurnRecorded: DomainEvent {
    public static let eventType = "ChatTurnRecorded"
    public struct Personal: Codable, Sendable, Equatable {
        public var text: String?
        public var entities: [ChatEntity]
        public var reply: String
        public var memory: DialogueMemory
        public init(text: String?, entities: [ChatEntity], reply: String, memory: DialogueMemory) {
            self.text = text
            self.entities = entities
            self.reply = reply
            self.memory = memory
        }
    }
    public var conversationID: UUID
    /// 1, 2, 3… in the conversation.
    public var turn: Int
    /// The recognised intent; nil when out of scope or when a button was pressed.
    public var intent: String?
    public var confidence: Double
    /// The model version that classified the message.
    public var modelVersion: Int?
    /// The kinds of entities found (their values are sealed).
    public var entityKinds: [SlotKind]
    public var replyKind: ReplyKind
    public var sources: [ReplySource]
    public var quickReplies: [QuickReply]
    public var asksFeedback: Bool
    /// Neither understood nor answered from the knowledge base (a fallback, or the handoff it led to).
    public var missed: Bool
    public var state: DialogueState
    public var personal: Personal?
    enum CodingKeys: String, CodingKey {
        case conversationID, turn, intent, confidence, modelVersion, entityKinds, replyKind, sources, quickReplies, asksFeedback, missed, state
    }

    public init(conversationID: UUID, turn: Int, understanding: Understanding?, modelVersion: Int?, reply: ChatReply,
                state: DialogueState, memory: DialogueMemory, missed: Bool = false) {
        self.conversationID = conversationID
        self.turn = turn
        intent = understanding?.quickReply == nil ? understanding?.intent : nil
        confidence = understanding?.quickReply == nil ? (understanding?.confidence ?? 0) : 1
        self.modelVersion = modelVersion
        entityKinds = understanding?.entities.map(\.kind) ?? []
        replyKind = reply.kind
        sources = reply.sources
        quickReplies = reply.quickReplies
        asksFeedback = reply.asksFeedback
        self.missed = missed
        self.state = state
        personal = Personal(text: understanding?.text, entities: understanding?.entities ?? [], reply: reply.text, memory: memory)
    }

    /// The reply as the customer saw it (its text is nil once the subject is erased).
    public var reply: ChatReply {
        ChatReply(kind: replyKind, text: personal?.reply ?? "", sources: sources, quickReplies: quickReplies, asksFeedback: asksFeedback)
    }
}

/// "Did this help?" answered for a turn that asked it.
public struct ChatAnswerRated: DomainEvent {
    public static let eventType = "ChatAnswerRated"
    public var conversationID: UUID
    public var turn: Int
    public var helpful: Bool
    /// The knowledge-base entries the answer came from, so their ratings count it.
    public var itemIDs: [String]
    public var intent: String?

    public init(conversationID: UUID, turn: Int, helpful: Bool, itemIDs: [String], intent: String?) {
        self.conversationID = conversationID
        self.turn = turn
        self.helpful = helpful
        self.itemIDs = itemIDs
        self.intent = intent
    }
}

/// A ticket was opened from the conversation (through the ticket form's own command and validation).
public struct ChatTicketCreated: DomainEvent {
    public static let eventType = "ChatTicketCreated"
    public var conversationID: UUID
    public var ticketID: UUID
    public var turn: Int

    public init(conversationID: UUID, ticketID: UUID, turn: Int) {
        self.conversationID = conversationID
        self.ticketID = ticketID
        self.turn = turn
    }
}

/// Why a conversation ended.
public enum ConversationCloseReason: String, Codable, Sendable {
    case idle, customer, agent
}

/// The conversation ended; a new message starts a new one.
public struct ConversationClosed: DomainEvent {
    public static let eventType = "ConversationClosed"
    public var conversationID: UUID
    public var reason: ConversationCloseReason

    public init(conversationID: UUID, reason: ConversationCloseReason) {
        self.conversationID = conversationID
        self.reason = reason
    }
}
