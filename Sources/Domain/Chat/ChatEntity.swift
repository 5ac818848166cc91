import Foundation

/// A value found in a customer's message (a date resolved in their time zone, an amount, an address…),
/// in the form the dialogue works with. The text it came from is the customer's, so it is sealed with the turn.
public struct ChatEntity: Codable, Sendable, Equatable {
    public var kind: SlotKind
    /// The words as written.
    public var text: String
    /// The canonical value: `2022-03-18`, `12.50 EUR`, a ticket id, a category id…
    public var value: String

    public init(kind: SlotKind, text: String, value: String) {
        self.kind = kind
        self.text = text
        self.value = value
    }
}

/// What the portal understood of one message before the dialogue decides: the classifier's best intent
/// (nil when out of scope), its confidence, the entities, and a quick reply's payload when a button was pressed.
public struct Understanding: Sendable, Equatable {
    public var text: String
    public var intent: String?
    public var confidence: Double
    public var entities: [ChatEntity]
    /// Set when the customer pressed a quick-reply button: the button's payload, taken literally.
    public var quickReply: String?

    public init(text: String, intent: String?, confidence: Double, entities: [ChatEntity] = [], quickReply: String? = nil) {
        self.text = text
        self.intent = intent
        self.confidence = confidence
        self.entities = entities
        self.quickReply = quickReply
    }

    /// The first entity of a kind.
    public func entity(_ kind: SlotKind) -> ChatEntity? { entities.first { $0.kind == kind } }
}
