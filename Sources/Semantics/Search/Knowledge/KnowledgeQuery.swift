/// A query as typed, cut into its parts: plain words, `"quoted phrases"` and `prefix*` words.
///
/// Typing is forgiving: a quote left open is ignored (its words count as plain words), and a `*` counts
/// only right after a word outside quotes. Every word keeps its range in the query, so a correction can be
/// shown in place.
struct KnowledgeQuery {
    enum Part: Equatable {
        case word(KnowledgeWords.Word)
        case phrase([KnowledgeWords.Word])
        case prefix(KnowledgeWords.Word)
    }

    let text: String
    let parts: [Part]

    init(_ text: String) {
        self.text = text
        let quotes = text.indices.filter { Self.quoteMarks.contains(text[$0]) }
        // Pairs of quotes, in order; an odd last one opens nothing.
        var spans: [Range<String.Index>] = []
        var i = 0
        while i + 1 < quotes.count {
            spans.append(quotes[i]..<quotes[i + 1])
            i += 2
        }
        var parts: [Part] = []
        var phrase: [KnowledgeWords.Word] = []
        var phraseSpan: Int?
        for word in KnowledgeWords.scan(text) {
            let span = spans.firstIndex { $0.contains(word.range.lowerBound) }
            if let current = phraseSpan, span != current {
                parts.append(.phrase(phrase))
                phrase = []
                phraseSpan = nil
            }
            if let span {
                phrase.append(word)
                phraseSpan = span
            } else if word.range.upperBound < text.endIndex, text[word.range.upperBound] == "*" {
                parts.append(.prefix(word))
            } else {
                parts.append(.word(word))
            }
        }
        if !phrase.isEmpty { parts.append(.phrase(phrase)) }
        self.parts = parts
    }

    /// Straight and typographic double quotes.
    static let quoteMarks: Set<Character> = ["\"", "\u{201C}", "\u{201D}", "\u{201E}"]

    /// The query with some of its words replaced (by their ranges), the rest as typed.
    func replacing(_ replacements: [(range: Range<String.Index>, with: String)]) -> String {
        var result = text
        for replacement in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            result.replaceSubrange(replacement.range, with: replacement.with)
        }
        return result
    }
}
