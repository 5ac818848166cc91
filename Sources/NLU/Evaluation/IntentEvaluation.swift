import Foundation
import Semantics

/// Scores a trained model on a test set, and times it the way a chat message meets it.
public struct IntentEvaluation: Sendable {
    /// The label predicted for each message, the scores, and the one-message latencies.
    public struct Result: Sendable {
        public var predictions: [IntentPrediction]
        /// The label each message was scored as: the out-of-scope label when rejected (if there is
        /// one), else the top intent.
        public var predictedLabels: [String]
        public var metrics: IntentMetrics
        /// Seconds to classify the whole set in batches (encoding included).
        public var batchSeconds: Double
        /// Milliseconds for one message on its own, encoding included, per timed message.
        public var latencies: [Double]
        /// Milliseconds for the same messages with their embeddings already known: the classifier's own share.
        public var classifierLatencies: [Double]
    }

    public var outOfScopeLabel: String?
    /// How many messages (the first ones) are timed one by one.
    public var latencySamples: Int

    public init(outOfScopeLabel: String?, latencySamples: Int = 500) {
        self.outOfScopeLabel = outOfScopeLabel
        self.latencySamples = latencySamples
    }

    /// Classifies `test` with `model`: first all at once through `encoder` (which may be a cache),
    /// then the first ``latencySamples`` messages one at a time through `latencyEncoder` (which
    /// should not be a cache, so that each message is really encoded).
    public func run(
        _ model: IntentModel, on test: [IntentExample], encoder: (any TextEncoder)?, latencyEncoder: (any TextEncoder)?
    ) async throws -> Result {
        let clock = ContinuousClock()
        let started = clock.now
        let predictions = try await model.classify(test.map(\.text), encoder: encoder)
        let batchSeconds = (clock.now - started).seconds
        let labels = predictions.map { prediction in
            if let outOfScopeLabel, prediction.isOutOfScope { return outOfScopeLabel }
            return prediction.intent
        }
        let metrics = IntentMetrics(gold: test.map(\.label), predicted: labels, outOfScopeLabel: outOfScopeLabel)
        var latencies: [Double] = []
        let timed = test.prefix(max(0, latencySamples))
        for example in timed.prefix(min(20, timed.count)) {
            _ = try await model.classify(example.text, encoder: latencyEncoder)   // warm-up, not counted
        }
        var classifierLatencies: [Double] = []
        for example in timed {
            let start = clock.now
            _ = try await model.classify(example.text, encoder: latencyEncoder)
            latencies.append((clock.now - start).seconds * 1000)
            let embedding = model.usesEmbeddings ? try await encoder?.encode([example.text]).first : nil
            let alone = clock.now
            _ = try model.classify(example.text, embedding: embedding)
            classifierLatencies.append((clock.now - alone).seconds * 1000)
        }
        return Result(
            predictions: predictions, predictedLabels: labels, metrics: metrics, batchSeconds: batchSeconds,
            latencies: latencies, classifierLatencies: classifierLatencies)
    }
}
