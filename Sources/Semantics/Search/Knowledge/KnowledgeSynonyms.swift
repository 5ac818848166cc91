/// The synonym groups editors keep (`["refund", "reimbursement", "money back"]`), matched at query time.
///
/// Expansion happens on the query, not in the index: a group edited today applies to every document at
/// once, and the document counts that weigh a word stay true. An entry of several words is a phrase
/// (`money back`), found in a query as those words in a row and in documents as a phrase; it weighs like one
/// word (its terms' mean idf rather than their sum), since the group stands for one idea.
///
/// Entries are compared by key: a word's stem, or the word itself for a stop word, so `refunds` in a query
/// finds the group of `refund`, and `sign in` keeps its `in`.
struct KnowledgeSynonyms: Sendable, Equatable {
    /// Each group's entries, each entry its lower-cased words.
    private(set) var groups: [[[String]]] = []
    /// Key of an entry's first word → the (group, entry) pairs starting with it.
    private var byFirstKey: [String: [Entry]] = [:]
    /// The longest entry, in words.
    private(set) var longestEntry = 0

    struct Entry: Sendable, Equatable {
        var group: Int
        var entry: Int
    }

    init() {}

    init(_ groups: [[String]], analyzer: LexicalAnalyzer) {
        for group in groups {
            var entries: [[String]] = []
            for text in group {
                let words = KnowledgeWords.words(text)
                if !words.isEmpty && !entries.contains(words) { entries.append(words) }
            }
            guard entries.count > 1 else { continue }
            let g = self.groups.count
            self.groups.append(entries)
            for (e, words) in entries.enumerated() {
                byFirstKey[Self.key(words[0], analyzer), default: []].append(Entry(group: g, entry: e))
                longestEntry = max(longestEntry, words.count)
            }
        }
    }

    static func key(_ word: String, _ analyzer: LexicalAnalyzer) -> String {
        analyzer.term(for: word) ?? word
    }

    /// The longest entry whose words are the keys at the start of `keys`, if any.
    func match(_ keys: ArraySlice<String>, analyzer: LexicalAnalyzer) -> Entry? {
        guard let first = keys.first, let candidates = byFirstKey[first] else { return nil }
        var best: (entry: Entry, length: Int)?
        for candidate in candidates {
            let words = groups[candidate.group][candidate.entry]
            guard words.count <= keys.count, words.count > (best?.length ?? 0) else { continue }
            if zip(words, keys).allSatisfy({ Self.key($0, analyzer) == $1 }) { best = (candidate, words.count) }
        }
        return best?.entry
    }
}
