import Domain
import EventStore
import Foundation
import Projections
import Testing

@Suite("Intent catalog projection")
struct IntentCatalogProjectionTests {
    static let editor = "account-0190f5d2-0000-7000-8000-0000000000e1"
    static func definition(_ name: String, action: IntentAction = .greeting) -> IntentDefinition {
        IntentDefinition(name: name, title: name.capitalized, action: action)
    }
    static func example(_ intent: String, _ text: String, source: IntentExampleSource = .editor, id: UUID = UUID()) -> IntentExampleAdded {
        IntentExampleAdded(exampleID: id, intent: intent, text: text, source: source, author: editor)
    }
    static func trained(_ version: Int, catalogPosition: UInt64) -> IntentModelTrained {
        IntentModelTrained(version: version, files: [IntentModelFile(kind: .primary, blob: String(repeating: "ab", count: 32),
                                                                     sha256: String(repeating: "0f", count: 32), size: 10, usesEmbeddings: false)],
                           labels: ["greeting", "handoff"], trainingExamples: ["greeting": 1, "handoff": 1],
                           settings: IntentTrainingSettings(regularization: 1e-4, embeddingWeight: 0, threshold: 0.2, heldOutFraction: 0.2, seed: 1),
                           trainSeconds: 0.5, heldOut: 2, heldOutOutOfScope: 0, score: HeldOutScore(accuracy: 0.5, outOfScopeRecall: nil),
                           trigger: .editor, catalogPosition: catalogPosition, author: "test")
    }

    /// Two intents, one retired, and out-of-scope examples.
    static func catalog(_ log: TestLog) async throws -> UInt64 {
        try await log.append(IntentDefined(definition: definition("greeting"), author: editor), to: Intent.stream("greeting"))
        try await log.append(example("greeting", "hello"), to: Intent.stream("greeting"))
        try await log.append(example("greeting", "hi there"), to: Intent.stream("greeting"))
        try await log.append(IntentDefined(definition: definition("handoff", action: .handoff), author: editor), to: Intent.stream("handoff"))
        try await log.append(example("handoff", "agent please"), to: Intent.stream("handoff"))
        try await log.append(IntentDefined(definition: definition("goodbye", action: .goodbye), author: editor), to: Intent.stream("goodbye"))
        try await log.append(example("goodbye", "bye"), to: Intent.stream("goodbye"))
        try await log.append(IntentRetired(name: "goodbye", author: editor), to: Intent.stream("goodbye"))
        return try await log.append(example(Intent.outOfScopeLabel, "tell me a joke", source: .seed), to: Intent.stream(Intent.outOfScopeLabel))
    }

    @Test func definitionsExamplesAndTheTrainingSet() async throws {
        let log = try TestLog()
        let last = try await Self.catalog(log)
        let catalog = IntentCatalogProjection()
        try await log.fold([catalog]).stop()
        #expect(catalog.intents().compactMap(\.name) == ["goodbye", "greeting", "handoff"])
        #expect(catalog.activeDefinitions().map(\.name) == ["greeting", "handoff"])
        #expect(catalog.intent("greeting")?.version == 3)
        #expect(catalog.intent("goodbye")?.intent.retired == true)
        #expect(catalog.outOfScope.readableExamples.map(\.text) == ["tell me a joke"])
        let set = catalog.trainingSet()
        // Retired intents' examples are left out; out-of-scope examples are in, by label and then in order.
        #expect(set.examples.map { "\($0.label):\($0.text)" } == ["greeting:hello", "greeting:hi there", "handoff:agent please", "out_of_scope:tell me a joke"])
        #expect(set.position == last)
        #expect(catalog.changedSinceLastTraining)
    }

