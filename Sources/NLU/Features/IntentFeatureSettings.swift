/// How a message becomes TF-IDF features: which n-grams, how many, and how much text is read.
///
/// Stored with every trained ``IntentModel``, so that a model always featurises messages the way it
/// was trained.
public struct IntentFeatureSettings: Sendable, Hashable {
    /// Word n-gram lengths (default unigrams and bigrams).
    public var wordNGrams: ClosedRange<Int>
    /// Character n-gram lengths, taken inside each space-padded word (default 3 to 5).
    public var characterNGrams: ClosedRange<Int>
    /// A term must occur in at least this many training messages to be kept.
    public var minimumDocumentFrequency: Int
    /// The most word n-grams kept (the most frequent ones, by document frequency).
    public var maximumWordTerms: Int
    /// The most character n-grams kept.
    public var maximumCharacterTerms: Int
    /// Only this many Unicode scalars of a message are read: longer messages are cut, which bounds
    /// the work one hostile message can cause.
    public var maximumTextLength: Int

    /// The longest n-gram a setting may ask for.
    public static let longestNGram = 8
    /// The largest ``maximumTextLength`` a setting may ask for.
    public static let longestText = 100_000

    public init(
        wordNGrams: ClosedRange<Int> = 1...2, characterNGrams: ClosedRange<Int> = 3...5,
        minimumDocumentFrequency: Int = 2, maximumWordTerms: Int = 50_000, maximumCharacterTerms: Int = 150_000,
        maximumTextLength: Int = 1_000
    ) {
        self.wordNGrams = wordNGrams
        self.characterNGrams = characterNGrams
        self.minimumDocumentFrequency = minimumDocumentFrequency
        self.maximumWordTerms = maximumWordTerms
        self.maximumCharacterTerms = maximumCharacterTerms
        self.maximumTextLength = maximumTextLength
    }

    /// Why these settings cannot be used, or nil when they can.
    public var problem: String? {
        for (name, range) in [("word", wordNGrams), ("character", characterNGrams)]
        where range.lowerBound < 1 || range.upperBound > Self.longestNGram {
            return "\(name) n-gram lengths must lie within 1...\(Self.longestNGram), not \(range)"
        }
        if minimumDocumentFrequency < 1 { return "the minimum document frequency must be at least 1" }
        if maximumWordTerms < 0 || maximumCharacterTerms < 0 { return "the vocabulary caps must not be negative" }
        if maximumWordTerms + maximumCharacterTerms == 0 { return "at least one vocabulary must be allowed terms" }
        if maximumTextLength < 1 || maximumTextLength > Self.longestText {
            return "the maximum text length must lie within 1...\(Self.longestText)"
        }
        return nil
    }
}
