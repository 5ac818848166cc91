/// How a model was chosen: every candidate's validation accuracy, the winner, the threshold and the time spent.
public struct IntentTrainingReport: Sendable, Hashable {
    /// One candidate of the search.
    public struct Candidate: Sendable, Hashable {
        public var regularization: Double
        /// 0 when the model reads no embedding.
        public var embeddingWeight: Float
        /// Top-1 accuracy on the in-scope validation messages.
        public var validationAccuracy: Double
        public var iterations: Int
    }

    public var candidates: [Candidate]
    public var chosen: Candidate
    /// Messages trained on (the final model), validation messages in and out of scope.
    public var trainingExamples: Int
    public var validationInScope: Int
    public var validationOutOfScope: Int
    /// Out-of-scope examples left out of training.
    public var setAside: Int
    /// True when the validation messages were held out of the training set and the final model was
    /// then trained again on all of it.
    public var retrainedOnAll: Bool
    /// The threshold and what it gives on validation.
    public var threshold: OutOfScopeThreshold.Outcome
    /// Wall-clock seconds for everything, and the part spent waiting for the encoder.
    public var seconds: Double
    public var encodeSeconds: Double
    /// Texts sent to the encoder (distinct texts only).
    public var encodedTexts: Int
}

/// A trained model and the story of its training.
public struct IntentTraining: Sendable {
    public var model: IntentModel
    public var report: IntentTrainingReport
}
