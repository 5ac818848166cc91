import Foundation

/// Keyword search over documents with a title and a body: BM25F, the field-weighted form of Okapi BM25.
///
/// Each term's frequency is length-normalised per field and the title's counts weigh ``Parameters/titleWeight``
/// times the body's before BM25's saturation, so a question that names the words of the query outranks an
/// answer that merely mentions them. Queries are an OR of their terms; terms come from ``LexicalAnalyzer``
/// (lower case, small stop list, Porter stems). A query word no document contains is first corrected to the
/// nearest indexed word within two edits (``Parameters/correctsSpelling``), since such a word is nearly always
/// a typo.
///
/// On the StackFAQ collection a title weight of 2–6 adds 0.04–0.05 nDCG@10 over one merged field in every engine
/// tried (see `docs/operations.md`, "Search evaluation").
///
/// Not thread-safe for writes: the owner serialises ``upsert(_:title:body:tags:)`` and ``remove(_:)`` against
/// searches, as with ``VectorIndex``.
public struct LexicalIndex: Sendable {
    /// BM25's constants and the title's weight.
    public struct Parameters: Sendable, Equatable {
        /// How fast repeated occurrences of a term saturate (1.2 is the usual choice).
        public var k1: Double
        /// How much a long field is penalised, 0 (not at all) to 1 (fully in proportion to its length).
        public var b: Double
        /// How many body occurrences one title occurrence is worth.
        public var titleWeight: Double
        /// Whether a query word that no document contains is replaced by the nearest indexed word.
        public var correctsSpelling: Bool

        public init(k1: Double = 1.2, b: Double = 0.75, titleWeight: Double = 3, correctsSpelling: Bool = true) {
            self.k1 = k1
            self.b = b
            self.titleWeight = titleWeight
            self.correctsSpelling = correctsSpelling
        }
    }

    public typealias Entry = VectorIndex.Entry

    public struct Hit: Sendable, Equatable {
        public var key: String
        public var score: Double
    }

    /// How often a term occurs in each field of one document.
    struct FieldCounts: Sendable, Equatable {
        var title: Int32 = 0
        var body: Int32 = 0
    }

    public let analyzer: LexicalAnalyzer
    public let parameters: Parameters

    private var entries: [Entry] = []
    private var lengths: [FieldCounts] = []
    private var documentTerms: [[String: FieldCounts]] = []
    /// Each document's distinct words before stemming, for the spelling corrector.
    private var documentWords: [[String]] = []
    private var corrector = SpellingCorrector()
    private var postings: [String: [Int: FieldCounts]] = [:]
    private var slots: [String: Int] = [:]
    private var totalTitleLength = 0
    private var totalBodyLength = 0

    public init(analyzer: LexicalAnalyzer = LexicalAnalyzer(), parameters: Parameters = Parameters()) {
        self.analyzer = analyzer
        self.parameters = parameters
    }

    public var count: Int { entries.count }

    /// How many distinct terms the index holds.
    public var vocabularySize: Int { postings.count }

    public func contains(_ key: String) -> Bool { slots[key] != nil }

    /// Adds or replaces the document `key`.
    public mutating func upsert(_ key: String, title: String, body: String, tags: [String: String] = [:]) {
        remove(key)
        var terms: [String: FieldCounts] = [:]
        let titleWords = analyzer.words(title), bodyWords = analyzer.words(body)
        let titleTerms = titleWords.compactMap(analyzer.term(for:)), bodyTerms = bodyWords.compactMap(analyzer.term(for:))
        let words = Array(Set(titleWords + bodyWords).filter { !analyzer.stopWords.contains($0) })
        documentWords.append(words)
        corrector.add(words)
        for term in titleTerms { terms[term, default: FieldCounts()].title += 1 }
        for term in bodyTerms { terms[term, default: FieldCounts()].body += 1 }
        let slot = entries.count
        slots[key] = slot
        entries.append(Entry(key: key, tags: tags))
        lengths.append(FieldCounts(title: Int32(titleTerms.count), body: Int32(bodyTerms.count)))
        documentTerms.append(terms)
        for (term, counts) in terms { postings[term, default: [:]][slot] = counts }
        totalTitleLength += titleTerms.count
        totalBodyLength += bodyTerms.count
    }

    /// Removes `key` (the last document moves into its slot).
    public mutating func remove(_ key: String) {
        guard let slot = slots.removeValue(forKey: key) else { return }
        corrector.remove(documentWords[slot])
        for term in documentTerms[slot].keys {
            postings[term]?[slot] = nil
            if postings[term]?.isEmpty == true { postings[term] = nil }
        }
        totalTitleLength -= Int(lengths[slot].title)
        totalBodyLength -= Int(lengths[slot].body)
        let last = entries.count - 1
        if slot != last {
            for (term, counts) in documentTerms[last] {
                postings[term]?[last] = nil
                postings[term]?[slot] = counts
            }
            entries[slot] = entries[last]
            lengths[slot] = lengths[last]
            documentTerms[slot] = documentTerms[last]
            documentWords[slot] = documentWords[last]
            slots[entries[slot].key] = slot
        }
        entries.removeLast()
        lengths.removeLast()
        documentTerms.removeLast()
        documentWords.removeLast()
    }

    /// Inverse document frequency of a term found in `documentFrequency` of `count` documents (Lucene's form,
    /// never negative).
    func idf(_ documentFrequency: Int) -> Double {
        log(1 + (Double(count - documentFrequency) + 0.5) / (Double(documentFrequency) + 0.5))
    }

    /// The `limit` best documents for `query` (best first, ties by key), among those `filter` accepts.
    /// Documents sharing no term with the query (after spelling correction) are not returned.
    public func search(_ query: String, limit: Int, filter: ((Entry) -> Bool)? = nil) -> [Hit] {
        guard limit > 0, !entries.isEmpty else { return [] }
        var queryTerms: [String: Int] = [:]
        for word in analyzer.words(query) {
            guard var term = analyzer.term(for: word) else { continue }
            if parameters.correctsSpelling, postings[term] == nil, !corrector.contains(word),
               let corrected = corrector.correction(for: word), let correctedTerm = analyzer.term(for: corrected) {
                term = correctedTerm
            }
            queryTerms[term, default: 0] += 1
        }
        let n = Double(entries.count)
        let averageTitle = max(Double(totalTitleLength) / n, 1), averageBody = max(Double(totalBodyLength) / n, 1)
        let (k1, b, weight) = (parameters.k1, parameters.b, parameters.titleWeight)
        var scores: [Int: Double] = [:]
        for (term, repeats) in queryTerms {
            guard let documents = postings[term] else { continue }
            let termWeight = idf(documents.count) * Double(repeats)
            for (slot, counts) in documents {
                let length = lengths[slot]
                let title = Double(counts.title) / (1 - b + b * Double(length.title) / averageTitle)
                let body = Double(counts.body) / (1 - b + b * Double(length.body) / averageBody)
                let frequency = weight * title + body
                scores[slot, default: 0] += termWeight * frequency * (k1 + 1) / (frequency + k1)
            }
        }
        var hits = scores.compactMap { slot, score -> Hit? in
            if let filter, !filter(entries[slot]) { return nil }
            return Hit(key: entries[slot].key, score: score)
        }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        return Array(hits.prefix(limit))
    }
}
