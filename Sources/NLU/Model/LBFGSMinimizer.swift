import COpenBLAS

/// Limited-memory BFGS for a smooth convex objective, with a backtracking (Armijo) line search.
///
/// Deterministic: no randomness, and every vector operation runs on the calling thread in a fixed
/// order, so the same start and objective give the same result to the bit. Stops after
/// ``maximumIterations``, when the largest gradient component falls below ``gradientTolerance``, or
/// when an iteration lowers the objective by less than ``relativeTolerance`` of its value.
struct LBFGSMinimizer {
    var memory = 6
    var maximumIterations = 200
    var gradientTolerance: Float = 1e-5
    var relativeTolerance: Double = 1e-8

    struct Outcome {
        var value: Double
        var iterations: Int
        var evaluations: Int
    }

    /// Minimises `objective` (value, gradient written into its second argument) starting from `x`.
    func minimize(
        _ x: inout [Float], objective: (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Double
    ) -> Outcome {
        let n = x.count, count = Int32(x.count)
        var gradient = [Float](repeating: 0, count: n)
        var value = evaluate(objective, x, &gradient)
        var outcome = Outcome(value: value, iterations: 0, evaluations: 1)
        guard n > 0 else { return outcome }
        var steps: [[Float]] = [], changes: [[Float]] = [], curvatures: [Double] = []
        var newest = -1
        var direction = [Float](repeating: 0, count: n)
        var trial = [Float](repeating: 0, count: n)
        var trialGradient = [Float](repeating: 0, count: n)
        var alphas = [Double](repeating: 0, count: memory)

        while outcome.iterations < maximumIterations {
            if largestMagnitude(gradient) <= gradientTolerance { break }
            outcome.iterations += 1

            // The two-loop recursion: direction = −H·gradient.
            direction = gradient
            let stored = steps.count
            for k in 0..<stored {
                let slot = (newest - k + stored) % stored
                alphas[slot] = curvatures[slot] * dot(steps[slot], direction)
                cblas_saxpy(count, Float(-alphas[slot]), changes[slot], 1, &direction, 1)
            }
            if stored > 0 {
                let gamma = 1 / (curvatures[newest] * dot(changes[newest], changes[newest]))
                cblas_sscal(count, Float(gamma), &direction, 1)
            }
            for k in (0..<stored).reversed() {
                let slot = (newest - k + stored) % stored
                let beta = curvatures[slot] * dot(changes[slot], direction)
                cblas_saxpy(count, Float(alphas[slot] - beta), steps[slot], 1, &direction, 1)
            }
            cblas_sscal(count, -1, &direction, 1)
            var slope = dot(gradient, direction)
            if !(slope < 0) {
                // Not a descent direction (round-off): forget the curvature pairs and go downhill.
                steps = []; changes = []; curvatures = []; newest = -1
                direction = gradient
                cblas_sscal(count, -1, &direction, 1)
                slope = dot(gradient, direction)
            }

            var step: Float = steps.isEmpty ? Float(min(1, 1 / (-slope).squareRoot())) : 1
            var accepted = false
            var trialValue = value
            for _ in 0..<40 {
                trial = x
                cblas_saxpy(count, step, direction, 1, &trial, 1)
                trialValue = evaluate(objective, trial, &trialGradient)
                outcome.evaluations += 1
                if trialValue.isFinite, trialValue <= value + 1e-4 * Double(step) * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else { break }

            // The new curvature pair: s = trial − x, y = ∇(trial) − ∇(x).
            var s = trial, y = trialGradient
            cblas_saxpy(count, -1, x, 1, &s, 1)
            cblas_saxpy(count, -1, gradient, 1, &y, 1)
            let sy = dot(s, y)
            if sy > 1e-10 * dot(y, y), sy > 0 {
                if steps.count < memory {
                    steps.append(s); changes.append(y); curvatures.append(1 / sy)
                    newest = steps.count - 1
                } else {
                    newest = (newest + 1) % memory
                    steps[newest] = s; changes[newest] = y; curvatures[newest] = 1 / sy
                }
            }
            swap(&x, &trial)
            swap(&gradient, &trialGradient)
            let decrease = value - trialValue
            value = trialValue
            outcome.value = value
            if decrease <= relativeTolerance * max(abs(value), 1) { break }
        }
        return outcome
    }

    private func evaluate(
        _ objective: (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Double, _ x: [Float], _ gradient: inout [Float]
    ) -> Double {
        x.withUnsafeBufferPointer { point in
            gradient.withUnsafeMutableBufferPointer { objective(point.baseAddress!, $0.baseAddress!) }
        }
    }

    private func dot(_ a: [Float], _ b: [Float]) -> Double {
        cblas_dsdot(Int32(a.count), a, 1, b, 1)
    }

    private func largestMagnitude(_ v: [Float]) -> Float {
        var largest: Float = 0
        for value in v { largest = max(largest, abs(value)) }
        return largest
    }
}
