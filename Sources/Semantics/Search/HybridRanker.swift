/// Fuses a lexical ranking (BM25 or similar) with a semantic one (cosine from the encoder).
///
/// Two methods, both over the documents either side returned:
/// - ``Method/weighted(semantic:)``: each side's scores are min–max normalised to 0…1 over its own results,
///   then combined as `w · semantic + (1 − w) · lexical` (a document missing on one side gets 0 there).
///   Measured on the StackFAQ collection, w = 0.9 is the best of the simple fusions.
/// - ``Method/reciprocalRank(k:)``: `Σ 1 / (k + rank)` over the sides (rank from 1), which needs no scores
///   at all but loses the semantic side's margin.
public enum HybridRanker {
    public enum Method: Sendable, Equatable {
        case weighted(semantic: Double)
        case reciprocalRank(k: Double)
    }

    public struct Scored: Sendable, Equatable {
        public var key: String
        public var score: Double
        public init(key: String, score: Double) {
            self.key = key
            self.score = score
        }
    }

    /// The fused ranking, best first (ties by key), at most `limit` long.
    public static func fuse(lexical: [Scored], semantic: [Scored], method: Method = .weighted(semantic: 0.9), limit: Int) -> [Scored] {
        var fused: [String: Double] = [:]
        switch method {
        case .weighted(let w):
            for (s, weight) in [(normalised(lexical), 1 - w), (normalised(semantic), w)] {
                for item in s { fused[item.key, default: 0] += weight * item.score }
            }
        case .reciprocalRank(let k):
            for side in [lexical, semantic] {
                for (rank, item) in ranked(side).enumerated() { fused[item.key, default: 0] += 1 / (k + Double(rank + 1)) }
            }
        }
        return fused.map { Scored(key: $0.key, score: $0.value) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
            .prefix(max(0, limit)).map { $0 }
    }

    static func ranked(_ side: [Scored]) -> [Scored] {
        side.sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
    }

    /// Scores mapped to 0…1 (all 1 when they are all equal).
    static func normalised(_ side: [Scored]) -> [Scored] {
        guard let lo = side.map(\.score).min(), let hi = side.map(\.score).max() else { return [] }
        return side.map { Scored(key: $0.key, score: hi > lo ? ($0.score - lo) / (hi - lo) : 1) }
    }
}
