import Foundation

// Reviews go to one stream, `chat-review` (``ChatTurnReviewed/stream``), not to the conversation: a review is
// an editor's act, and it must not count as activity in the customer's conversation.

/// An editor reviewed a turn from the learning queue: labelled it with the intent it should have been, as out
/// of scope, or dismissed it. A label also adds the message as a training example (an `IntentExampleAdded`).
public struct ChatTurnReviewed: DomainEvent {
    public static let eventType = "ChatTurnReviewed"
    public static let stream = "chat-review"
    /// The label that marks a message as out of scope.
    public static let outOfScopeLabel = "out_of_scope"
    public var conversationID: UUID
    public var turn: Int
    /// The intent, ``outOfScopeLabel``, or nil when dismissed.
    public var label: String?
    public var by: String
    /// The training example the label added.
    public var exampleID: String?

    public init(conversationID: UUID, turn: Int, label: String?, by: String, exampleID: String?) {
        self.conversationID = conversationID
        self.turn = turn
        self.label = label
        self.by = by
        self.exampleID = exampleID
    }

    /// Checks a review: a known intent, out of scope, or a dismissal.
    public static func decide(conversationID: UUID, turn: Int, label: String?, knownIntents: Set<String>, alreadyReviewed: Bool,
                              by editor: String, exampleID: String?) throws -> ChatTurnReviewed {
        guard !alreadyReviewed else { throw DomainError.rejected("this message is reviewed already") }
        if let label, label != outOfScopeLabel, !knownIntents.contains(label) {
            throw FieldError(field: "label", message: "Choose one of the intents, \(outOfScopeLabel), or dismiss the message.")
        }
        return ChatTurnReviewed(conversationID: conversationID, turn: turn, label: label, by: editor, exampleID: label == nil ? nil : exampleID)
    }
}
