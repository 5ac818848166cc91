/// Turns texts into embeddings: what a read model or a query service needs from an encoder.
///
/// ``EncoderPool`` is the production implementation (the local sentence encoder on its own
/// threads); tests pass a small fake so that read models can be checked without the model files.
public protocol TextEncoder: Sendable {
    /// The length of every embedding.
    var dimension: Int { get }
    /// The embeddings of `texts`, in order.
    func encode(_ texts: [String]) async throws -> [[Float]]
}

extension EncoderPool: TextEncoder {
    public var dimension: Int { encoder.dimension }
}
