/// The cosine of the angle between two vectors of the same length; 0 when either is all zeros.
/// For the encoder's unit-length embeddings this is their dot product.
public func cosine(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "vectors of different lengths")
    var dot: Float = 0, normA: Float = 0, normB: Float = 0
    for i in a.indices {
        dot += a[i] * b[i]
        normA += a[i] * a[i]
        normB += b[i] * b[i]
    }
    let norms = (normA * normB).squareRoot()
    return norms > 0 ? dot / norms : 0
}
