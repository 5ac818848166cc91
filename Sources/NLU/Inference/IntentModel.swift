/// A trained intent classifier: TF-IDF features (and a sentence embedding, when it was trained with
/// one) into multinomial logistic regression, with a confidence threshold for out-of-scope messages.
///
/// Immutable and `Sendable`: one model serves every request. Build one with ``IntentTrainer``, store
/// it with ``serialized()`` and load it back with ``init(serialized:)``. See `docs/nlu.md`.
public struct IntentModel: Sendable {
    /// The version of the byte format ``serialized()`` writes.
    public static let formatVersion: UInt16 = 1
    /// The longest embedding a model may use.
    public static let maximumEmbeddingDimension = 4096

    public let featurizer: IntentFeaturizer
    /// The intents, in the order of the weights' columns (sorted).
    public let labels: [String]
    /// The length of the sentence embedding the model reads, or 0 for TF-IDF alone.
    public let embeddingDimension: Int
    /// The factor on the unit-length embedding against the unit-length TF-IDF blocks.
    public let embeddingWeight: Float
    /// The L2 penalty the weights were trained with (for the record).
    public let regularization: Double
    /// Messages whose top probability is below this are out of scope.
    public private(set) var threshold: Float
    /// `(featurizer.dimension + embeddingDimension + 1) × labels.count`: one row per feature, then the biases.
    let weights: [Float]

    /// A model from its parts, checked for consistency.
    /// - Throws: ``IntentModelFormatError/inconsistent(_:)`` naming the first problem.
    public init(
        featurizer: IntentFeaturizer, labels: [String], embeddingDimension: Int, embeddingWeight: Float,
        regularization: Double, threshold: Float, weights: [Float]
    ) throws(IntentModelFormatError) {
        if let problem = featurizer.settings.problem { throw .inconsistent(problem) }
        guard !labels.isEmpty else { throw .inconsistent("the model has no intents") }
        guard Set(labels).count == labels.count, !labels.contains("") else {
            throw .inconsistent("the intent names are not unique and non-empty")
        }
        guard (0...Self.maximumEmbeddingDimension).contains(embeddingDimension) else {
            throw .inconsistent("an embedding of \(embeddingDimension) numbers is not supported")
        }
        guard embeddingWeight.isFinite, embeddingWeight >= 0 else { throw .inconsistent("the embedding weight is not a number ≥ 0") }
        guard regularization.isFinite, regularization >= 0 else { throw .inconsistent("the regularisation is not a number ≥ 0") }
        guard threshold.isFinite, (0...1).contains(threshold) else { throw .inconsistent("the threshold is not within 0...1") }
        let (rows, overflow) = (featurizer.dimension + embeddingDimension + 1).multipliedReportingOverflow(by: labels.count)
        guard !overflow, weights.count == rows else {
            throw .inconsistent("the model has \(weights.count) weights where its features and intents need \(rows)")
        }
        guard weights.allSatisfy(\.isFinite) else { throw .inconsistent("a weight is not finite") }
        self.featurizer = featurizer
        self.labels = labels
        self.embeddingDimension = embeddingDimension
        self.embeddingWeight = embeddingWeight
        self.regularization = regularization
        self.threshold = threshold
        self.weights = weights
    }

    /// True when the model needs each message's sentence embedding.
    public var usesEmbeddings: Bool { embeddingDimension > 0 }

    /// The same model with another rejection threshold (clamped to 0...1; NaN gives 0).
    public func withThreshold(_ threshold: Float) -> IntentModel {
        var copy = self
        copy.threshold = threshold.isNaN ? 0 : min(1, max(0, threshold))
        return copy
    }
}
