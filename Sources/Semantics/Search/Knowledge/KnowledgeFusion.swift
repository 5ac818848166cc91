/// Fuses the keyword ranking of documents with the encoder's ranking of their passages.
///
/// A document's semantic score is its best passage's cosine, plus ``secondPassageShare`` of its second
/// best. Both sides are then min–max normalised over their own results and combined as in ``HybridRanker``:
/// `w · semantic + (1 − w) · lexical`, a document missing on one side counting 0 there.
///
/// Measured on StackFAQ (`docs/search.md`): w = 0.85 is best (0.8–0.9 within 0.002); any share of the
/// second-best passage lowers nDCG@10 (−0.002 at 0.1, −0.006 at 0.2), so it is 0. The query the encoder
/// reads should be the keyword side's ``KnowledgeResults/didYouMean`` when there is one: the encoder has no
/// vocabulary of its own to correct against, and reading the corrected query lifts the one-typo queries by
/// 0.017 (0.9526 against 0.9354) for 0.0018 on the clean ones.
public enum KnowledgeFusion {
    /// The encoder's share of the fused score.
    public static let semanticWeight = 0.85
    /// What a document's second-best passage adds to its best one (a document with several passages close
    /// to the query might be likelier to be about it; measured, it is not).
    public static let secondPassageShare = 0.0

    /// The fused ranking, best first (ties by key), at most `limit` long.
    /// - Parameters:
    ///   - lexical: documents from ``KnowledgeIndex/search(_:limit:offset:filter:)``, already filtered.
    ///   - passages: nearest passages with their document's key (several per document allowed), from a
    ///     vector index holding only passages of documents the viewer may read.
    ///   - semanticWeight: `w`, from 0 (keywords only) to 1 (encoder only).
    public static func fuse(
        lexical: [KnowledgeHit], passages: [(key: String, score: Float)], semanticWeight: Double, limit: Int,
        secondPassageShare: Double = secondPassageShare
    ) -> [KnowledgeHit] {
        var firstAndSecond: [String: (Double, Double?)] = [:]
        for passage in passages {
            let score = Double(passage.score)
            switch firstAndSecond[passage.key] {
            case nil: firstAndSecond[passage.key] = (score, nil)
            case let (first, second)?:
                if score > first {
                    firstAndSecond[passage.key] = (score, first)
                } else if second.map({ score > $0 }) ?? true {
                    firstAndSecond[passage.key] = (first, score)
                }
            }
        }
        let semantic = firstAndSecond.map { key, scores in
            HybridRanker.Scored(key: key, score: scores.0 + secondPassageShare * (scores.1 ?? 0))
        }
        let fused = HybridRanker.fuse(
            lexical: lexical.map { HybridRanker.Scored(key: $0.key, score: $0.score) }, semantic: semantic,
            method: .weighted(semantic: semanticWeight), limit: limit)
        return fused.map { KnowledgeHit(key: $0.key, score: $0.score) }
    }
}
