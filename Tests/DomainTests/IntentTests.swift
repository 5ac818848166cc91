import Domain
import Foundation
import Testing

/// `given(intent events).when(decision) → then(event | error)` for one intent stream.
struct IntentScenario {
    let history: [any DomainEvent]

    static func given(_ events: (any DomainEvent)...) -> IntentScenario { IntentScenario(history: events) }

    var state: Intent { history.reduce(Intent()) { $0.evolve($1, at: IntentFixtures.t0) } }

    func when<Decision>(_ decide: (Intent) throws -> Decision) -> Result<Decision, any Error> {
        let intent = state
        return Result { try decide(intent) }
    }
}

enum IntentFixtures {
    static let t0 = FixedContext.now
    static let editor = "account-0190f5d2-0000-7000-8000-0000000000e1"
    static let ids = [UUID(uuidString: "0190f5d2-0000-7000-8000-000000000101")!, UUID(uuidString: "0190f5d2-0000-7000-8000-000000000102")!]
    static let orderNotArrived = IntentDefinition(
        name: "order_not_arrived", title: "Order not arrived", action: .answer,
        answer: "Orders placed on {order_date} arrive within 5 working days.",
        slots: [SlotDefinition(name: "order_date", kind: .date, prompt: "When did you order it?")])
    static var defined: IntentDefined { IntentDefined(definition: orderNotArrived, author: editor) }
    static func added(_ text: String, id: Int = 0, source: IntentExampleSource = .editor) -> IntentExampleAdded {
        IntentExampleAdded(exampleID: ids[id], intent: "order_not_arrived", text: text, source: source, author: editor)
    }
}

extension Result {
    func thenDecided(_ check: (Success) -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .success(let value): check(value)
        case .failure(let error): Issue.record("expected a decision, got \(error)", sourceLocation: sourceLocation)
        }
    }

    func thenFieldError(_ field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .success(let value): Issue.record("expected an error on \(field), got \(value)", sourceLocation: sourceLocation)
        case .failure(let error):
            let fields = (error as? ValidationFailure)?.errors.map(\.field) ?? (error as? FieldError).map { [$0.field] } ?? []
            #expect(fields.contains(field), "got \(error)", sourceLocation: sourceLocation)
        }
    }
}

@Suite("Intents: definitions")
struct IntentDefinitionTests {
    typealias F = IntentFixtures

