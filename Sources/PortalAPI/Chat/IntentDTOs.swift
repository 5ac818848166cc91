import Domain
import Foundation
import Hummingbird
import Projections

/// An intent as editors read it: the definition, its status and its examples.
struct IntentDTO: ResponseEncodable {
    var name: String
    /// Nil for the out-of-scope examples, which have no definition.
    var title: String?
    var action: IntentAction?
    var answer: String?
    var slots: [SlotDefinition]
    var categoryID: String?
    var quickReplies: [String]
    var retired: Bool
    var revision: Int
    var updatedAt: Date?
    var examples: [IntentExampleDTO]

    init(_ intent: Intent, name: String) {
        let d = intent.definition
        self.name = name
        title = d?.title
        action = d?.action
        answer = d?.answer
        slots = d?.slots ?? []
        categoryID = d?.categoryID
        quickReplies = d?.quickReplies ?? []
        retired = intent.retired
        revision = intent.revision
        updatedAt = intent.updatedAt
        examples = intent.examples.map(IntentExampleDTO.init)
    }
}

/// One training example. `text` is null once the customer it was taken from has been erased.
struct IntentExampleDTO: ResponseEncodable {
    var id: UUID
    var text: String?
    /// `editor`, `review` or `seed`.
    var source: String
    var conversation: UUID?
    var turn: Int?
    var addedAt: Date

    init(_ example: Intent.Example) {
        id = example.id
        text = example.text
        switch example.source {
        case .editor: source = "editor"
        case .seed: source = "seed"
        case let .review(conversation, turn):
            source = "review"
            self.conversation = conversation
            self.turn = turn
        }
        addedAt = example.addedAt
    }
}

/// An intent in the list.
struct IntentSummaryDTO: Codable {
    var name: String
    var title: String
    var action: IntentAction
    var retired: Bool
    var revision: Int
    var examples: Int
    var updatedAt: Date?
}

/// What an editor sends to define or revise an intent. On creation, `examples` are added right after the definition.
struct IntentWriteDTO: Decodable {
    var name: String?
    var title: String
    var action: IntentAction
    var answer: String?
    var slots: [SlotDefinition]?
    var categoryID: String?
    var quickReplies: [String]?
    var examples: [String]?

    func definition(name: String) -> IntentDefinition {
        IntentDefinition(name: name, title: title, action: action, answer: answer, slots: slots ?? [], categoryID: categoryID,
                         quickReplies: quickReplies ?? [])
    }
}

/// One trained model version, its figures and its verdict.
struct IntentModelVersionDTO: Codable {
    var version: Int
    var trainedAt: Date
    var trigger: IntentTrainingTrigger
    /// Null until the verdict is recorded.
    var promoted: Bool?
    var live: Bool
    var labels: [String]
    var trainingExamples: Int
    var heldOut: Int
    var heldOutOutOfScope: Int
    var accuracy: Double
    var outOfScopeRecall: Double?
    var comparedWith: Int?
    var comparedAccuracy: Double?
    var usesEmbeddings: Bool
    var regularization: Double
    var embeddingWeight: Float
    var threshold: Float
    var trainSeconds: Double
    var files: [IntentModelFile]

    init(_ v: IntentModelHistory.Version, live: Int?) {
        let t = v.trained
        version = t.version
        trainedAt = v.trainedAt
        trigger = t.trigger
        promoted = v.promoted
        self.live = t.version == live
        labels = t.labels
        trainingExamples = t.trainingExamples.values.reduce(0, +)
        heldOut = t.heldOut
        heldOutOutOfScope = t.heldOutOutOfScope
        accuracy = t.score.accuracy
        outOfScopeRecall = t.score.outOfScopeRecall
        comparedWith = v.comparedWith
        comparedAccuracy = v.comparedScore?.accuracy
        usesEmbeddings = t.files.first { $0.kind == .primary }?.usesEmbeddings ?? false
        regularization = t.settings.regularization
        embeddingWeight = t.settings.embeddingWeight
        threshold = t.settings.threshold
        trainSeconds = t.trainSeconds
        files = t.files
    }
}

/// `GET /api/v1/chat/models`: every version, newest first.
struct IntentModelsDTO: ResponseEncodable {
    /// The version promoted last (the log's view) and the one classifying in this process.
    var promotedVersion: Int?
    var liveVersion: Int?
    var changedSinceLastTraining: Bool
    var versions: [IntentModelVersionDTO]
}

extension IntentTrainingOutcome: ResponseEncodable {}

extension IntentModelService {
    /// The model versions as the API and `portalctl nlu models` show them.
    func modelsReport() -> IntentModelsDTO {
        let history = catalog.models().history
        return IntentModelsDTO(promotedVersion: history.promotedVersion, liveVersion: modelVersion,
                               changedSinceLastTraining: catalog.changedSinceLastTraining,
                               versions: history.versions.reversed().map { IntentModelVersionDTO($0, live: history.promotedVersion) })
    }
}
