import Foundation

/// Why a conversation went to a person.
public enum HandoffReason: String, Codable, Sendable, CaseIterable {
    /// The customer asked for one.
    case asked
    /// Two turns in a row the assistant neither understood nor found an answer.
    case lowConfidence
    /// The customer said twice that an answer didn't help.
    case notHelpful
}

/// The conversation joined the agents' live queue, with its intent and transcript.
public struct ChatHandoffRequested: DomainEvent {
    public static let eventType = "ChatHandoffRequested"
    public var conversationID: UUID
    public var reason: HandoffReason
    /// The conversation's topic when it was handed over.
    public var intent: String?

    public init(conversationID: UUID, reason: HandoffReason, intent: String?) {
        self.conversationID = conversationID
        self.reason = reason
        self.intent = intent
    }
}

/// An agent picked the conversation up from the queue; `waitedSeconds` is the customer's wait.
public struct ChatHandoffAccepted: DomainEvent {
    public static let eventType = "ChatHandoffAccepted"
    public var conversationID: UUID
    public var agent: AccountID
    public var waitedSeconds: Double

    public init(conversationID: UUID, agent: AccountID, waitedSeconds: Double) {
        self.conversationID = conversationID
        self.agent = agent
        self.waitedSeconds = waitedSeconds
    }
}

/// Who wrote a live message.
public enum ChatAuthor: String, Codable, Sendable {
    case customer, agent
}

/// A message between the customer and an agent, once a person has the conversation (sealed).
public struct ChatMessagePosted: DomainEvent {
    public static let eventType = "ChatMessagePosted"
    public struct Personal: Codable, Sendable, Equatable {
        public var text: String
        public init(text: String) { self.text = text }
    }
    public var conversationID: UUID
    public var author: ChatAuthor
    /// The agent who wrote it, for agent messages.
    public var agent: AccountID?
    public var personal: Personal?
    enum CodingKeys: String, CodingKey { case conversationID, author, agent }

    public init(conversationID: UUID, author: ChatAuthor, agent: AccountID?, text: String) {
        self.conversationID = conversationID
        self.author = author
        self.agent = agent
        personal = Personal(text: text)
    }
}

/// The person handed the conversation back to the assistant, or the customer left the queue.
public struct ChatHandoffEnded: DomainEvent {
    public static let eventType = "ChatHandoffEnded"
    public var conversationID: UUID
    public var by: ChatAuthor
    /// True when nobody had picked it up yet.
    public var unanswered: Bool

    public init(conversationID: UUID, by: ChatAuthor, unanswered: Bool) {
        self.conversationID = conversationID
        self.by = by
        self.unanswered = unanswered
    }
}
