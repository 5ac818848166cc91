import Foundation

/// What started a training.
public enum IntentTrainingTrigger: String, Codable, Sendable, CaseIterable {
    /// The first training after the starter intents were imported.
    case seed
    /// An editor (API) or an operator (`portalctl nlu train`) asked for it.
    case editor
    /// The scheduled retraining found the catalog changed.
    case schedule
}

/// One stored file of a trained model (in the blob store, subject `intent-models`).
public struct IntentModelFile: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The model the portal serves: TF-IDF, plus the sentence embedding when it was trained with an encoder.
        case primary
        /// TF-IDF alone, trained on the same examples, for a portal started without the encoder's folder.
        /// Only stored when the primary model reads embeddings.
        case fallback
    }

    public var kind: Kind
    /// The blob's address.
    public var blob: String
    /// Hex SHA-256 of the model's bytes, checked when they are loaded.
    public var sha256: String
    public var size: Int
    public var usesEmbeddings: Bool

    public init(kind: Kind, blob: String, sha256: String, size: Int, usesEmbeddings: Bool) {
        self.kind = kind
        self.blob = blob
        self.sha256 = sha256
        self.size = size
        self.usesEmbeddings = usesEmbeddings
    }
}

/// The settings a training chose or was given, for the record.
public struct IntentTrainingSettings: Codable, Sendable, Equatable {
    /// The L2 penalty and embedding weight the trainer chose (weight 0: no embedding).
    public var regularization: Double
    public var embeddingWeight: Float
    /// The out-of-scope threshold chosen on the trainer's own validation part.
    public var threshold: Float
    /// The share of each intent (and of the out-of-scope examples) held out to compare models.
    public var heldOutFraction: Double
    public var seed: UInt64

    public init(regularization: Double, embeddingWeight: Float, threshold: Float, heldOutFraction: Double, seed: UInt64) {
        self.regularization = regularization
        self.embeddingWeight = embeddingWeight
        self.threshold = threshold
        self.heldOutFraction = heldOutFraction
        self.seed = seed
    }
}

/// A model's figures on the held-out examples.
public struct HeldOutScore: Codable, Sendable, Equatable {
    /// In-scope examples given their intent and out-of-scope examples rejected, over all held-out examples.
    public var accuracy: Double
    /// Out-of-scope examples rejected, over the held-out out-of-scope examples (nil when there were none).
    public var outOfScopeRecall: Double?

    public init(accuracy: Double, outOfScopeRecall: Double?) {
        self.accuracy = accuracy
        self.outOfScopeRecall = outOfScopeRecall
    }
}

/// A candidate model was trained and stored. Stream `intent-models`; followed in the same append by
/// ``IntentModelPromoted`` or ``IntentModelRejected``.
public struct IntentModelTrained: DomainEvent {
    public static let eventType = "IntentModelTrained"
    /// 1, 2, … in the order of training.
    public var version: Int
    public var files: [IntentModelFile]
    /// The intents the model tells apart (sorted).
    public var labels: [String]
    /// Examples per label the candidate was trained on (held-out ones not counted), out-of-scope included.
    public var trainingExamples: [String: Int]
    public var settings: IntentTrainingSettings
    public var trainSeconds: Double
    /// Held-out examples, all and out of scope.
    public var heldOut: Int
    public var heldOutOutOfScope: Int
    /// The candidate's figures on them.
    public var score: HeldOutScore
    public var trigger: IntentTrainingTrigger
    /// The last log position the catalog had applied when the examples were read.
    public var catalogPosition: UInt64
    public var author: String

    public init(version: Int, files: [IntentModelFile], labels: [String], trainingExamples: [String: Int], settings: IntentTrainingSettings,
                trainSeconds: Double, heldOut: Int, heldOutOutOfScope: Int, score: HeldOutScore, trigger: IntentTrainingTrigger,
                catalogPosition: UInt64, author: String) {
        self.version = version
        self.files = files
        self.labels = labels
        self.trainingExamples = trainingExamples
        self.settings = settings
        self.trainSeconds = trainSeconds
        self.heldOut = heldOut
        self.heldOutOutOfScope = heldOutOutOfScope
        self.score = score
        self.trigger = trigger
        self.catalogPosition = catalogPosition
        self.author = author
    }
}

/// The candidate scored at least as well as the live model on the same held-out examples (or there was none):
/// it is now the model the assistant uses.
public struct IntentModelPromoted: DomainEvent {
    public static let eventType = "IntentModelPromoted"
    public var version: Int
    public var candidate: HeldOutScore
    /// The model it replaces and that model's figures on the same examples; nil for the first model.
    public var previousVersion: Int?
    public var previous: HeldOutScore?
    public init(version: Int, candidate: HeldOutScore, previousVersion: Int?, previous: HeldOutScore?) {
        self.version = version
        self.candidate = candidate
        self.previousVersion = previousVersion
        self.previous = previous
    }
}

/// The candidate scored worse than the live model on the same held-out examples: the live model stays.
public struct IntentModelRejected: DomainEvent {
    public static let eventType = "IntentModelRejected"
    public var version: Int
    public var candidate: HeldOutScore
    public var currentVersion: Int
    public var current: HeldOutScore
    public init(version: Int, candidate: HeldOutScore, currentVersion: Int, current: HeldOutScore) {
        self.version = version
        self.candidate = candidate
        self.currentVersion = currentVersion
        self.current = current
    }
}
