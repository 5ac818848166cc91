import Foundation
@testable import Semantics
import Testing

@Suite("The forward pass's vector loops")
struct VectorKernelsTests {
    @Test("the vectorised erf is within 1e-6 of the C library's")
    func erfAccuracy() {
        var worst: Float = 0
        var x: Float = -6
        while x < 6 {
            let lanes = VectorKernels.erf(VectorKernels.Vector((0..<16).map { x + Float($0) * 0.0003 }))
            for lane in 0..<16 { worst = max(worst, abs(lanes[lane] - erff(x + Float(lane) * 0.0003))) }
            x += 0.0048
        }
        #expect(worst < 1e-6, "largest difference \(worst)")
    }

    @Test("LayerNorm gives zero mean and unit variance before scale and shift")
    func layerNorm() {
        var row = (0..<40).map { Float($0) * 0.5 - 3 }
        let scale = [Float](repeating: 2, count: 40), shift = [Float](repeating: 1, count: 40)
        row.withUnsafeMutableBufferPointer { buffer in
            VectorKernels.layerNorm(buffer.baseAddress!, into: buffer.baseAddress!, rows: 1, width: 40,
                                    scale: scale, shift: shift, epsilon: 1e-12)
        }
        let normalised = row.map { ($0 - 1) / 2 }
        let mean = normalised.reduce(0, +) / 40
        let variance = normalised.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 40
        #expect(abs(mean) < 1e-5 && abs(variance - 1) < 1e-4)
    }

    @Test("softmax rows sum to one")
    func softmax() {
        var matrix: [Float] = [1, 2, 3, -1000, 0, 1000]
        matrix.withUnsafeMutableBufferPointer { VectorKernels.softmax($0.baseAddress!, rows: 2, columns: 3) }
        #expect(abs(matrix[0..<3].reduce(0, +) - 1) < 1e-6)
        #expect(matrix[5] == 1 && matrix[3] == 0)
    }
}
