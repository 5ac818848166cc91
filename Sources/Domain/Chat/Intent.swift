import Foundation

/// One intent folded from its stream `intent-<name>`: the current definition, whether it is retired, and its
/// training examples. The out-of-scope examples have a stream of the same shape without a definition
/// (`intent-out_of_scope`).
public struct Intent: Sendable, Equatable {
    /// One training example.
    public struct Example: Sendable, Equatable {
        public var id: UUID
        /// Nil when the text was a customer's and that customer has been erased.
        public var text: String?
        public var source: IntentExampleSource
        /// The data subject the text is sealed under (customers' messages only).
        public var subject: String?
        public var addedAt: Date
    }

    /// The label of messages no intent covers (weather, jokes, how-to questions for the knowledge base). Its
    /// examples choose the classifier's rejection threshold; the model never predicts it.
    public static let outOfScopeLabel = "out_of_scope"
    /// The longest example, in characters.
    public static let maximumExampleLength = 500
    /// The most examples one intent may hold.
    public static let maximumExamples = 2_000

    public var name: String?
    public var definition: IntentDefinition?
    /// 1 after the definition, one more per revision.
    public var revision = 0
    public var retired = false
    /// Examples in the order they were added.
    public var examples: [Example] = []
    public var createdAt: Date?
    public var updatedAt: Date?

    public init() {}

    public static func stream(_ name: String) -> String { "intent-\(name)" }

    /// Defined (now or before) and not retired.
    public var isActive: Bool { definition != nil && !retired }
    public var exists: Bool { definition != nil }

    /// Examples whose text can still be read.
    public var readableExamples: [Example] { examples.filter { $0.text != nil } }

    /// The stream's state after `event`; `subject` is the data subject the record was sealed under, if any.
    public func evolve(_ event: any DomainEvent, at: Date, subject: String? = nil) -> Intent {
        var i = self
        switch event {
        case let e as IntentDefined:
            i.name = e.definition.name
            i.definition = e.definition
            i.revision += 1
            i.retired = false
            i.createdAt = i.createdAt ?? at
            i.updatedAt = at
        case let e as IntentRevised:
            i.definition = e.definition
            i.revision = e.revision
            i.updatedAt = at
        case is IntentRetired:
            i.retired = true
            i.updatedAt = at
        case let e as IntentExampleAdded:
            i.name = i.name ?? e.intent
            i.examples.append(Example(id: e.exampleID, text: e.readableText, source: e.source,
                                      subject: e.source.isCustomerText ? subject : nil, addedAt: at))
            i.updatedAt = at
        case let e as IntentExampleRemoved:
            i.examples.removeAll { $0.id == e.exampleID }
            i.updatedAt = at
        default:
            break
        }
        return i
    }

    /// Forgets the texts sealed under `subject` (the subject was erased).
    public mutating func forget(subject: String) {
        for k in examples.indices where examples[k].subject == subject { examples[k].text = nil }
    }

    /// The form in which two example texts count as the same: trimmed, lower-cased, runs of white space as one space.
    public static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether `name` can be an intent's name or the out-of-scope label (and so a stream name).
    public static func isValidLabel(_ name: String) -> Bool {
        name == outOfScopeLabel || name.range(of: "^[a-z][a-z0-9_]{1,63}$", options: .regularExpression) != nil
    }
}
