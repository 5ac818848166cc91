import Foundation

/// Where a training example came from.
public enum IntentExampleSource: Codable, Sendable, Equatable {
    /// An editor typed it.
    case editor
    /// A reviewer labelled a customer's message: the conversation and the turn (from 1) it was taken from.
    case review(conversation: UUID, turn: Int)
    /// The portal's starter set (`Resources/chat/intents.json`).
    case seed

    /// Whether the text is a customer's own words, to be sealed under that customer's subject.
    public var isCustomerText: Bool {
        if case .review = self { return true }
        return false
    }
}

/// A message was added to an intent's training examples (or to the out-of-scope examples, stream
/// `intent-out_of_scope`). Editors' and starter examples keep their text public; a customer's message taken
/// from a conversation is sealed under that customer's subject, so erasing the customer removes it from every
/// later training.
public struct IntentExampleAdded: DomainEvent {
    public static let eventType = "IntentExampleAdded"
    public struct Personal: Codable, Sendable, Equatable {
        public var text: String
        public init(text: String) { self.text = text }
    }

    public var exampleID: UUID
    /// The intent's name, or ``Intent/outOfScopeLabel``.
    public var intent: String
    public var source: IntentExampleSource
    /// The text when it is not a customer's (nil when it is sealed).
    public var text: String?
    public var personal: Personal?
    public var author: String
    enum CodingKeys: String, CodingKey { case exampleID, intent, source, text, author }

    /// `text` goes to the sealed part when `source` is a customer's message, else it stays public.
    public init(exampleID: UUID, intent: String, text: String, source: IntentExampleSource, author: String) {
        self.exampleID = exampleID
        self.intent = intent
        self.source = source
        self.author = author
        if source.isCustomerText {
            self.text = nil
            self.personal = Personal(text: text)
        } else {
            self.text = text
            self.personal = nil
        }
    }

    /// The example's text, public or unsealed; nil when it was sealed and can no longer be read.
    public var readableText: String? { text ?? personal?.text }
}

/// An example was taken out of an intent's training examples.
public struct IntentExampleRemoved: DomainEvent {
    public static let eventType = "IntentExampleRemoved"
    public var exampleID: UUID
    public var intent: String
    public var author: String
    public init(exampleID: UUID, intent: String, author: String) {
        self.exampleID = exampleID
        self.intent = intent
        self.author = author
    }
}
