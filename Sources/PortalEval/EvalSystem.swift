/// A retrieval system under evaluation and the README's figures for the same setting on this collection.
struct EvalSystem {
    let name: String
    /// nDCG@10 of the reference implementation on the clean and the one-typo queries.
    let reference: (clean: Double, typo: Double)
    /// What the reference figure is, when it is not the same setting.
    let referenceNote: String

    func reference(for querySet: String) -> Double { querySet == "typo" ? reference.typo : reference.clean }

    static let bm25OneField = EvalSystem(
        name: "bm25_one_field", reference: (0.7241, 0.6688),
        referenceNote: "BM25 k1 1.2 b 0.75, Porter, small stop list, title + body as one field")
    static let bm25 = EvalSystem(
        name: "bm25", reference: (0.764, 0.763),
        referenceNote: "Xapian BM25, title weight 6, unknown query words corrected within two edits (the README's tuned engines: 0.761-0.785 clean)")
    static let dense = EvalSystem(
        name: "dense", reference: (0.9494, 0.9172),
        referenceNote: "all-MiniLM-L6-v2 alone, title + body cut at 256 tokens, cosine top 10")
    static let hybridWeighted = EvalSystem(
        name: "hybrid_weighted", reference: (0.9508, 0.9206),
        referenceNote: "0.9 encoder + 0.1 one-field BM25, min-max normalised scores (here fused with the bm25 system)")
    static let hybridRRF = EvalSystem(
        name: "hybrid_rrf", reference: (0.8722, 0.8398),
        referenceNote: "reciprocal-rank fusion of one-field BM25 and the encoder, k = 60 (here fused with the bm25 system)")

    static let all = [bm25OneField, bm25, dense, hybridWeighted, hybridRRF]
}
