import Foundation
import Semantics
import Testing

@Suite("all-MiniLM-L6-v2 against the reference implementation", .enabled(
    if: TestModel.isInstalled,
    "the model is not installed in \(TestModel.folder): run `make model` or set PORTAL_MODEL_DIR"))
struct ReferenceTests {
    @Test("token ids equal the reference's for every case")
    func tokenIDs() throws {
        let encoder = try TestModel.encoder.get()
        for reference in try Reference.load().cases {
            #expect(encoder.tokenizer.tokenize(reference.text) == reference.ids, "\(reference.text.debugDescription)")
        }
    }

    @Test("every embedding has cosine ≥ 0.9999 with the reference's")
    func embeddings() throws {
        let encoder = try TestModel.encoder.get()
        let cases = try Reference.load().cases
        let embeddings = encoder.encode(cases.map(\.text), using: encoder.makeScratch())
        var lowest: Float = 1
        for (reference, embedding) in zip(cases, embeddings) {
            #expect(embedding.count == 384)
            let similarity = cosine(embedding, reference.embedding)
            #expect(similarity >= 0.9999, "\(reference.text.debugDescription): cosine \(similarity)")
            lowest = min(lowest, similarity)
        }
        print("lowest cosine with the reference over \(cases.count) texts: \(lowest)")
    }

    @Test("one text at a time gives the same embeddings as a batch")
    func batchIndependence() throws {
        let encoder = try TestModel.encoder.get()
        let texts = try Reference.load().cases.prefix(5).map(\.text)
        let scratch = encoder.makeScratch()
        let batched = encoder.encode(texts, using: scratch)
        for (text, embedding) in zip(texts, batched) {
            let alone = encoder.encode([text], using: scratch)[0]
            #expect(cosine(alone, embedding) > 0.99999)
        }
    }

    @Test("the pool answers in request order, like the encoder itself")
    func pool() async throws {
        let encoder = try TestModel.encoder.get()
        let cases = try Reference.load().cases
        let pool = EncoderPool(encoder: encoder, workers: 2)
        defer { pool.shutDown() }
        let texts = (0..<150).map { cases[$0 % cases.count].text }
        let embeddings = try await pool.encode(texts)
        #expect(embeddings.count == texts.count)
        for (index, embedding) in embeddings.enumerated() {
            #expect(cosine(embedding, cases[index % cases.count].embedding) >= 0.9999)
        }
        async let first = pool.encode([cases[0].text])
        async let second = pool.encode([cases[1].text, cases[2].text])
        let (one, two) = try await (first, second)
        #expect(cosine(one[0], cases[0].embedding) >= 0.9999)
        #expect(cosine(two[1], cases[2].embedding) >= 0.9999)
    }

    @Test("related support questions are closer than unrelated ones")
    func similarity() throws {
        let encoder = try TestModel.encoder.get()
        let e = encoder.encode(["How do I reset my password?", "I forgot my password", "What is the weather in Paris?"],
                               using: encoder.makeScratch())
        #expect(cosine(e[0], e[1]) > cosine(e[0], e[2]) + 0.3)
    }
}
