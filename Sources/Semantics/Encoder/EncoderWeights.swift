/// The weights of the BERT encoder, pointing into the memory-mapped safetensors file.
///
/// The query, key and value projections of each layer are copied once into one [3·hidden, hidden]
/// matrix, so a layer's three projections are one matrix product. Everything else is read in place.
///
/// `@unchecked Sendable`: the pointers refer to read-only memory (the mapping, owned by `tensors`,
/// and the fused copies, owned by `storage`) that lives as long as this value and never changes.
struct EncoderWeights: @unchecked Sendable {
    /// A Linear layer: `weight` is [outputs, inputs], as PyTorch stores it.
    struct Linear {
        let weight: UnsafePointer<Float>
        let bias: UnsafePointer<Float>
        let outputs: Int
        let inputs: Int
    }

    struct Norm {
        let scale: UnsafePointer<Float>
        let shift: UnsafePointer<Float>
    }

    struct Layer {
        let queryKeyValue: Linear
        let attentionOutput: Linear
        let attentionNorm: Norm
        let intermediate: Linear
        let output: Linear
        let outputNorm: Norm
    }

    let wordEmbeddings: UnsafePointer<Float>
    let positionEmbeddings: UnsafePointer<Float>
    let tokenTypeEmbeddings: UnsafePointer<Float>
    let embeddingNorm: Norm
    let layers: [Layer]

    private let tensors: SafeTensors
    private let storage: FusedStorage

    /// Reads every tensor of a BERT model with `config`'s sizes from `tensors`.
    /// - Throws: ``SafeTensorsError`` for a missing tensor, a wrong dtype or a shape mismatch.
    init(tensors: SafeTensors, config: ModelConfig) throws(SafeTensorsError) {
        self.tensors = tensors
        let prefix = tensors.entries["embeddings.word_embeddings.weight"] == nil
            && tensors.entries["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        let hidden = config.hiddenSize, inner = config.intermediateSize

        func floats(_ name: String, _ shape: [Int]) throws(SafeTensorsError) -> UnsafePointer<Float> {
            try tensors.floats(prefix + name, shape: shape).baseAddress!
        }
        func linear(_ name: String, outputs: Int, inputs: Int) throws(SafeTensorsError) -> Linear {
            Linear(weight: try floats(name + ".weight", [outputs, inputs]), bias: try floats(name + ".bias", [outputs]),
                   outputs: outputs, inputs: inputs)
        }
        func norm(_ name: String) throws(SafeTensorsError) -> Norm {
            Norm(scale: try floats(name + ".weight", [hidden]), shift: try floats(name + ".bias", [hidden]))
        }

        wordEmbeddings = try floats("embeddings.word_embeddings.weight", [config.vocabularySize, hidden])
        positionEmbeddings = try floats("embeddings.position_embeddings.weight", [config.maxPositions, hidden])
        tokenTypeEmbeddings = try floats("embeddings.token_type_embeddings.weight", [config.tokenTypeCount, hidden])
        embeddingNorm = try norm("embeddings.LayerNorm")

        let fusedWeight = 3 * hidden * hidden, fusedBias = 3 * hidden
        storage = FusedStorage(count: config.layerCount * (fusedWeight + fusedBias))
        var layers: [Layer] = []
        for index in 0..<config.layerCount {
            let name = "encoder.layer.\(index)"
            let parts = [
                try linear(name + ".attention.self.query", outputs: hidden, inputs: hidden),
                try linear(name + ".attention.self.key", outputs: hidden, inputs: hidden),
                try linear(name + ".attention.self.value", outputs: hidden, inputs: hidden),
            ]
            let weight = storage.floats + index * (fusedWeight + fusedBias)
            let bias = weight + fusedWeight
            for (part, linear) in parts.enumerated() {
                (weight + part * hidden * hidden).update(from: linear.weight, count: hidden * hidden)
                (bias + part * hidden).update(from: linear.bias, count: hidden)
            }
            layers.append(Layer(
                queryKeyValue: Linear(weight: weight, bias: bias, outputs: 3 * hidden, inputs: hidden),
                attentionOutput: try linear(name + ".attention.output.dense", outputs: hidden, inputs: hidden),
                attentionNorm: try norm(name + ".attention.output.LayerNorm"),
                intermediate: try linear(name + ".intermediate.dense", outputs: inner, inputs: hidden),
                output: try linear(name + ".output.dense", outputs: hidden, inputs: inner),
                outputNorm: try norm(name + ".output.LayerNorm")))
        }
        self.layers = layers
    }
}

/// Owns the fused query/key/value copies.
private final class FusedStorage {
    let floats: UnsafeMutablePointer<Float>
    private let count: Int

    init(count: Int) {
        self.count = count
        floats = UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: count)
    }

    deinit {
        floats.deallocate()
    }
}