    @Test func revisionsAndRemovedExamples() async throws {
        let log = try TestLog()
        _ = try await Self.catalog(log)
        var revised = Self.definition("greeting")
        revised.title = "Hello"
        try await log.append(IntentRevised(name: "greeting", revision: 2, definition: revised, author: Self.editor), to: Intent.stream("greeting"))
        let catalog = IntentCatalogProjection()
        try await log.fold([catalog]).stop()
        let hello = try #require(catalog.intent("greeting")?.intent.examples.first { $0.text == "hello" })
        try await log.append(IntentExampleRemoved(exampleID: hello.id, intent: "greeting", author: Self.editor), to: Intent.stream("greeting"))
        try await log.fold([catalog]).stop()
        let greeting = try #require(catalog.intent("greeting")?.intent)
        #expect(greeting.definition?.title == "Hello")
        #expect(greeting.revision == 2)
        #expect(greeting.examples.map(\.text) == ["hi there"])
    }

    @Test func modelVersionsTheirVerdictsAndWhatChangedSince() async throws {
        let log = try TestLog()
        let last = try await Self.catalog(log)
        try await log.append(Self.trained(1, catalogPosition: last), to: IntentModelHistory.stream)
        try await log.append(IntentModelPromoted(version: 1, candidate: HeldOutScore(accuracy: 0.5, outOfScopeRecall: nil), previousVersion: nil, previous: nil),
                             to: IntentModelHistory.stream)
        let catalog = IntentCatalogProjection()
        try await log.fold([catalog]).stop()
        #expect(catalog.models().history.promotedVersion == 1)
        #expect(catalog.models().version == 2)
        #expect(!catalog.changedSinceLastTraining)

        try await log.append(Self.example("handoff", "human please"), to: Intent.stream("handoff"))
        try await log.fold([catalog]).stop()
        #expect(catalog.changedSinceLastTraining)

        let second = try await log.append(Self.trained(2, catalogPosition: catalog.trainingSet().position), to: IntentModelHistory.stream)
        try await log.append(IntentModelRejected(version: 2, candidate: HeldOutScore(accuracy: 0.25, outOfScopeRecall: nil), currentVersion: 1,
                                                 current: HeldOutScore(accuracy: 0.5, outOfScopeRecall: nil)), to: IntentModelHistory.stream)
        try await log.fold([catalog]).stop()
        let history = catalog.models().history
        #expect(second > 0)
        #expect(history.promotedVersion == 1)
        #expect(history.versions.map(\.promoted) == [true, false])
        #expect(history.version(2)?.comparedScore?.accuracy == 0.5)
        #expect(!catalog.changedSinceLastTraining)
    }

    @Test func aCustomersExampleIsSealedAndLeftOutOnceTheyAreErased() async throws {
        let log = try TestLog()
        _ = try await Self.catalog(log)
        let ann = IDs.account(1)
        try await log.append(Self.example("handoff", "get me a human, Ann Example here", source: .review(conversation: UUID(), turn: 2)),
                             to: Intent.stream("handoff"), subject: ann.stream)
        let before = IntentCatalogProjection()
        try await log.fold([before]).stop()
        #expect(before.trainingSet().examples.contains { $0.text == "get me a human, Ann Example here" })
        #expect(before.intent("handoff")?.intent.examples.last?.subject == ann.stream)
        let positionBefore = before.trainingSet().position

        _ = try await log.store.eraseSubject(ann.stream, recording: [StreamAppend(stream: ann.stream, expected: .any, events: [
            try Self.newEvent(PersonalDataErased(accountID: ann, erasedBy: "portalctl")),
        ])])
        // Live (the erasure event) and rebuilt from the log (the sealed text can no longer be read): the same answer.
        for catalog in [before, IntentCatalogProjection()] {
            try await log.fold([catalog]).stop()
            let handoff = try #require(catalog.intent("handoff")?.intent)
            #expect(handoff.examples.count == 2)
            #expect(handoff.readableExamples.map(\.text) == ["agent please"])
            #expect(!catalog.trainingSet().examples.contains { $0.text.contains("Ann") })
        }
        // The erasure changed the training set, so the next scheduled training drops the text from the model too.
        #expect(before.trainingSet().position > positionBefore)
    }

    static func newEvent(_ event: some DomainEvent) throws -> NewEvent {
        let encoded = try EventCatalog.encode(event)
        return NewEvent(id: UUIDv7.make(), type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data,
                        metadata: EventMetadata(actor: "test", clientIP: nil), sealed: nil)
    }
}
