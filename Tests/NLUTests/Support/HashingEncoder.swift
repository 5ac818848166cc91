import Semantics
import Synchronization

/// A stand-in sentence encoder for tests: each word adds a fixed pseudo-random direction, and the
/// sum is scaled to unit length, so texts sharing words get close embeddings. No model files needed.
final class HashingEncoder: TextEncoder {
    let dimension: Int
    private let calls = Mutex(0)

    init(dimension: Int = 16) {
        self.dimension = dimension
    }

    var callCount: Int { calls.withLock { $0 } }

    func encode(_ texts: [String]) async throws -> [[Float]] {
        calls.withLock { $0 += 1 }
        return texts.map(vector)
    }

    func vector(_ text: String) -> [Float] {
        var sum = [Float](repeating: 0, count: dimension)
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
            var state: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word.utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
            for i in 0..<dimension {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                sum[i] += Float(Int64(bitPattern: state >> 11) % 2001 - 1000) / 1000
            }
        }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? sum.map { $0 / norm } : sum
    }
}
