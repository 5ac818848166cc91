@testable import NLU
import Testing

@Suite("Softmax regression: objective, gradient and optimiser")
struct SoftmaxObjectiveTests {
    /// Five rows over four sparse features and a three-number embedding, three classes.
    static func matrix() -> FeatureMatrix {
        let sparse = [
            SparseVector(indices: [0, 2], values: [0.6, 0.8]),
            SparseVector(indices: [1], values: [1]),
            SparseVector(indices: [0, 1, 3], values: [0.5, 0.5, 0.7071]),
            SparseVector(indices: [], values: []),
            SparseVector(indices: [3], values: [1]),
        ]
        let dense: [[Float]] = [[1, 0, 0], [0, 1, 0], [0.6, 0.8, 0], [0, 0, 1], [0.5, 0.5, 0.7071]]
        return FeatureMatrix(sparse: sparse, sparseDimension: 4, dense: dense, denseDimension: 3, classes: [0, 1, 2, 2, 1])
    }

    @Test("the gradient matches central finite differences of the objective")
    func gradient() {
        let objective = SoftmaxObjective(matrix: Self.matrix(), classCount: 3, regularization: 0.05, denseScale: 1.5)
        var generator = SplitMix64(seed: 7)
        let theta = (0..<objective.parameterCount).map { _ in Float.random(in: -1...1, using: &generator) }
        var gradient = [Float](repeating: 0, count: theta.count)
        _ = objective.evaluate(theta, gradient: &gradient)
        let h: Float = 1e-2
        for p in theta.indices {
            var up = theta, down = theta, scratch = gradient
            up[p] += h
            down[p] -= h
            let numeric = (objective.evaluate(up, gradient: &scratch) - objective.evaluate(down, gradient: &scratch)) / Double(2 * h)
            #expect(abs(numeric - Double(gradient[p])) < 2e-3, "parameter \(p): numeric \(numeric), analytic \(gradient[p])")
        }
    }

    @Test("at zero weights the loss is ln(classes) and the penalty vanishes")
    func startingLoss() {
        let objective = SoftmaxObjective(matrix: Self.matrix(), classCount: 3, regularization: 1, denseScale: 1)
        var gradient = [Float](repeating: 0, count: objective.parameterCount)
        let value = objective.evaluate([Float](repeating: 0, count: objective.parameterCount), gradient: &gradient)
        #expect(abs(value - 1.0986123) < 1e-6)
    }

    @Test("L-BFGS finds the minimum of a convex quadratic")
    func quadratic() {
        // f(x) = Σ (i + 1)(xᵢ − i)² / 2, minimum at xᵢ = i.
        var x = [Float](repeating: 0, count: 6)
        let outcome = LBFGSMinimizer(maximumIterations: 100, gradientTolerance: 1e-6, relativeTolerance: 0).minimize(&x) { point, gradient in
            var value = 0.0
            for i in 0..<6 {
                let d = point[i] - Float(i)
                value += Double(Float(i + 1) * d * d / 2)
                gradient[i] = Float(i + 1) * d
            }
            return value
        }
        for i in 0..<6 { #expect(abs(x[i] - Float(i)) < 1e-3) }
        #expect(outcome.value < 1e-6)
    }

    @Test("training fits the small matrix and is reproducible to the bit")
    func reproducible() {
        let first = CandidateSearch.fit(Self.matrix(), classCount: 3, regularization: 1e-3, weight: 1, maximumIterations: 100)
        let second = CandidateSearch.fit(Self.matrix(), classCount: 3, regularization: 1e-3, weight: 1, maximumIterations: 100)
        #expect(first.weights == second.weights)
        let top = CandidateSearch.top(first.weights, of: Self.matrix(), classCount: 3, weight: 1)
        #expect(top.map(\.index) == [0, 1, 2, 2, 1])
    }
}
