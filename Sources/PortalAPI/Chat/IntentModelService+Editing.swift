import Domain
import EventStore
import Foundation
import Projections

extension IntentModelService {
    /// Defines a new intent (or a retired one again).
    @discardableResult
    public func define(_ definition: IntentDefinition, by account: AccountID) async throws -> Intent {
        try await define(definition, author: try requireEditor(account))
    }

    func define(_ definition: IntentDefinition, author: String) async throws -> Intent {
        try await retrying {
            let (existing, version) = catalog.intent(definition.name) ?? (Intent(), 0)
            let event = try Intent.decideDefine(definition, author: author, existing: existing)
            let position = try await append([event], stream: Intent.stream(event.definition.name),
                                            expected: version == 0 ? .noStream : .exact(version), actor: author)
            await settle(position)
        }
        return try intent(definition.name)
    }

    /// Replaces an intent's definition (its name stays).
    @discardableResult
    public func revise(_ name: String, definition: IntentDefinition, by account: AccountID) async throws -> Intent {
        let author = try requireEditor(account)
        try await retrying {
            guard let (intent, version) = catalog.intent(name), intent.exists else { throw DomainError.notFound("intent") }
            let event = try intent.decideRevise(definition, author: author)
            let position = try await append([event], stream: Intent.stream(name), expected: .exact(version), actor: author)
            await settle(position)
        }
        return try intent(name)
    }

    /// Retires an intent: the next training leaves it out.
    public func retire(_ name: String, by account: AccountID) async throws {
        let author = try requireEditor(account)
        try await retrying {
            guard let (intent, version) = catalog.intent(name), intent.exists else { throw DomainError.notFound("intent") }
            let event = try intent.decideRetire(author: author)
            let position = try await append([event], stream: Intent.stream(name), expected: .exact(version), actor: author)
            await settle(position)
        }
    }

    /// Adds a training example to an intent, or to the out-of-scope examples (`intent` = `out_of_scope`).
    ///
    /// Editors add their own examples (`source` `.editor`, no subject). The review queue adds a customer's message
    /// with `source` `.review(conversation:turn:)` and the customer's data subject (`account-<uuid>`): the text is
    /// sealed under it, so erasing the customer takes it out of every later training. Reviews need the agent,
    /// editor or admin role; everything else the editor role.
    @discardableResult
    public func addExample(intent: String, text: String, subject: String?, source: IntentExampleSource, by account: AccountID) async throws -> Intent.Example {
        let roles = viewer(account).roles
        let author: String
        if source.isCustomerText {
            guard !roles.isDisjoint(with: [.agent, .editor, .admin]) else {
                throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden, detail: "Labelling customers' messages needs the agent or editor role.")
            }
            author = account.stream
        } else {
            author = try requireEditor(account)
        }
        return try await addExample(intent: intent, text: text, subject: subject, source: source, author: author)
    }

    func addExample(intent label: String, text: String, subject: String?, source: IntentExampleSource, author: String) async throws -> Intent.Example {
        guard Intent.isValidLabel(label) else { throw DomainError.notFound("intent") }
        if source.isCustomerText {
            guard let subject, !subject.isEmpty else {
                throw FieldError(field: "subject", message: "A customer's message is sealed under that customer's data subject; give it.")
            }
        } else if subject != nil {
            throw FieldError(field: "subject", message: "Only customers' messages (source review) are sealed under a subject.")
        }
        var added: UUID?
        try await retrying {
            let (intent, version) = catalog.intent(label) ?? (Intent(), 0)
            let event = try intent.decideAddExample(to: label, text: text, source: source, author: author,
                                                    context: DecisionContext(now: Date(), newID: { UUIDv7.make() }))
            added = event.exampleID
            let position = try await append([event], stream: Intent.stream(label), expected: version == 0 ? .noStream : .exact(version),
                                            actor: author, subject: source.isCustomerText ? subject : nil)
            await settle(position)
        }
        guard let added, let example = catalog.intent(label)?.intent.examples.first(where: { $0.id == added }) else {
            throw DomainError.notFound("example")
        }
        return example
    }

    public func removeExample(_ id: UUID, intent label: String, by account: AccountID) async throws {
        let author = try requireEditor(account)
        try await retrying {
            guard let (intent, version) = catalog.intent(label) else { throw DomainError.notFound("example") }
            let event = try intent.decideRemoveExample(id, from: label, author: author)
            let position = try await append([event], stream: Intent.stream(label), expected: .exact(version), actor: author)
            await settle(position)
        }
    }

    /// What the assistant does with a recognised label: the intent's definition while it is in use, else nil
    /// (out of scope, retired, or unknown to the catalog).
    public func definition(of label: String) -> IntentDefinition? {
        guard let intent = catalog.intent(label)?.intent, intent.isActive else { return nil }
        return intent.definition
    }

    /// An intent (any status) or the out-of-scope examples, as the catalog has it now.
    public func intent(_ name: String) throws -> Intent {
        guard Intent.isValidLabel(name), let (intent, _) = catalog.intent(name), intent.exists || name == Intent.outOfScopeLabel else {
            if name == Intent.outOfScopeLabel { return Intent() }
            throw DomainError.notFound("intent")
        }
        return intent
    }
}
