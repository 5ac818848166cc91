import Foundation
import Semantics

/// Trains an ``IntentModel`` from labelled messages, choosing its settings on validation data.
///
/// 1. Out-of-scope examples (label `outOfScopeLabel`) are set aside: the model learns only the intents.
/// 2. Validation: the given set, or else a stratified, seeded ``IntentTrainingOptions/validationFraction``
///    of the examples (plus the set-aside out-of-scope examples).
/// 3. With an encoder, every distinct text is embedded once (wrap the encoder in an
///    ``EmbeddingCache`` to reuse embeddings between trainings).
/// 4. Every candidate (embedding weight × regularisation) is fitted by L-BFGS from zero on the training
///    part, in parallel, and scored on the in-scope validation messages; the most accurate wins.
/// 5. The out-of-scope threshold is chosen on the validation messages with the winning fit
///    (``OutOfScopeThreshold``).
/// 6. Without a given validation set the winner is trained once more on all examples, with the same
///    settings; with one, the winning fit is the model (retraining on validation data would make the
///    threshold chosen on it optimistic).
///
/// Deterministic: the same examples, options and embeddings give the same model, bit for bit.
public struct IntentTrainer: Sendable {
    public var options: IntentTrainingOptions

    public init(options: IntentTrainingOptions = IntentTrainingOptions()) {
        self.options = options
    }

    /// Trains a model.
    /// - Parameters:
    ///   - examples: the training messages.
    ///   - validation: messages to choose settings and the threshold on, in scope or labelled
    ///     `outOfScopeLabel`; nil to hold out part of `examples`.
    ///   - outOfScopeLabel: the label of out-of-scope messages, if the data has any.
    ///   - encoder: the sentence encoder, or nil for TF-IDF alone.
    /// - Throws: ``IntentTrainingError``, and whatever the encoder throws.
    public func train(
        _ examples: [IntentExample], validation: [IntentExample]? = nil, outOfScopeLabel: String? = nil,
        encoder: (any TextEncoder)? = nil
    ) async throws -> IntentTraining {
        let clock = ContinuousClock(), started = clock.now
        if let problem = options.problem { throw IntentTrainingError.invalidOptions(problem) }
        if let position = examples.firstIndex(where: { $0.label.isEmpty }) { throw IntentTrainingError.emptyLabel(position: position) }
        let isOutOfScope = { (example: IntentExample) in outOfScopeLabel != nil && example.label == outOfScopeLabel }
        let inScope = examples.filter { !isOutOfScope($0) }
        let labels = Set(inScope.map(\.label)).sorted()
        guard labels.count >= 2 else { throw IntentTrainingError.tooFewIntents(labels.count) }

        let fitting: [IntentExample], held: [IntentExample]
        if let validation {
            (fitting, held) = (inScope, validation)
        } else {
            let heldOut = StratifiedSplit.heldOut(labels: inScope.map(\.label), fraction: options.validationFraction, seed: options.seed)
            let heldSet = Set(heldOut)
            fitting = inScope.indices.filter { !heldSet.contains($0) }.map { inScope[$0] }
            held = heldOut.map { inScope[$0] } + examples.filter(isOutOfScope)
        }

        var embeddings: [String: [Float]]?
        var encodeSeconds = 0.0, encodedTexts = 0
        if let encoder {
            var seen = Set<String>()
            let texts = (inScope + held).map(\.text).filter { seen.insert($0).inserted }
            let encodeStart = clock.now
            embeddings = try await Self.embed(texts, with: encoder)
            encodeSeconds = (clock.now - encodeStart).seconds
            encodedTexts = texts.count
        }
        let dimension = encoder?.dimension ?? 0

        let search = CandidateSearch(
            labels: labels, features: options.features, embeddings: embeddings, dimension: dimension, maximumIterations: options.maximumIterations)
        let candidates = (embeddings == nil ? [0] : options.embeddingWeights).flatMap { weight in
            options.regularizations.map { (regularization: $0, weight: weight) }
        }
        let best = await search.run(candidates, fitting: fitting, held: held, isOutOfScope: isOutOfScope, threads: options.threads)
        let threshold = OutOfScopeThreshold(recallTarget: options.outOfScopeRecallTarget)
            .choose(inScope: best.inScope, outOfScope: best.outOfScope)

        var featurizer = best.featurizer, weights = best.weights
        if validation == nil {
            (featurizer, weights) = await search.refit(inScope, regularization: best.chosen.regularization, weight: best.chosen.embeddingWeight)
        }
        let model = try IntentModel(
            featurizer: featurizer, labels: labels, embeddingDimension: dimension, embeddingWeight: best.chosen.embeddingWeight,
            regularization: best.chosen.regularization, threshold: threshold.threshold, weights: weights)
        let report = IntentTrainingReport(
            candidates: best.candidates, chosen: best.chosen,
            trainingExamples: validation == nil ? inScope.count : fitting.count,
            validationInScope: best.inScope.count, validationOutOfScope: best.outOfScope.count,
            setAside: examples.count - inScope.count, retrainedOnAll: validation == nil, threshold: threshold,
            seconds: (clock.now - started).seconds, encodeSeconds: encodeSeconds, encodedTexts: encodedTexts)
        return IntentTraining(model: model, report: report)
    }

    /// The unit-length embedding of every text, asked of `encoder` in batches.
    static func embed(_ texts: [String], with encoder: any TextEncoder) async throws -> [String: [Float]] {
        let dimension = encoder.dimension
        guard (1...IntentModel.maximumEmbeddingDimension).contains(dimension) else {
            throw IntentTrainingError.encoder("it reports embeddings of \(dimension) numbers")
        }
        var embeddings: [String: [Float]] = [:]
        embeddings.reserveCapacity(texts.count)
        for start in stride(from: 0, to: texts.count, by: IntentModel.encoderBatch) {
            let batch = Array(texts[start..<min(start + IntentModel.encoderBatch, texts.count)])
            let answer = try await encoder.encode(batch)
            guard answer.count == batch.count else {
                throw IntentTrainingError.encoder("it returned \(answer.count) embeddings for \(batch.count) texts")
            }
            for (text, embedding) in zip(batch, answer) {
                do { embeddings[text] = try IntentModel.unitEmbedding(embedding, dimension: dimension) } catch {
                    throw IntentTrainingError.encoder(error.description)
                }
            }
        }
        return embeddings
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
