import Foundation
import Synchronization

/// Fits every candidate setting on the training part and keeps the one most accurate on validation.
struct CandidateSearch: Sendable {
    let labels: [String]
    let features: IntentFeatureSettings
    let embeddings: [String: [Float]]?
    let dimension: Int
    let maximumIterations: Int

    /// The winner, with what the threshold is chosen from.
    struct Best {
        var featurizer: IntentFeaturizer
        var weights: [Float]
        var chosen: IntentTrainingReport.Candidate
        var candidates: [IntentTrainingReport.Candidate]
        /// The winner on the in-scope validation messages: top confidence, and whether the top intent is right.
        var inScope: [(confidence: Float, correct: Bool)]
        /// The winner's top confidence on each out-of-scope validation message.
        var outOfScope: [Float]
    }

    func run(
        _ candidates: [(regularization: Double, weight: Float)], fitting: [IntentExample], held: [IntentExample],
        isOutOfScope: (IntentExample) -> Bool, threads: Int
    ) async -> Best {
        let (featurizer, vectors) = IntentFeaturizer.fit(fitting.map(\.text), settings: features)
        let matrix = self.matrix(vectors, examples: fitting, featurizer: featurizer)
        let heldMatrix = self.matrix(held.map { featurizer.features($0.text) }, examples: held, featurizer: featurizer)
        let outOfScope = held.map(isOutOfScope)
        let leader = Leader()
        let classCount = labels.count, maximumIterations = maximumIterations
        let jobs = candidates.enumerated().map { position, candidate in
            { @Sendable () -> IntentTrainingReport.Candidate in
                let (weights, iterations) = Self.fit(
                    matrix, classCount: classCount, regularization: candidate.regularization, weight: candidate.weight,
                    maximumIterations: maximumIterations)
                let top = Self.top(weights, of: heldMatrix, classCount: classCount, weight: candidate.weight)
                var right = 0, total = 0
                for row in top.indices where !outOfScope[row] {
                    total += 1
                    if top[row].index == Int(heldMatrix.classes[row]) { right += 1 }
                }
                let accuracy = total == 0 ? 0 : Double(right) / Double(total)
                let result = IntentTrainingReport.Candidate(
                    regularization: candidate.regularization, embeddingWeight: candidate.weight,
                    validationAccuracy: accuracy, iterations: iterations)
                leader.offer(Leader.Entry(position: position, candidate: result, weights: weights, top: top))
                return result
            }
        }
        let results = await ParallelJobs.run(jobs, threads: threads)
        let winner = leader.winner!
        var inScope: [(confidence: Float, correct: Bool)] = [], rejected: [Float] = []
        for (row, top) in winner.top.enumerated() {
            if outOfScope[row] {
                rejected.append(top.confidence)
            } else {
                inScope.append((top.confidence, top.index == Int(heldMatrix.classes[row])))
            }
        }
        return Best(
            featurizer: featurizer, weights: winner.weights, chosen: winner.candidate, candidates: results,
            inScope: inScope, outOfScope: rejected)
    }

    /// Fits one setting on `examples` (a new vocabulary included), off the cooperative thread pool.
    func refit(_ examples: [IntentExample], regularization: Double, weight: Float) async -> (IntentFeaturizer, [Float]) {
        let (featurizer, vectors) = IntentFeaturizer.fit(examples.map(\.text), settings: features)
        let matrix = self.matrix(vectors, examples: examples, featurizer: featurizer)
        let classCount = labels.count, maximumIterations = maximumIterations
        let weights = await ParallelJobs.run([{ @Sendable in
            Self.fit(matrix, classCount: classCount, regularization: regularization, weight: weight, maximumIterations: maximumIterations).weights
        }], threads: 1)[0]
        return (featurizer, weights)
    }

    /// Multinomial logistic regression by L-BFGS from zero weights.
    static func fit(
        _ matrix: FeatureMatrix, classCount: Int, regularization: Double, weight: Float, maximumIterations: Int
    ) -> (weights: [Float], iterations: Int) {
        let objective = SoftmaxObjective(matrix: matrix, classCount: classCount, regularization: Float(regularization), denseScale: weight)
        var weights = [Float](repeating: 0, count: objective.parameterCount)
        let outcome = LBFGSMinimizer(maximumIterations: maximumIterations).minimize(&weights) {
            objective.evaluate($0, gradient: $1)
        }
        return (weights, outcome.iterations)
    }

    /// Each row's most probable class and its probability.
    static func top(_ weights: [Float], of matrix: FeatureMatrix, classCount c: Int, weight: Float) -> [(index: Int, confidence: Float)] {
        let objective = SoftmaxObjective(matrix: matrix, classCount: c, regularization: 0, denseScale: weight)
        var logits = [Float](repeating: 0, count: matrix.rows * c)
        weights.withUnsafeBufferPointer { w in
            logits.withUnsafeMutableBufferPointer { objective.scores(w.baseAddress!, into: $0.baseAddress!) }
        }
        return (0..<matrix.rows).map { row in
            let probabilities = IntentModel.softmax(Array(logits[(row * c)..<((row + 1) * c)]))
            var best = 0
            for k in 1..<c where probabilities[k] > probabilities[best] { best = k }
            return (best, probabilities[best])
        }
    }

    /// The rows of `examples` (labels unknown to the model get class −1, never right).
    private func matrix(_ vectors: [SparseVector], examples: [IntentExample], featurizer: IntentFeaturizer) -> FeatureMatrix {
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
        return FeatureMatrix(
            sparse: vectors, sparseDimension: featurizer.dimension,
            dense: embeddings.map { table in examples.map { table[$0.text] ?? [Float](repeating: 0, count: dimension) } },
            denseDimension: dimension, classes: examples.map { index[$0.label] ?? -1 })
    }

    /// The best fit so far, whichever thread finishes first: ties go to the earlier candidate, so the
    /// winner never depends on timing.
    final class Leader: Sendable {
        struct Entry: Sendable {
            var position: Int
            var candidate: IntentTrainingReport.Candidate
            var weights: [Float]
            var top: [(index: Int, confidence: Float)]
        }

        private let best = Mutex<Entry?>(nil)

        func offer(_ entry: Entry) {
            best.withLock { best in
                guard let current = best else { best = entry; return }
                let accuracy = entry.candidate.validationAccuracy, leading = current.candidate.validationAccuracy
                if accuracy > leading || (accuracy == leading && entry.position < current.position) { best = entry }
            }
        }

        var winner: Entry? { best.withLock { $0 } }
    }
}
