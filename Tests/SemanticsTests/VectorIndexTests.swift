import Semantics
import Testing

@Suite("Vector index and hybrid ranking")
struct VectorIndexTests {
    /// A deterministic pseudo-random vector.
    static func vector(_ seed: Int, dimension: Int = 16) -> [Float] {
        var x = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<dimension).map { _ in
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            return Float(Int64(bitPattern: x % 2001) - 1000) / 1000
        }
    }

    /// The brute-force answer: every document's cosine, best first, ties by key.
    static func ranked(_ docs: [Int], _ query: [Float], _ k: Int) -> [String] {
        let scored: [(key: String, score: Float)] = docs.map { (key: "doc-\($0)", score: cosine(vector($0), query)) }
        let sorted = scored.sorted { (a: (key: String, score: Float), b: (key: String, score: Float)) -> Bool in
            a.score != b.score ? a.score > b.score : a.key < b.key
        }
        return sorted.prefix(k).map { $0.key }
    }

    @Test func nearestMatchesABruteForceCosineRanking() {
        var index = VectorIndex(dimension: 16)
        for i in 0..<500 { index.upsert("doc-\(i)", vector: Self.vector(i), tags: ["owner": i % 2 == 0 ? "ann" : "bob"]) }
        let query = Self.vector(10_000)
        let expected = Self.ranked(Array(0..<500), query, 10)
        let hits = index.nearest(query, k: 10)
        #expect(hits.map(\.key) == expected)
        #expect(abs(hits[0].score - cosine(index.vector(hits[0].key)!, query)) < 1e-5)
        // Filters apply before ranking: only Ann's documents, still the best of those.
        let anns = index.nearest(query, k: 5) { $0.tags["owner"] == "ann" }
        let expectedAnn = Self.ranked((0..<500).filter { $0 % 2 == 0 }, query, 5)
        #expect(anns.map(\.key) == expectedAnn)
    }

    @Test func aTagQueryGivesWhatTheEquivalentPredicateGives() {
        var index = VectorIndex(dimension: 16)
        let audiences = ["public", "customers", "agents"]
        for i in 0..<600 {
            var tags = ["kind": i % 5 == 0 ? "ticket" : "knowledge", "audience": audiences[i % 3]]
            if i % 7 != 0 { tags["status"] = i % 4 == 0 ? "draft" : "published" }
            index.upsert("doc-\(i)", vector: Self.vector(i), tags: tags)
        }
        // Rows replaced and removed keep their codes in step with their tags.
        index.upsert("doc-3", vector: Self.vector(3), tags: ["kind": "knowledge", "audience": "public", "status": "published"])
        index.remove("doc-10")
        let query = Self.vector(4242)
        let allowed: Set = ["public", "customers"]
        let predicate = index.nearest(query, k: 25) { $0.tags["kind"] == "knowledge" && $0.tags["status"] == "published" && allowed.contains($0.tags["audience"] ?? "") }
        let tagged = index.nearest(query, k: 25, matching: VectorIndex.TagQuery(["kind": ["knowledge"], "status": ["published"], "audience": allowed]))
        #expect(tagged == predicate)
        #expect(tagged.count == 25)
        #expect(index.nearest(query, k: 5, matching: VectorIndex.TagQuery(["owner": ["ann"]])).isEmpty, "a tag no row has matches nothing")
        #expect(index.nearest(query, k: 5, matching: VectorIndex.TagQuery(["kind": ["faq"]])).isEmpty, "a value no row has matches nothing")
        #expect(index.nearest(query, k: 5, matching: VectorIndex.TagQuery()).map(\.key) == index.nearest(query, k: 5).map(\.key))
    }

    @Test func scoresEveryDimensionIncludingTheTailPastTheLastSIMDBlock() {
        // 16-float blocks in pairs, an odd block, then a scalar tail: 41 = 2·16 + 9, 384 = 24·16, 7 < 16.
        for dimension in [7, 41, 384] {
            var index = VectorIndex(dimension: dimension)
            for i in 0..<200 { index.upsert("doc-\(i)", vector: Self.vector(i, dimension: dimension)) }
            let query = Self.vector(77_777, dimension: dimension)
            let expected = (0..<200).map { (key: "doc-\($0)", score: cosine(Self.vector($0, dimension: dimension), query)) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
            let hits = index.nearest(query, k: 5)
            #expect(hits.map(\.key) == expected.prefix(5).map(\.key), "dimension \(dimension)")
            for (hit, want) in zip(hits, expected) { #expect(abs(hit.score - want.score) < 1e-5) }
        }
    }

    @Test func upsertReplacesAndRemoveKeepsTheRest() {
        var index = VectorIndex(dimension: 16)
        for i in 0..<5 { index.upsert("d\(i)", vector: Self.vector(i)) }
        index.upsert("d1", vector: Self.vector(99))
        #expect(index.count == 5)
        #expect(index.nearest(Self.vector(99), k: 1).first?.key == "d1")
        index.remove("d0")
        index.remove("missing")
        #expect(index.count == 4)
        #expect(!index.contains("d0"))
        for i in 2..<5 { #expect(index.nearest(Self.vector(i), k: 1).first?.key == "d\(i)", "rows stay with their keys after a removal") }
        #expect(index.nearest(Self.vector(3), k: 0).isEmpty)
        #expect(VectorIndex(dimension: 16).nearest(Self.vector(1), k: 3).isEmpty)
    }

    @Test func weightedFusionNormalisesEachSide() {
        let lexical = [HybridRanker.Scored(key: "a", score: 12), .init(key: "b", score: 4), .init(key: "c", score: 2)]
        let semantic = [HybridRanker.Scored(key: "b", score: 0.9), .init(key: "c", score: 0.8), .init(key: "d", score: 0.1)]
        let fused = HybridRanker.fuse(lexical: lexical, semantic: semantic, method: .weighted(semantic: 0.9), limit: 10)
        // b: 0.9·1 + 0.1·0.2 = 0.92; c: 0.9·0.875 + 0 = 0.7875; a: 0.1·1 = 0.1; d: 0.
        #expect(fused.map(\.key) == ["b", "c", "a", "d"])
        #expect(abs(fused[0].score - 0.92) < 1e-9)
        #expect(HybridRanker.fuse(lexical: lexical, semantic: semantic, limit: 2).count == 2)
    }

    @Test func reciprocalRankFusionUsesRanksOnly() {
        let lexical = [HybridRanker.Scored(key: "a", score: 100), .init(key: "b", score: 1)]
        let semantic = [HybridRanker.Scored(key: "b", score: 0.5), .init(key: "a", score: 0.4)]
        let fused = HybridRanker.fuse(lexical: lexical, semantic: semantic, method: .reciprocalRank(k: 60), limit: 10)
        #expect(fused.map(\.key) == ["a", "b"], "equal sums, ties by key")
        #expect(abs(fused[0].score - (1.0 / 61 + 1.0 / 62)) < 1e-12)
        #expect(HybridRanker.fuse(lexical: [], semantic: [], limit: 5).isEmpty)
    }
}
