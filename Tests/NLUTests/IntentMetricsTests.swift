import Foundation
import NLU
import Semantics
import Testing

@Suite("Scores, splits and the embedding cache")
struct IntentMetricsTests {
    @Test("accuracy and macro-F1, checked by hand")
    func scores() {
        let metrics = IntentMetrics(gold: ["a", "a", "b", "b"], predicted: ["a", "b", "b", "b"])
        #expect(metrics.accuracy == 0.75)
        // a: tp 1, 2 gold, 1 predicted → 2/3; b: tp 2, 2 gold, 3 predicted → 4/5.
        #expect(abs(metrics.macroF1 - (2.0 / 3 + 0.8) / 2) < 1e-12)
        #expect(metrics.inScopeAccuracy == nil)
    }

    @Test("in-scope accuracy counts an out-of-scope answer as wrong; recall counts rejected out-of-scope messages")
    func outOfScope() {
        let metrics = IntentMetrics(
            gold: ["a", "b", "oos", "oos", "oos", "oos"], predicted: ["a", "oos", "oos", "oos", "oos", "b"], outOfScopeLabel: "oos")
        #expect(metrics.inScopeAccuracy == 0.5)
        #expect(metrics.outOfScopeRecall == 0.75)
        #expect(metrics.inScopeCount == 2 && metrics.outOfScopeCount == 4)
    }

    @Test("percentiles by nearest rank")
    func percentiles() {
        let values = (1...100).map(Double.init)
        #expect(IntentMetrics.percentile(values, 0.5) == 50)
        #expect(IntentMetrics.percentile(values, 0.99) == 99)
        #expect(IntentMetrics.percentile([], 0.5) == nil)
    }

    @Test("the stratified split is reproducible, keeps proportions and never takes an intent's last example")
    func split() {
        let labels = Array(repeating: "a", count: 20) + Array(repeating: "b", count: 10) + ["c"]
        let held = StratifiedSplit.heldOut(labels: labels, fraction: 0.1, seed: 1)
        #expect(held == StratifiedSplit.heldOut(labels: labels, fraction: 0.1, seed: 1))
        #expect(held.filter { labels[$0] == "a" }.count == 2)
        #expect(held.filter { labels[$0] == "b" }.count == 1)
        #expect(!held.contains(30))
    }

    @Test("the embedding cache asks its encoder once per distinct text, and survives saving")
    func cache() async throws {
        let encoder = HashingEncoder()
        let cache = EmbeddingCache(wrapping: encoder)
        let first = try await cache.encode(["a card", "a pin", "a card"])
        #expect(first[0] == first[2])
        #expect(cache.count == 2)
        _ = try await cache.encode(["a pin"])
        #expect(encoder.callCount == 1)
        let copy = EmbeddingCache(wrapping: HashingEncoder())
        #expect(try copy.load(cache.serialized()) == 2)
        #expect(try await copy.encode(["a card"]) == [encoder.vector("a card")])
        var damaged = cache.serialized()
        damaged[30] ^= 1
        #expect(throws: EmbeddingCache.StorageError.self) { try copy.load(damaged) }
        #expect(throws: EmbeddingCache.StorageError.self) { try EmbeddingCache(wrapping: HashingEncoder(dimension: 8)).load(cache.serialized()) }
    }
}
