@testable import NLU
import Testing

@Suite("TF-IDF features")
struct TfidfTests {
    /// Word unigrams only, so that the figures can be checked by hand.
    static let unigrams = IntentFeatureSettings(
        wordNGrams: 1...1, minimumDocumentFrequency: 1, maximumCharacterTerms: 0)

    @Test("sublinear tf, smooth idf and unit length, checked by hand on three messages")
    func handChecked() throws {
        let (featurizer, vectors) = IntentFeaturizer.fit(["a b", "a c", "a b b"], settings: Self.unigrams)
        let terms = featurizer.words.terms
        #expect(terms == ["a", "b", "c"])   // by document frequency: 3, 2, 1
        // idf = ln((1 + n) / (1 + df)) + 1 with n = 3.
        let idf = featurizer.words.idf
        #expect(abs(idf[0] - 1) < 1e-6)
        #expect(abs(idf[1] - 1.2876821) < 1e-6)
        #expect(abs(idf[2] - 1.6931472) < 1e-6)
        // "a b b": a → 1 · 1, b → (1 + ln 2) · 1.2876821, then scaled to unit length.
        #expect(vectors[2].indices == [0, 1])
        #expect(abs(vectors[2].values[0] - 0.4169047) < 1e-6)
        #expect(abs(vectors[2].values[1] - 0.9089502) < 1e-6)
        // "a c": a → 1, c → 1.6931472.
        #expect(vectors[1].indices == [0, 2])
        #expect(abs(vectors[1].values[0] - 0.5085423) < 1e-6)
        #expect(abs(vectors[1].values[1] - 0.8610370) < 1e-6)
    }

    @Test("terms below the minimum document frequency are dropped, and the cap keeps the most frequent")
    func pruning() {
        var settings = Self.unigrams
        settings.minimumDocumentFrequency = 2
        #expect(IntentFeaturizer.fit(["a b", "a c", "a b b"], settings: settings).0.words.terms == ["a", "b"])
        settings.maximumWordTerms = 1
        #expect(IntentFeaturizer.fit(["a b", "a c", "a b b"], settings: settings).0.words.terms == ["a"])
    }

    @Test("the two blocks are each of unit length, the character block after the word block")
    func blocks() {
        let settings = IntentFeatureSettings(minimumDocumentFrequency: 1)
        let (featurizer, _) = IntentFeaturizer.fit(["card arrived", "card lost", "pin blocked"], settings: settings)
        let vector = featurizer.features("Card lost?")
        let split = Int32(featurizer.words.terms.count)
        let words = vector.values.enumerated().filter { vector.indices[$0.offset] < split }.map(\.element)
        let characters = vector.values.enumerated().filter { vector.indices[$0.offset] >= split }.map(\.element)
        #expect(abs(words.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
        #expect(abs(characters.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
        #expect(vector.indices == vector.indices.sorted())
        #expect(featurizer.features("zzz qqq").indices.isEmpty)
        #expect(featurizer.features("").indices.isEmpty)
    }
}
