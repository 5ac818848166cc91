import Foundation

/// What the assistant does when it recognises an intent.
public enum IntentAction: String, Codable, Sendable, CaseIterable {
    /// Reply with the intent's answer (after filling its slots, if it has any).
    case answer
    /// Answer from the FAQ and knowledge base with the customer's own words.
    case searchKnowledge
    /// Collect a ticket's category, subject, description and form fields, then open it.
    case createTicket
    /// Report on the customer's latest (or named) ticket: status and SLA.
    case ticketStatus
    /// Hand the conversation to a human agent.
    case handoff
    /// Quick responses.
    case greeting, thanks, capabilities, goodbye
    /// "Yes" and "no" — meaningful only while the assistant waits for a confirmation.
    case affirm, deny
}

/// The kind of value a slot takes, matched against the entities found in a message.
public enum SlotKind: String, Codable, Sendable, CaseIterable {
    case date, dateRange, time, dateTime, duration, money, number, email, phone, url, ticket, category
    /// Free text: the whole message fills the slot.
    case text
}

/// A value the assistant asks for before it acts ("When did you order it?").
public struct SlotDefinition: Codable, Sendable, Equatable {
    public static let namePattern = "[a-z][a-z0-9_]{0,39}"
    public var name: String
    public var kind: SlotKind
    /// The question that asks for it.
    public var prompt: String
    public var required: Bool

    public init(name: String, kind: SlotKind, prompt: String, required: Bool = true) {
        self.name = name
        self.kind = kind
        self.prompt = prompt
        self.required = required
    }
}

/// One intent as editors define it: the label the classifier learns, what the assistant does with it,
/// and the slots it asks for first. Its training examples are events of their own.
public struct IntentDefinition: Codable, Sendable, Equatable {
    public static let maximumAnswer = 2_000
    public static let maximumQuickReplies = 6
    /// The label: lower-case letters, digits and underscores, 2–64 characters.
    public var name: String
    /// What editors and analysts see ("Card not arrived").
    public var title: String
    public var action: IntentAction
    /// The reply for `.answer` and the quick responses; `{slot}` is replaced by the slot's value.
    public var answer: String?
    public var slots: [SlotDefinition]
    /// For `.createTicket`: the category offered first (the customer still picks; naming a category picks it).
    public var categoryID: String?
    /// Suggested next messages shown as buttons after the reply.
    public var quickReplies: [String]

    public init(name: String, title: String, action: IntentAction, answer: String? = nil, slots: [SlotDefinition] = [],
                categoryID: String? = nil, quickReplies: [String] = []) {
        self.name = name
        self.title = title
        self.action = action
        self.answer = answer
        self.slots = slots
        self.categoryID = categoryID
        self.quickReplies = quickReplies
    }

    /// Every problem with the definition, as field errors an editor can act on.
    public var problems: [FieldError] {
        var errors: [FieldError] = []
        if name.range(of: "^[a-z][a-z0-9_]{1,63}$", options: .regularExpression) == nil {
            errors.append(FieldError(field: "name", message: "Use 2–64 lower-case letters, digits or underscores, starting with a letter."))
        }
        let t = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty || t.count > 120 { errors.append(FieldError(field: "title", message: "Give a title of 1–120 characters.")) }
        if let answer, answer.count > Self.maximumAnswer {
            errors.append(FieldError(field: "answer", message: "An answer is at most \(Self.maximumAnswer) characters."))
        }
        if action == .answer, (answer ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(FieldError(field: "answer", message: "An intent that answers needs its answer text."))
        }
        if slots.count > 8 { errors.append(FieldError(field: "slots", message: "At most 8 slots.")) }
        var seen = Set<String>()
        for slot in slots {
            if slot.name.range(of: "^\(SlotDefinition.namePattern)$", options: .regularExpression) == nil || !seen.insert(slot.name).inserted {
                errors.append(FieldError(field: "slots", message: "Slot names are unique lower-case words (letters, digits, underscores)."))
            }
            let p = slot.prompt.trimmingCharacters(in: .whitespacesAndNewlines)
            if p.isEmpty || p.count > 300 { errors.append(FieldError(field: "slots", message: "Each slot needs a question of 1–300 characters.")) }
        }
        if quickReplies.count > Self.maximumQuickReplies || quickReplies.contains(where: { $0.isEmpty || $0.count > 60 }) {
            errors.append(FieldError(field: "quickReplies", message: "At most \(Self.maximumQuickReplies) quick replies of 1–60 characters."))
        }
        return errors
    }
}
