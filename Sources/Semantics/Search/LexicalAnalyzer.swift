/// Turns text into the terms a ``LexicalIndex`` stores and looks up: lower-cased runs of letters and
/// digits, minus a small English stop list, each reduced by ``PorterStemmer``.
///
/// The same analysis runs on documents and on queries, so `Refunds refunded` and `refund` meet on `refund`.
public struct LexicalAnalyzer: Sendable {
    /// Lucene's English stop set (33 words): only words that carry no meaning in a support question.
    public static let englishStopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
        "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    ]

    public var stopWords: Set<String>
    public var stems: Bool

    public init(stopWords: Set<String> = Self.englishStopWords, stems: Bool = true) {
        self.stopWords = stopWords
        self.stems = stems
    }

    /// The terms of `text`, in order, repeats kept.
    public func terms(_ text: String) -> [String] {
        words(text).compactMap(term(for:))
    }

    /// The term of one lower-cased word, or nil for a stop word.
    public func term(for word: String) -> String? {
        stopWords.contains(word) ? nil : (stems ? PorterStemmer.stem(word) : word)
    }

    /// The lower-cased words of `text`: maximal runs of letters and digits.
    public func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
