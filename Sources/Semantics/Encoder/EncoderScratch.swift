/// The working memory of one forward pass, reused from batch to batch so that encoding allocates
/// nothing per token. It grows to the largest batch seen.
///
/// Not `Sendable`: each thread that encodes owns its own (an ``EncoderPool`` worker makes one).
public final class EncoderScratch {
    private(set) var rowCapacity = 0
    private(set) var scoreCapacity = 0

    /// [rows, hidden]: the hidden states.
    private(set) var hidden: UnsafeMutablePointer<Float>
    /// [rows, 3·hidden]: queries, keys and values side by side.
    private(set) var queryKeyValue: UnsafeMutablePointer<Float>
    /// [rows, hidden]: the attention heads' outputs.
    private(set) var context: UnsafeMutablePointer<Float>
    /// [rows, hidden]: a sublayer's output plus its residual, before LayerNorm.
    private(set) var residual: UnsafeMutablePointer<Float>
    /// [rows, intermediate]: the feed-forward activations.
    private(set) var intermediate: UnsafeMutablePointer<Float>
    /// [length, length]: one head's attention scores.
    private(set) var scores: UnsafeMutablePointer<Float>

    private let hiddenSize: Int
    private let intermediateSize: Int

    public init(config: ModelConfig) {
        hiddenSize = config.hiddenSize
        intermediateSize = config.intermediateSize
        hidden = Self.allocate(0)
        queryKeyValue = Self.allocate(0)
        context = Self.allocate(0)
        residual = Self.allocate(0)
        intermediate = Self.allocate(0)
        scores = Self.allocate(0)
    }

    /// Makes room for `rows` tokens in all and one sentence of `longest` tokens.
    func reserve(rows: Int, longest: Int) {
        if rows > rowCapacity {
            let capacity = max(rows, rowCapacity * 2)
            for buffer in [hidden, queryKeyValue, context, residual, intermediate] { buffer.deallocate() }
            hidden = Self.allocate(capacity * hiddenSize)
            queryKeyValue = Self.allocate(capacity * 3 * hiddenSize)
            context = Self.allocate(capacity * hiddenSize)
            residual = Self.allocate(capacity * hiddenSize)
            intermediate = Self.allocate(capacity * intermediateSize)
            rowCapacity = capacity
        }
        if longest * longest > scoreCapacity {
            scores.deallocate()
            scoreCapacity = longest * longest
            scores = Self.allocate(scoreCapacity)
        }
    }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: max(count, 16) * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: max(count, 16))
    }

    deinit {
        for buffer in [hidden, queryKeyValue, context, residual, intermediate, scores] { buffer.deallocate() }
    }
}
