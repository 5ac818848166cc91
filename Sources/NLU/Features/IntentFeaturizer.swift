/// Turns a message into its sparse TF-IDF features: the word block (indices `0..<wordTerms`), then
/// the character block (indices `wordTerms..<dimension`), each block of unit length.
public struct IntentFeaturizer: Sendable, Hashable {
    public let settings: IntentFeatureSettings
    public let words: TfidfVocabulary
    public let characters: TfidfVocabulary

    /// The number of sparse features.
    public var dimension: Int { words.terms.count + characters.terms.count }

    public init(settings: IntentFeatureSettings, words: TfidfVocabulary, characters: TfidfVocabulary) {
        self.settings = settings
        self.words = words
        self.characters = characters
    }

    /// Learns both vocabularies from `texts` and returns the featuriser with the texts' vectors.
    public static func fit(_ texts: [String], settings: IntentFeatureSettings) -> (IntentFeaturizer, [SparseVector]) {
        let counts = texts.map { termCounts($0, settings: settings) }
        let words = TfidfVocabulary.fit(
            counts.map(\.words), minimumDocumentFrequency: settings.minimumDocumentFrequency, limit: settings.maximumWordTerms)
        let characters = TfidfVocabulary.fit(
            counts.map(\.characters), minimumDocumentFrequency: settings.minimumDocumentFrequency, limit: settings.maximumCharacterTerms)
        let featurizer = IntentFeaturizer(settings: settings, words: words, characters: characters)
        return (featurizer, counts.map(featurizer.vector))
    }

    /// The features of one message.
    public func features(_ text: String) -> SparseVector {
        vector(Self.termCounts(text, settings: settings))
    }

    /// The word and character n-gram counts of one message.
    public static func termCounts(_ text: String, settings: IntentFeatureSettings) -> (words: [String: Int], characters: [String: Int]) {
        let scalars = IntentTextAnalyzer.normalized(text, maximumLength: settings.maximumTextLength)
        let words = settings.maximumWordTerms > 0
            ? IntentTextAnalyzer.counts(IntentTextAnalyzer.wordNGrams(IntentTextAnalyzer.words(scalars), lengths: settings.wordNGrams))
            : [:]
        let characters = settings.maximumCharacterTerms > 0
            ? IntentTextAnalyzer.counts(IntentTextAnalyzer.characterNGrams(scalars, lengths: settings.characterNGrams))
            : [:]
        return (words, characters)
    }

    private func vector(_ counts: (words: [String: Int], characters: [String: Int])) -> SparseVector {
        let word = words.vector(counts.words)
        let character = characters.vector(counts.characters).shifted(by: Int32(words.terms.count))
        return SparseVector(indices: word.indices + character.indices, values: word.values + character.values)
    }
}
