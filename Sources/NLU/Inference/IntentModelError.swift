/// Why a message could not be classified.
public enum IntentModelError: Error, Equatable, CustomStringConvertible {
    /// The model was trained with sentence embeddings and none was given.
    case embeddingRequired
    /// The embedding has the wrong length.
    case embeddingDimension(expected: Int, found: Int)
    /// The embedding holds a NaN or an infinity.
    case embeddingNotFinite
    /// The encoder answered with a different number of embeddings than texts.
    case encoderAnswered(texts: Int, embeddings: Int)

    public var description: String {
        switch self {
        case .embeddingRequired:
            "this intent model was trained with sentence embeddings: give it the encoder or the message's embedding"
        case let .embeddingDimension(expected, found):
            "the embedding has \(found) numbers, the intent model expects \(expected)"
        case .embeddingNotFinite:
            "the embedding holds a number that is not finite"
        case let .encoderAnswered(texts, embeddings):
            "the encoder returned \(embeddings) embeddings for \(texts) texts"
        }
    }
}
