import Foundation

/// An intent was defined for the first time, or defined again after it was retired. Stream `intent-<name>`.
public struct IntentDefined: DomainEvent {
    public static let eventType = "IntentDefined"
    public var definition: IntentDefinition
    /// The editor's stream, `seed` for the starter set.
    public var author: String
    public init(definition: IntentDefinition, author: String) {
        self.definition = definition
        self.author = author
    }
}

/// An intent's definition was replaced: the whole definition as it now stands.
public struct IntentRevised: DomainEvent {
    public static let eventType = "IntentRevised"
    public var name: String
    /// 2 for the first revision after the definition.
    public var revision: Int
    public var definition: IntentDefinition
    public var author: String
    public init(name: String, revision: Int, definition: IntentDefinition, author: String) {
        self.name = name
        self.revision = revision
        self.definition = definition
        self.author = author
    }
}

/// An intent was taken out of the assistant: the next training leaves its examples out.
public struct IntentRetired: DomainEvent {
    public static let eventType = "IntentRetired"
    public var name: String
    public var author: String
    public init(name: String, author: String) {
        self.name = name
        self.author = author
    }
}
