import Foundation

extension Intent {
    /// Defines a new intent, or defines a retired one again (its examples come back with it).
    /// - Parameter existing: the state of the stream `intent-<definition.name>`.
    public static func decideDefine(_ definition: IntentDefinition, author: String, existing: Intent) throws -> IntentDefined {
        let checked = try checked(definition)
        guard !existing.isActive else { throw DomainError.rejected("an intent named '\(checked.name)' exists already") }
        return IntentDefined(definition: checked, author: author)
    }

    public func decideRevise(_ definition: IntentDefinition, author: String) throws -> IntentRevised {
        guard let name, let current = self.definition else { throw DomainError.notFound("intent") }
        guard !retired else { throw DomainError.rejected("the intent '\(name)' is retired; define it again instead") }
        guard definition.name == name else { throw FieldError(field: "name", message: "An intent keeps its name; define a new intent for another one.") }
        let checked = try Self.checked(definition)
        guard checked != current else { throw DomainError.rejected("nothing changed") }
        return IntentRevised(name: name, revision: revision + 1, definition: checked, author: author)
    }

    public func decideRetire(author: String) throws -> IntentRetired {
        guard let name, exists else { throw DomainError.notFound("intent") }
        guard !retired else { throw DomainError.rejected("the intent '\(name)' is retired already") }
        return IntentRetired(name: name, author: author)
    }

    /// Adds a training example to the intent `label` (this stream's state) or to the out-of-scope examples.
    ///
    /// The text is trimmed; it must be 1–500 characters and differ (ignoring case and white space) from every
    /// readable example of the same label.
    public func decideAddExample(to label: String, text: String, source: IntentExampleSource, author: String,
                                 context: DecisionContext) throws -> IntentExampleAdded {
        if label != Self.outOfScopeLabel {
            guard exists else { throw DomainError.notFound("intent") }
            guard !retired else { throw DomainError.rejected("the intent '\(label)' is retired") }
        }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, body.count <= Self.maximumExampleLength else {
            throw FieldError(field: "text", message: "An example is 1–\(Self.maximumExampleLength) characters.")
        }
        if case .review(_, let turn) = source, turn < 1 {
            throw FieldError(field: "turn", message: "Turns are counted from 1.")
        }
        let key = Self.normalized(body)
        guard !examples.contains(where: { $0.text.map(Self.normalized) == key }) else {
            throw FieldError(field: "text", message: "This example is there already.")
        }
        guard examples.count < Self.maximumExamples else {
            throw DomainError.rejected("an intent has at most \(Self.maximumExamples) examples; remove some first")
        }
        return IntentExampleAdded(exampleID: context.newID(), intent: label, text: body, source: source, author: author)
    }

    public func decideRemoveExample(_ id: UUID, from label: String, author: String) throws -> IntentExampleRemoved {
        guard examples.contains(where: { $0.id == id }) else { throw DomainError.notFound("example") }
        return IntentExampleRemoved(exampleID: id, intent: label, author: author)
    }

    /// The definition with its text trimmed, or every problem with it; the out-of-scope label is no intent's name.
    static func checked(_ definition: IntentDefinition) throws -> IntentDefinition {
        var d = definition
        d.title = d.title.trimmingCharacters(in: .whitespacesAndNewlines)
        d.answer = d.answer.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        var errors = d.problems
        if d.name == outOfScopeLabel {
            errors.append(FieldError(field: "name", message: "'\(outOfScopeLabel)' is the label of messages no intent covers."))
        }
        if let answer = d.answer {
            let known = Set(d.slots.map(\.name))
            for placeholder in Self.placeholders(in: answer) where !known.contains(placeholder) {
                errors.append(FieldError(field: "answer", message: "The answer uses {\(placeholder)}, which is not one of the intent's slots."))
            }
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return d
    }

    /// The `{slot}` names an answer refers to, in order of first use.
    public static func placeholders(in answer: String) -> [String] {
        var names: [String] = []
        var rest = answer[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if name.range(of: "^\(SlotDefinition.namePattern)$", options: .regularExpression) != nil, !names.contains(name) { names.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
