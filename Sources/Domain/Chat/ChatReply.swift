import Foundation

/// A button under a reply: its label, and what is sent when it is pressed.
public struct QuickReply: Codable, Sendable, Equatable {
    public var label: String
    public var payload: String
    public init(_ label: String, payload: String? = nil) {
        self.label = label
        self.payload = payload ?? label
    }
}

/// A knowledge-base entry an answer came from.
public struct ReplySource: Codable, Sendable, Equatable {
    public var itemID: String
    public var title: String
    public var url: String
    public init(itemID: String, title: String, url: String) {
        self.itemID = itemID
        self.title = title
        self.url = url
    }
}

/// What kind of reply the assistant gave: analytics count them, the widget styles them.
public enum ReplyKind: String, Codable, Sendable, CaseIterable {
    /// A quick response: greeting, thanks, capabilities, goodbye.
    case smallTalk
    /// An intent's own answer.
    case answer
    /// An answer from the FAQ or knowledge base, with its sources.
    case knowledge
    /// A question for a slot, a field, or a confirmation.
    case question
    /// The status of one of the customer's tickets.
    case ticketStatus
    /// The ticket was opened.
    case ticketCreated
    /// The conversation waits for an agent.
    case handoff
    /// Nothing understood and nothing found: "I'm not sure…".
    case fallback
    /// Something the customer must do first (sign in, confirm their e-mail) or a refusal.
    case notice
}

/// The assistant's reply to one turn.
public struct ChatReply: Codable, Sendable, Equatable {
    public var kind: ReplyKind
    public var text: String
    public var sources: [ReplySource]
    public var quickReplies: [QuickReply]
    /// Whether the reply asks "Did this help?".
    public var asksFeedback: Bool

    public init(kind: ReplyKind, text: String, sources: [ReplySource] = [], quickReplies: [QuickReply] = [], asksFeedback: Bool = false) {
        self.kind = kind
        self.text = text
        self.sources = sources
        self.quickReplies = quickReplies
        self.asksFeedback = asksFeedback
    }
}
