/// Every word a ``KnowledgeIndex`` has seen, the term (stem) each one indexes under, and the words in byte
/// order for prefix lookups.
///
/// Words and terms get dense ids in order of arrival, so postings, counts and a document's word sequence are
/// arrays of `Int32` rather than strings. A word is analysed once, the first time it arrives: later
/// occurrences cost one dictionary lookup, which is what lets 10,000 articles index in seconds (Porter
/// stemming every occurrence would cost about as much as all the rest). Stop words are words too (their
/// term is `-1`): phrases and suggestions match them, rankings ignore them.
///
/// Ids are never reused: a word no document holds any more stays, and the per-audience counts of
/// ``KnowledgeIndex`` say it is gone.
struct KnowledgeVocabulary: Sendable {
    static let stopTerm: Int32 = -1

    private(set) var wordIDs: [String: Int32] = [:]
    private(set) var words: [String] = []
    /// A word's term id, or ``stopTerm``.
    private(set) var wordTerms: [Int32] = []
    private(set) var termIDs: [String: Int32] = [:]
    private(set) var terms: [String] = []
    /// The words that stem to each term.
    private(set) var termWords: [[Int32]] = []

    /// Word ids sorted by their UTF-8 bytes, and the ones added since the last merge (sorted as well):
    /// inserting into one big sorted array costs a move of the whole array per new word, merging a batch
    /// now and then costs one pass.
    private var sorted: [Int32] = []
    private var recent: [Int32] = []

    var termCount: Int { terms.count }
    var wordCount: Int { words.count }

    /// The id of `word`, adding it (and its term) on first sight.
    mutating func add(_ word: String, analyzer: LexicalAnalyzer) -> Int32 {
        if let id = wordIDs[word] { return id }
        let id = Int32(words.count)
        wordIDs[word] = id
        words.append(word)
        if let term = analyzer.term(for: word) {
            let termID: Int32
            if let existing = termIDs[term] {
                termID = existing
            } else {
                termID = Int32(terms.count)
                termIDs[term] = termID
                terms.append(term)
                termWords.append([])
            }
            termWords[Int(termID)].append(id)
            wordTerms.append(termID)
        } else {
            wordTerms.append(Self.stopTerm)
        }
        insertSorted(id)
        return id
    }

    func wordID(_ word: String) -> Int32? { wordIDs[word] }

    func termID(_ term: String) -> Int32? { termIDs[term] }

    /// Word ids beginning with `prefix` (byte-wise), in byte order of the words.
    func words(withPrefix prefix: String) -> [Int32] {
        var found = matches(prefix, in: sorted)
        if !recent.isEmpty {
            found += matches(prefix, in: recent)
            found.sort { precedes(words[Int($0)], words[Int($1)]) }
        }
        return found
    }

    private func matches(_ prefix: String, in list: [Int32]) -> [Int32] {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if precedes(words[Int(list[mid])], prefix) { low = mid + 1 } else { high = mid }
        }
        var found: [Int32] = []
        while low < list.count, words[Int(list[low])].utf8.starts(with: prefix.utf8) {
            found.append(list[low])
            low += 1
        }
        return found
    }

    private func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private mutating func insertSorted(_ id: Int32) {
        let word = words[Int(id)]
        var low = 0, high = recent.count
        while low < high {
            let mid = (low + high) / 2
            if precedes(words[Int(recent[mid])], word) { low = mid + 1 } else { high = mid }
        }
        recent.insert(id, at: low)
        guard recent.count > max(256, sorted.count / 8) else { return }
        var merged: [Int32] = []
        merged.reserveCapacity(sorted.count + recent.count)
        var i = 0, j = 0
        while i < sorted.count || j < recent.count {
            if j == recent.count || (i < sorted.count && precedes(words[Int(sorted[i])], words[Int(recent[j])])) {
                merged.append(sorted[i])
                i += 1
            } else {
                merged.append(recent[j])
                j += 1
            }
        }
        sorted = merged
        recent.removeAll(keepingCapacity: true)
    }
}
