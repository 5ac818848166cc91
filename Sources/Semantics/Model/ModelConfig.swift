/// The parts of a BERT `config.json` the encoder needs.
public struct ModelConfig: Sendable, Equatable, Decodable {
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var vocabularySize: Int
    public var tokenTypeCount: Int
    public var layerNormEpsilon: Float
    public var hiddenActivation: String

    public var headSize: Int { hiddenSize / headCount }

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size"
        case layerCount = "num_hidden_layers"
        case headCount = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case maxPositions = "max_position_embeddings"
        case vocabularySize = "vocab_size"
        case tokenTypeCount = "type_vocab_size"
        case layerNormEpsilon = "layer_norm_eps"
        case hiddenActivation = "hidden_act"
    }

    /// Why this configuration cannot be run, or nil when it can.
    var unsupportedReason: String? {
        if hiddenActivation != "gelu" { return "hidden_act is \(hiddenActivation), only gelu (erf) is implemented" }
        if headCount <= 0 || hiddenSize % headCount != 0 {
            return "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(headCount)"
        }
        if layerCount <= 0 || intermediateSize <= 0 || maxPositions <= 0 || vocabularySize <= 0 || tokenTypeCount <= 0 {
            return "its sizes must be positive"
        }
        return nil
    }
}
