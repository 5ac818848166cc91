import CSodium
@testable import NLU
import Testing

@Suite("Storing a model as bytes")
struct IntentModelSerializationTests {
    static func trained(encoder: HashingEncoder? = nil) async throws -> IntentModel {
        try await IntentTrainer(options: SampleData.quickOptions).train(SampleData.tiny, encoder: encoder).model
    }

    /// `payload` sealed with a correct header and checksum, so that only the payload's content is on trial.
    static func sealed(_ payload: ArraySlice<UInt8>, version: UInt16 = IntentModel.formatVersion) -> [UInt8] {
        var header = Array("NLUI".utf8)
        withUnsafeBytes(of: version.littleEndian) { header += $0 }
        header += [0, 0]
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { header += $0 }
        var bytes = header + payload
        var digest = [UInt8](repeating: 0, count: 32)
        _ = crypto_hash_sha256(&digest, bytes, UInt64(bytes.count))
        bytes += digest
        return bytes
    }

    static func payload(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes[16..<(bytes.count - 32)]
    }

    @Test("a model read back gives the same bytes and the same predictions", arguments: [false, true])
    func roundTrip(withEncoder: Bool) async throws {
        let encoder = withEncoder ? HashingEncoder() : nil
        let model = try await Self.trained(encoder: encoder).withThreshold(0.3)
        let bytes = model.serialized()
        let loaded = try IntentModel(serialized: bytes)
        #expect(loaded.serialized() == bytes)
        #expect(loaded.labels == model.labels)
        #expect(loaded.threshold == 0.3)
        #expect(loaded.featurizer == model.featurizer)
        for text in ["where is my card", "rate for dollars", "", "🙂 unrelated"] {
            #expect(try await loaded.classify(text, encoder: encoder) == (try await model.classify(text, encoder: encoder)))
        }
    }

    @Test("damaged bytes are refused: checksum, length, magic, version")
    func damaged() async throws {
        let bytes = try await Self.trained().serialized()
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            var flipped = bytes
            flipped[position] ^= 0x40
            #expect(throws: IntentModelFormatError.self) { try IntentModel(serialized: flipped) }
        }
        #expect(throws: IntentModelFormatError.tooShort(10)) { try IntentModel(serialized: Array(bytes.prefix(10))) }
        #expect(throws: IntentModelFormatError.self) { try IntentModel(serialized: Array(bytes.dropLast())) }
        #expect(throws: IntentModelFormatError.self) { try IntentModel(serialized: bytes + [0]) }
        #expect(throws: IntentModelFormatError.notAnIntentModel) { try IntentModel(serialized: [UInt8](repeating: 0, count: 100)) }
        #expect(throws: IntentModelFormatError.unsupportedVersion(9)) {
            try IntentModel(serialized: Self.sealed(Self.payload(bytes), version: 9))
        }
        #expect(throws: IntentModelFormatError.self) { try IntentModel(serialized: []) }
    }

    @Test("a correctly sealed but hostile payload gives an error, never a crash")
    func hostilePayload() async throws {
        let payload = Self.payload(try await Self.trained().serialized())
        #expect(throws: IntentModelFormatError.self) { try IntentModel(serialized: Self.sealed(payload.dropLast(4))) }
        #expect(throws: IntentModelFormatError.self) { try IntentModel(serialized: Self.sealed([])) }
        // The label count (right after 20 bytes of settings) set to 2⁶³: refused before any allocation.
        var huge = Array(payload)
        for i in 0..<8 { huge[20 + i] = i == 7 ? 0x80 : 0 }
        #expect(throws: IntentModelFormatError.truncated("the intents")) { try IntentModel(serialized: Self.sealed(huge[...])) }
        // Random damage, resealed: each result is an error or a consistent model.
        var generator = SplitMix64(seed: 42)
        for _ in 0..<300 {
            var mutated = Array(payload)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<mutated.count, using: &generator)
                mutated[position] = UInt8.random(in: 0...255, using: &generator)
            }
            if let model = try? IntentModel(serialized: Self.sealed(mutated[...])) {
                _ = try? model.classify("where is my card")
            }
        }
    }

    @Test("a model built from inconsistent parts is refused")
    func inconsistent() async throws {
        let model = try await Self.trained()
        #expect(throws: IntentModelFormatError.self) {
            try IntentModel(featurizer: model.featurizer, labels: model.labels, embeddingDimension: 0, embeddingWeight: 0,
                            regularization: 0, threshold: 0, weights: [1, 2, 3])
        }
        #expect(throws: IntentModelFormatError.self) {
            try IntentModel(featurizer: model.featurizer, labels: ["a", "a"], embeddingDimension: 0, embeddingWeight: 0,
                            regularization: 0, threshold: 0, weights: [])
        }
        #expect(throws: IntentModelFormatError.self) {
            try TfidfVocabulary(terms: ["a", "a"], idf: [1, 1])
        }
        #expect(throws: IntentModelFormatError.self) {
            try TfidfVocabulary(terms: ["a"], idf: [.nan])
        }
    }
}
