import Foundation
import Semantics

extension IntentModel {
    /// The most texts sent to the encoder in one request.
    static let encoderBatch = 256

    /// Classifies one message whose embedding is already known (or not needed).
    /// - Parameters:
    ///   - embedding: the message's sentence embedding; required when ``usesEmbeddings``, ignored
    ///     otherwise. It is scaled to unit length before use.
    ///   - top: how many intents ``IntentPrediction/top`` lists (at least 1).
    /// - Throws: ``IntentModelError`` when the embedding is missing, of the wrong length or not finite.
    public func classify(_ text: String, embedding: [Float]? = nil, top: Int = 5) throws(IntentModelError) -> IntentPrediction {
        prediction(try probabilities(of: text, embedding: embedding), top: top)
    }

    /// Classifies one message, computing its embedding with `encoder` when the model needs one.
    /// - Throws: ``IntentModelError/embeddingRequired`` when the model needs an encoder and none is
    ///   given, and whatever the encoder throws (a busy ``EncoderPool`` refuses with ``EncoderPoolError``).
    public func classify(_ text: String, encoder: (any TextEncoder)?, top: Int = 5) async throws -> IntentPrediction {
        try await classify([text], encoder: encoder, top: top)[0]
    }

    /// Classifies many messages, encoding them in batches.
    public func classify(_ texts: [String], encoder: (any TextEncoder)?, top: Int = 5) async throws -> [IntentPrediction] {
        guard usesEmbeddings else { return try texts.map { text throws(IntentModelError) in try classify(text, top: top) } }
        guard let encoder else { throw IntentModelError.embeddingRequired }
        var predictions: [IntentPrediction] = []
        predictions.reserveCapacity(texts.count)
        for start in stride(from: 0, to: texts.count, by: Self.encoderBatch) {
            let batch = Array(texts[start..<min(start + Self.encoderBatch, texts.count)])
            let embeddings = try await encoder.encode(batch)
            guard embeddings.count == batch.count else {
                throw IntentModelError.encoderAnswered(texts: batch.count, embeddings: embeddings.count)
            }
            for (text, embedding) in zip(batch, embeddings) {
                predictions.append(try classify(text, embedding: embedding, top: top))
            }
        }
        return predictions
    }

    /// The probability of each intent (in the order of ``labels``) for one message.
    public func probabilities(of text: String, embedding: [Float]?) throws(IntentModelError) -> [Float] {
        let unit: [Float]? = usesEmbeddings ? try Self.unitEmbedding(embedding, dimension: embeddingDimension) : nil
        let features = featurizer.features(text)
        let c = labels.count, f = featurizer.dimension, d = embeddingDimension
        var z = Array(weights[((f + d) * c)..<((f + d + 1) * c)])
        weights.withUnsafeBufferPointer { w in
            z.withUnsafeMutableBufferPointer { z in
                for (column, value) in zip(features.indices, features.values) {
                    let row = Int(column) * c
                    for k in 0..<c { z[k] += value * w[row + k] }
                }
                if let unit {
                    for i in 0..<d where unit[i] != 0 {
                        let value = embeddingWeight * unit[i], row = (f + i) * c
                        for k in 0..<c { z[k] += value * w[row + k] }
                    }
                }
            }
        }
        return Self.softmax(z)
    }

    /// The softmax of `logits`, computed stably.
    static func softmax(_ logits: [Float]) -> [Float] {
        guard let top = logits.max() else { return [] }
        var exps = logits.map { expf($0 - top) }
        let sum = exps.reduce(0, +)
        for i in exps.indices { exps[i] /= sum }
        return exps
    }

    /// `embedding` checked and scaled to unit length (a zero vector stays zero).
    static func unitEmbedding(_ embedding: [Float]?, dimension: Int) throws(IntentModelError) -> [Float] {
        guard let embedding else { throw .embeddingRequired }
        guard embedding.count == dimension else { throw .embeddingDimension(expected: dimension, found: embedding.count) }
        var sum: Double = 0
        for value in embedding {
            guard value.isFinite else { throw .embeddingNotFinite }
            sum += Double(value) * Double(value)
        }
        guard sum > 0, sum.isFinite else { return embedding.map { _ in 0 } }
        let scale = Float(1 / sum.squareRoot())
        return embedding.map { $0 * scale }
    }

    private func prediction(_ probabilities: [Float], top: Int) -> IntentPrediction {
        let order = probabilities.indices.sorted {
            probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1
        }
        let best = order[0]
        return IntentPrediction(
            intent: labels[best], confidence: probabilities[best], isOutOfScope: probabilities[best] < threshold,
            top: order.prefix(max(1, top)).map { IntentScore(label: labels[$0], probability: probabilities[$0]) })
    }
}
