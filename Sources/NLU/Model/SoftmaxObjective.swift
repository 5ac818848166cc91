import COpenBLAS
import Foundation

/// The training objective of multinomial logistic regression over a ``FeatureMatrix``:
///
///     L(θ) = (1/n) Σᵢ −log softmax(θᵀxᵢ)[yᵢ] + (λ/2) ‖W‖²
///
/// where `xᵢ` is row `i`'s sparse TF-IDF features followed by its embedding times ``denseScale``,
/// and `θ` is stored as `(sparseDimension + denseDimension + 1)` rows of `classCount` floats: one row
/// per feature, then the bias row (not regularised). Scaling the embedding by `w` with the same
/// penalty is what gives the embedding block its weight against the TF-IDF blocks.
///
/// ``evaluate(_:gradient:)`` runs on the calling thread in a fixed order, so the same θ always gives
/// the same value and gradient, to the bit.
struct SoftmaxObjective {
    let matrix: FeatureMatrix
    let classCount: Int
    let regularization: Float
    let denseScale: Float

    var parameterCount: Int { (matrix.sparseDimension + matrix.denseDimension + 1) * classCount }
    private var penalisedCount: Int { (matrix.sparseDimension + matrix.denseDimension) * classCount }

    /// The value of the objective at `theta`, with its gradient written into `gradient`.
    func evaluate(_ theta: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>) -> Double {
        let n = matrix.rows, c = classCount
        var logits = [Float](repeating: 0, count: n * c)
        let loss = logits.withUnsafeMutableBufferPointer { buffer in
            let z = buffer.baseAddress!
            scores(theta, into: z)
            return residuals(z)
        }
        logits.withUnsafeBufferPointer { backward($0.baseAddress!, into: gradient) }
        let penalised = Int32(penalisedCount)
        let squares = penalised > 0 ? cblas_dsdot(penalised, theta, 1, theta, 1) : 0
        if penalised > 0 { cblas_saxpy(penalised, regularization, theta, 1, gradient, 1) }
        return loss + 0.5 * Double(regularization) * squares
    }

    /// The logits of every row: `z = X θ + b`.
    func scores(_ theta: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>) {
        let n = matrix.rows, c = classCount, f = matrix.sparseDimension, d = matrix.denseDimension
        let bias = theta + (f + d) * c
        for i in 0..<n { (z + i * c).update(from: bias, count: c) }
        if d > 0 {
            matrix.dense.withUnsafeBufferPointer { dense in
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(c), Int32(d),
                            denseScale, dense.baseAddress!, Int32(d), theta + f * c, Int32(c), 1, z, Int32(c))
            }
        }
        matrix.rowStart.withUnsafeBufferPointer { start in
            matrix.columns.withUnsafeBufferPointer { columns in
                matrix.values.withUnsafeBufferPointer { values in
                    for i in 0..<n {
                        let row = z + i * c
                        for k in start[i]..<start[i + 1] {
                            let weights = theta + Int(columns[k]) * c
                            let value = values[k]
                            for j in 0..<c { row[j] += value * weights[j] }
                        }
                    }
                }
            }
        }
    }

    /// Turns logits into `(softmax − one-hot) / n` in place and returns the mean cross-entropy.
    private func residuals(_ z: UnsafeMutablePointer<Float>) -> Double {
        let n = matrix.rows, c = classCount
        let scale = 1 / Float(n)
        var loss: Double = 0
        for i in 0..<n {
            let row = z + i * c
            let label = Int(matrix.classes[i])
            var top = row[0]
            for j in 1..<c where row[j] > top { top = row[j] }
            let margin = row[label] - top
            var sum: Float = 0
            for j in 0..<c {
                let e = expf(row[j] - top)
                row[j] = e
                sum += e
            }
            loss += Double(logf(sum)) - Double(margin)
            let inverse = scale / sum
            for j in 0..<c { row[j] *= inverse }
            row[label] -= scale
        }
        return loss / Double(n)
    }

    /// The data part of the gradient from the residuals `r`: `Xᵀ r` and the bias row `Σ r`.
    private func backward(_ r: UnsafePointer<Float>, into gradient: UnsafeMutablePointer<Float>) {
        let n = matrix.rows, c = classCount, f = matrix.sparseDimension, d = matrix.denseDimension
        gradient.update(repeating: 0, count: parameterCount)
        matrix.rowStart.withUnsafeBufferPointer { start in
            matrix.columns.withUnsafeBufferPointer { columns in
                matrix.values.withUnsafeBufferPointer { values in
                    for i in 0..<n {
                        let row = r + i * c
                        for k in start[i]..<start[i + 1] {
                            let target = gradient + Int(columns[k]) * c
                            let value = values[k]
                            for j in 0..<c { target[j] += value * row[j] }
                        }
                    }
                }
            }
        }
        if d > 0 {
            matrix.dense.withUnsafeBufferPointer { dense in
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(d), Int32(c), Int32(n),
                            denseScale, dense.baseAddress!, Int32(d), r, Int32(c), 0, gradient + f * c, Int32(c))
            }
        }
        let bias = gradient + (f + d) * c
        for i in 0..<n {
            let row = r + i * c
            for j in 0..<c { bias[j] += row[j] }
        }
    }
}
