/// The stored form of an ``IntentModel``, for keeping it as a blob.
///
/// Layout (all integers and floats little-endian; strings as a `UInt32` byte count and UTF-8):
///
/// | bytes | field |
/// |---|---|
/// | 4 | magic `NLUI` |
/// | 2 | format version (1) |
/// | 2 | flags (0) |
/// | 8 | payload length |
/// | … | payload |
/// | 32 | SHA-256 of everything before it |
///
/// The payload: the feature settings (`UInt8` word and character n-gram bounds, `UInt32` minimum
/// document frequency, word and character caps and text length); the intents, the word terms and the
/// character terms (each a `UInt64` count and strings); the word and character idf values (`Float32`,
/// one per term); `UInt32` embedding dimension, `Float32` embedding weight, `Float64` regularisation,
/// `Float32` threshold; `UInt64` weight count and the weights (`Float32`, row-major, one row of
/// intents per feature, then the biases).
extension IntentModel {
    static let magic: [UInt8] = Array("NLUI".utf8)
    static let headerSize = 16

    /// The model as bytes, checksummed.
    public func serialized() -> [UInt8] {
        var payload = ModelByteWriter()
        let settings = featurizer.settings
        for bound in [settings.wordNGrams.lowerBound, settings.wordNGrams.upperBound,
                      settings.characterNGrams.lowerBound, settings.characterNGrams.upperBound] {
            payload.append(UInt8(bound))
        }
        for value in [settings.minimumDocumentFrequency, settings.maximumWordTerms, settings.maximumCharacterTerms, settings.maximumTextLength] {
            payload.append(UInt32(clamping: value))
        }
        for list in [labels, featurizer.words.terms, featurizer.characters.terms] {
            payload.append(UInt64(list.count))
            for text in list { payload.append(text) }
        }
        payload.append(featurizer.words.idf)
        payload.append(featurizer.characters.idf)
        payload.append(UInt32(embeddingDimension))
        payload.append(embeddingWeight)
        payload.append(regularization)
        payload.append(threshold)
        payload.append(UInt64(weights.count))
        payload.append(weights)

        var header = ModelByteWriter()
        for byte in Self.magic { header.append(byte) }
        header.append(Self.formatVersion)
        header.append(UInt16(0))
        header.append(UInt64(payload.bytes.count))
        var bytes = header.bytes + payload.bytes
        bytes += ModelChecksum.of(bytes[...])
        return bytes
    }

    /// A model from bytes written by ``serialized()``; any other bytes give an error, never a crash.
    /// - Throws: ``IntentModelFormatError`` saying what is wrong.
    public init(serialized bytes: [UInt8]) throws(IntentModelFormatError) {
        guard bytes.count >= Self.headerSize + ModelChecksum.size else { throw .tooShort(bytes.count) }
        guard Array(bytes[0..<4]) == Self.magic else { throw .notAnIntentModel }
        var header = ModelByteReader(bytes, from: 4, to: Self.headerSize)
        let version = try header.integer(UInt16.self, "the header")
        guard version == Self.formatVersion else { throw .unsupportedVersion(version) }
        _ = try header.integer(UInt16.self, "the header")
        let declared = try header.integer(UInt64.self, "the header")
        let found = bytes.count - Self.headerSize - ModelChecksum.size
        guard declared == UInt64(found) else { throw .lengthMismatch(declared: declared, found: found) }
        let end = bytes.count - ModelChecksum.size
        guard ModelChecksum.of(bytes[0..<end]) == Array(bytes[end...]) else { throw .checksumMismatch }

        var reader = ModelByteReader(bytes, from: Self.headerSize, to: end)
        var bounds: [Int] = []
        for _ in 0..<4 { bounds.append(Int(try reader.integer(UInt8.self, "the feature settings"))) }
        var limits: [Int] = []
        for _ in 0..<4 { limits.append(Int(try reader.integer(UInt32.self, "the feature settings"))) }
        guard bounds[0] <= bounds[1], bounds[2] <= bounds[3] else { throw .inconsistent("an n-gram range is reversed") }
        let settings = IntentFeatureSettings(
            wordNGrams: bounds[0]...bounds[1], characterNGrams: bounds[2]...bounds[3], minimumDocumentFrequency: limits[0],
            maximumWordTerms: limits[1], maximumCharacterTerms: limits[2], maximumTextLength: limits[3])
        if let problem = settings.problem { throw .inconsistent(problem) }

        let labels = try reader.strings("the intents")
        let wordTerms = try reader.strings("the word terms")
        let characterTerms = try reader.strings("the character terms")
        let words = try TfidfVocabulary(terms: wordTerms, idf: try reader.floats(wordTerms.count, "the word idf values"))
        let characters = try TfidfVocabulary(
            terms: characterTerms, idf: try reader.floats(characterTerms.count, "the character idf values"))
        let dimension = Int(try reader.integer(UInt32.self, "the embedding dimension"))
        let embeddingWeight = try reader.float("the embedding weight")
        let regularization = try reader.double("the regularisation")
        let threshold = try reader.float("the threshold")
        let weightCount = try reader.count("the weights", minimumSize: 4)
        let weights = try reader.floats(weightCount, "the weights")
        guard reader.remaining == 0 else { throw .inconsistent("\(reader.remaining) bytes follow the weights") }
        try self.init(
            featurizer: IntentFeaturizer(settings: settings, words: words, characters: characters), labels: labels,
            embeddingDimension: dimension, embeddingWeight: embeddingWeight, regularization: regularization,
            threshold: threshold, weights: weights)
    }
}
