import Foundation

/// What the ``IntentTrainer`` tries and how it decides.
///
/// Every candidate pair (regularisation, embedding weight) is trained on the training part and
/// scored on the validation part; the best validation accuracy wins (ties go to the earlier pair in
/// the order of ``embeddingWeights`` then ``regularizations``).
public struct IntentTrainingOptions: Sendable, Hashable {
    public var features: IntentFeatureSettings
    /// Candidate L2 penalties λ on the mean cross-entropy (scikit-learn's `C` is `1 / (λ · n)` for
    /// `n` training messages).
    public var regularizations: [Double]
    /// Candidate weights of the unit-length embedding against the two unit-length TF-IDF blocks;
    /// used only when an encoder is given.
    public var embeddingWeights: [Float]
    /// The share of each intent held out for validation when no validation set is given.
    public var validationFraction: Double
    /// Seeds the validation split.
    public var seed: UInt64
    /// The most L-BFGS iterations one fit may take.
    public var maximumIterations: Int
    /// The share of the validation set's out-of-scope messages the rejection threshold must catch.
    public var outOfScopeRecallTarget: Double
    /// Threads training the candidates at once. The result does not depend on it.
    public var threads: Int

    public init(
        features: IntentFeatureSettings = IntentFeatureSettings(),
        regularizations: [Double] = [1e-4, 3e-5, 1e-5],
        embeddingWeights: [Float] = [1, 2, 3],
        validationFraction: Double = 0.1,
        seed: UInt64 = 20_250_101,
        maximumIterations: Int = 200,
        outOfScopeRecallTarget: Double = 0.8,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.features = features
        self.regularizations = regularizations
        self.embeddingWeights = embeddingWeights
        self.validationFraction = validationFraction
        self.seed = seed
        self.maximumIterations = maximumIterations
        self.outOfScopeRecallTarget = outOfScopeRecallTarget
        self.threads = threads
    }

    /// Why these options cannot be used, or nil when they can.
    public var problem: String? {
        if let problem = features.problem { return problem }
        if regularizations.isEmpty || !regularizations.allSatisfy({ $0.isFinite && $0 > 0 && $0 < 1e3 }) {
            return "give at least one regularisation, each a positive number below 1000"
        }
        if embeddingWeights.isEmpty || !embeddingWeights.allSatisfy({ $0.isFinite && $0 > 0 && $0 < 1e3 }) {
            return "give at least one embedding weight, each a positive number below 1000"
        }
        if !(validationFraction > 0 && validationFraction < 1) { return "the validation fraction must lie between 0 and 1" }
        if maximumIterations < 1 { return "allow at least one iteration" }
        if !(outOfScopeRecallTarget >= 0 && outOfScopeRecallTarget <= 1) { return "the out-of-scope recall target must lie within 0...1" }
        if threads < 1 { return "use at least one thread" }
        return nil
    }
}