    @Test func aNewNameIsDefined() {
        IntentScenario.given().when { try Intent.decideDefine(F.orderNotArrived, author: F.editor, existing: $0) }
            .thenDecided { #expect($0 == F.defined) }
    }

    @Test func aNameInUseIsRefused() {
        IntentScenario.given(F.defined).when { try Intent.decideDefine(F.orderNotArrived, author: F.editor, existing: $0) }
            .thenError(.rejected("an intent named 'order_not_arrived' exists already"))
    }

    @Test func aRetiredNameCanBeDefinedAgain() {
        IntentScenario.given(F.defined, IntentRetired(name: "order_not_arrived", author: F.editor))
            .when { try Intent.decideDefine(F.orderNotArrived, author: F.editor, existing: $0) }
            .thenDecided { #expect($0.definition.name == "order_not_arrived") }
    }

    @Test func badDefinitionsNameTheirFields() {
        var bad = F.orderNotArrived
        bad.name = "Order Not Arrived"
        IntentScenario.given().when { try Intent.decideDefine(bad, author: F.editor, existing: $0) }.thenFieldError("name")
        var outOfScope = F.orderNotArrived
        outOfScope.name = Intent.outOfScopeLabel
        IntentScenario.given().when { try Intent.decideDefine(outOfScope, author: F.editor, existing: $0) }.thenFieldError("name")
        var unknownSlot = F.orderNotArrived
        unknownSlot.answer = "We refund {amount} on {order_date}."
        IntentScenario.given().when { try Intent.decideDefine(unknownSlot, author: F.editor, existing: $0) }.thenFieldError("answer")
    }

    @Test func aRevisionReplacesTheDefinitionAndCountsOn() {
        var changed = F.orderNotArrived
        changed.title = "Parcel missing"
        IntentScenario.given(F.defined).when { try $0.decideRevise(changed, author: F.editor) }
            .thenDecided { #expect($0 == IntentRevised(name: "order_not_arrived", revision: 2, definition: changed, author: F.editor)) }
    }

    @Test func aRevisionThatChangesNothingOrTheNameIsRefused() {
        IntentScenario.given(F.defined).when { try $0.decideRevise(F.orderNotArrived, author: F.editor) }.thenError(.rejected("nothing changed"))
        var renamed = F.orderNotArrived
        renamed.name = "parcel_missing"
        IntentScenario.given(F.defined).when { try $0.decideRevise(renamed, author: F.editor) }.thenFieldError("name")
    }

    @Test func onlyADefinedIntentCanBeRetiredAndOnlyOnce() {
        IntentScenario.given().when { try $0.decideRetire(author: F.editor) }.thenError(.notFound("intent"))
        IntentScenario.given(F.defined).when { try $0.decideRetire(author: F.editor) }
            .thenDecided { #expect($0 == IntentRetired(name: "order_not_arrived", author: F.editor)) }
        IntentScenario.given(F.defined, IntentRetired(name: "order_not_arrived", author: F.editor)).when { try $0.decideRetire(author: F.editor) }
            .thenError(.rejected("the intent 'order_not_arrived' is retired already"))
    }
}

@Suite("Intents: examples")
struct IntentExampleTests {
    typealias F = IntentFixtures
    static let context = FixedContext.make(ids: [F.ids[1]])

    @Test func anEditorsExampleIsAddedWithItsTextPublic() {
        IntentScenario.given(F.defined)
            .when { try $0.decideAddExample(to: "order_not_arrived", text: "  where is my parcel ", source: .editor, author: F.editor, context: Self.context) }
            .thenDecided { event in
                #expect(event == IntentExampleAdded(exampleID: F.ids[1], intent: "order_not_arrived", text: "where is my parcel", source: .editor, author: F.editor))
                #expect(event.text == "where is my parcel")
                #expect(event.personal == nil)
            }
    }

    @Test func aCustomersMessageIsSealed() throws {
        let source = IntentExampleSource.review(conversation: F.ids[0], turn: 3)
        let result = IntentScenario.given(F.defined)
            .when { try $0.decideAddExample(to: "order_not_arrived", text: "my order from Ann Smith never came", source: source, author: F.editor, context: Self.context) }
        result.thenDecided { event in
            #expect(event.text == nil)
            #expect(event.personal?.text == "my order from Ann Smith never came")
        }
        let encoded = try EventCatalog.encode(try result.get())
        #expect(!String(decoding: encoded.data, as: UTF8.self).contains("Ann Smith"))
        #expect(String(decoding: encoded.personal ?? [], as: UTF8.self).contains("Ann Smith"))
    }

    @Test func examplesAreOneTo500Characters() {
        for text in ["", "   ", String(repeating: "a", count: 501)] {
            IntentScenario.given(F.defined)
                .when { try $0.decideAddExample(to: "order_not_arrived", text: text, source: .editor, author: F.editor, context: Self.context) }
                .thenFieldError("text")
        }
        IntentScenario.given(F.defined)
            .when { try $0.decideAddExample(to: "order_not_arrived", text: String(repeating: "a", count: 500), source: .editor, author: F.editor, context: Self.context) }
            .thenDecided { #expect($0.text?.count == 500) }
    }

    @Test func theSameTextTwiceIsRefusedIgnoringCaseAndSpaces() {
        IntentScenario.given(F.defined, F.added("Where is my parcel"))
            .when { try $0.decideAddExample(to: "order_not_arrived", text: "where  is my PARCEL", source: .editor, author: F.editor, context: Self.context) }
            .thenFieldError("text")
    }

    @Test func anErasedCustomersTextNoLongerBlocksTheSameText() {
        var intent = IntentScenario.given(F.defined).state
        intent = intent.evolve(F.added("where is my parcel", source: .review(conversation: F.ids[0], turn: 1)), at: F.t0, subject: "account-x")
        intent.forget(subject: "account-x")
        #expect(intent.readableExamples.isEmpty)
        #expect(intent.examples.count == 1)
        #expect(throws: Never.self) {
            try intent.decideAddExample(to: "order_not_arrived", text: "where is my parcel", source: .editor, author: F.editor, context: Self.context)
        }
    }

    @Test func unknownAndRetiredIntentsTakeNoExamplesButOutOfScopeNeedsNoDefinition() {
        IntentScenario.given().when { try $0.decideAddExample(to: "order_not_arrived", text: "hi", source: .editor, author: F.editor, context: Self.context) }
            .thenError(.notFound("intent"))
        IntentScenario.given(F.defined, IntentRetired(name: "order_not_arrived", author: F.editor))
            .when { try $0.decideAddExample(to: "order_not_arrived", text: "hi", source: .editor, author: F.editor, context: Self.context) }
            .thenError(.rejected("the intent 'order_not_arrived' is retired"))
        IntentScenario.given()
            .when { try $0.decideAddExample(to: Intent.outOfScopeLabel, text: "tell me a joke", source: .seed, author: "seed", context: Self.context) }
            .thenDecided { #expect($0.intent == "out_of_scope") }
    }

    @Test func onlyAnExistingExampleIsRemoved() {
        IntentScenario.given(F.defined, F.added("where is my parcel"))
            .when { try $0.decideRemoveExample(F.ids[0], from: "order_not_arrived", author: F.editor) }
            .thenDecided { #expect($0 == IntentExampleRemoved(exampleID: F.ids[0], intent: "order_not_arrived", author: F.editor)) }
        IntentScenario.given(F.defined).when { try $0.decideRemoveExample(F.ids[0], from: "order_not_arrived", author: F.editor) }
            .thenError(.notFound("example"))
    }
}

@Suite("Intents: model versions")
struct IntentModelHistoryTests {
    static let file = IntentModelFile(kind: .primary, blob: String(repeating: "ab", count: 32), sha256: String(repeating: "0f", count: 32),
                                      size: 1_000, usesEmbeddings: false)

    static func trained(_ version: Int, accuracy: Double) -> IntentModelTrained {
        IntentModelTrained(version: version, files: [file], labels: ["greeting", "handoff"], trainingExamples: ["greeting": 20, "handoff": 20],
                           settings: IntentTrainingSettings(regularization: 1e-4, embeddingWeight: 0, threshold: 0.3, heldOutFraction: 0.2, seed: 1),
                           trainSeconds: 1.5, heldOut: 10, heldOutOutOfScope: 2, score: HeldOutScore(accuracy: accuracy, outOfScopeRecall: 0.5),
                           trigger: .editor, catalogPosition: 40, author: "portalctl")
    }

    static func given(_ events: (any DomainEvent)...) -> IntentModelHistory {
        events.reduce(IntentModelHistory()) { $0.evolve($1, at: FixedContext.now) }
    }

    @Test func theFirstModelIsPromotedWithoutComparison() throws {
        let history = Self.given(Self.trained(1, accuracy: 0.7))
        let verdict = try history.decideVerdict(1, candidate: HeldOutScore(accuracy: 0.7, outOfScopeRecall: 0.5), current: nil)
        #expect(verdict == .promoted(IntentModelPromoted(version: 1, candidate: HeldOutScore(accuracy: 0.7, outOfScopeRecall: 0.5),
                                                         previousVersion: nil, previous: nil)))
    }

    @Test func aCandidateNotWorseIsPromotedAndCarriesBothFigures() throws {
        let v1 = HeldOutScore(accuracy: 0.8, outOfScopeRecall: 0.5)
        let history = Self.given(Self.trained(1, accuracy: 0.8), IntentModelPromoted(version: 1, candidate: v1, previousVersion: nil, previous: nil),
                                 Self.trained(2, accuracy: 0.8))
        let candidate = HeldOutScore(accuracy: 0.8, outOfScopeRecall: 1)
        let current = HeldOutScore(accuracy: 0.8, outOfScopeRecall: 0.5)
        let verdict = try history.decideVerdict(2, candidate: candidate, current: current)
        #expect(verdict == .promoted(IntentModelPromoted(version: 2, candidate: candidate, previousVersion: 1, previous: current)))
        let after = history.evolve(verdict.event, at: FixedContext.now)
        #expect(after.promotedVersion == 2)
        #expect(after.version(2)?.comparedScore == current)
    }

    @Test func aWorseCandidateIsRejectedAndTheCurrentStays() throws {
        let v1 = HeldOutScore(accuracy: 0.9, outOfScopeRecall: 0.5)
        let history = Self.given(Self.trained(1, accuracy: 0.9), IntentModelPromoted(version: 1, candidate: v1, previousVersion: nil, previous: nil),
                                 Self.trained(2, accuracy: 0.6))
        let candidate = HeldOutScore(accuracy: 0.6, outOfScopeRecall: 0.5)
        let verdict = try history.decideVerdict(2, candidate: candidate, current: v1)
        #expect(verdict == .rejected(IntentModelRejected(version: 2, candidate: candidate, currentVersion: 1, current: v1)))
        let after = history.evolve(verdict.event, at: FixedContext.now)
        #expect(after.promotedVersion == 1)
        #expect(after.version(2)?.promoted == false)
    }

    @Test func versionsCountUpAndAVerdictIsGivenOnce() throws {
        #expect(throws: DomainError.rejected("the next model is version 1, not 2")) { try IntentModelHistory().decideTrained(Self.trained(2, accuracy: 0.5)) }
        #expect(try IntentModelHistory().decideTrained(Self.trained(1, accuracy: 0.5)).version == 1)
        let decided = Self.given(Self.trained(1, accuracy: 0.5),
                                 IntentModelPromoted(version: 1, candidate: HeldOutScore(accuracy: 0.5, outOfScopeRecall: nil), previousVersion: nil, previous: nil))
        #expect(decided.nextVersion == 2)
        #expect(throws: DomainError.self) { try decided.decideVerdict(1, candidate: HeldOutScore(accuracy: 0.5, outOfScopeRecall: nil), current: nil) }
        #expect(throws: DomainError.notFound("model version 3")) { try decided.decideVerdict(3, candidate: HeldOutScore(accuracy: 0.5, outOfScopeRecall: nil), current: nil) }
    }

    @Test func filesAndFiguresAreChecked() {
        var noHash = Self.trained(1, accuracy: 0.5)
        noHash.files[0].sha256 = "abc"
        #expect(throws: DomainError.self) { try IntentModelHistory().decideTrained(noHash) }
        #expect(throws: DomainError.self) { try IntentModelHistory().decideTrained(Self.trained(1, accuracy: 1.5)) }
        var twoPrimaries = Self.trained(1, accuracy: 0.5)
        twoPrimaries.files.append(Self.file)
        #expect(throws: DomainError.self) { try IntentModelHistory().decideTrained(twoPrimaries) }
    }

    @Test func everyIntentEventRoundTripsThroughTheCatalogue() throws {
        let events: [any DomainEvent] = [
            IntentFixtures.defined, IntentRevised(name: "order_not_arrived", revision: 2, definition: IntentFixtures.orderNotArrived, author: "x"),
            IntentRetired(name: "order_not_arrived", author: "x"), IntentFixtures.added("where is my parcel"),
            IntentFixtures.added("sealed words", source: .review(conversation: IntentFixtures.ids[0], turn: 2)),
            IntentExampleRemoved(exampleID: IntentFixtures.ids[0], intent: "order_not_arrived", author: "x"), Self.trained(1, accuracy: 0.5),
            IntentModelPromoted(version: 1, candidate: HeldOutScore(accuracy: 0.5, outOfScopeRecall: nil), previousVersion: nil, previous: nil),
            IntentModelRejected(version: 2, candidate: HeldOutScore(accuracy: 0.4, outOfScopeRecall: 0.1), currentVersion: 1,
                                current: HeldOutScore(accuracy: 0.5, outOfScopeRecall: 0.2)),
        ]
        for event in events {
            let encoded = try EventCatalog.encode(event)
            let decoded = try EventCatalog.decode(type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data, personal: encoded.personal)
            #expect(try EventCatalog.encode(decoded) == encoded)
        }
    }
}
