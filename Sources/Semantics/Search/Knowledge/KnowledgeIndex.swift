import Foundation

/// The knowledge base's search engine: keyword search over articles and FAQ entries with field weights,
/// spelling correction, phrases, prefixes, synonyms and filters; highlighted snippets, suggestions as the
/// user types and related documents. Pure Swift and in memory; the design and its measurements are in
/// `docs/search.md`.
///
/// - **Ranking** (``KnowledgeRanking``): BM25 over four fields (title, phrasings, summary, body), Porter
///   stems and a small stop list from ``LexicalAnalyzer``. A query is an OR of its words; `"…"` asks for
///   the words adjacent and in order within one field, `word*` for any indexed word beginning so.
/// - **Typos**: a query word that no document the viewer may read contains is replaced by the nearest such
///   word within two edits (``KnowledgeSpelling``); words the index knows are never changed.
/// - **Filters first, and audiences always**: every method takes a ``KnowledgeFilter`` and nothing outside
///   its audiences leaves the index — not a hit, a suggestion, a snippet, a related document, nor a
///   correction to a word only such documents contain.
///
/// Documents live in slots: postings are arrays sorted by slot, a new document takes the next slot, and a
/// removed one leaves a hole until holes outnumber documents and the slots are renumbered.
///
/// Not thread-safe for writes: the owner serialises ``upsert(_:)``, ``remove(_:)``, ``setSynonyms(_:)`` and
/// ``setPopularity(_:_:)`` against reads, as with ``VectorIndex`` and ``LexicalIndex``.
public struct KnowledgeIndex: Sendable {
    public let analyzer: LexicalAnalyzer
    /// The scoring settings; changing them needs no re-indexing (everything they touch is computed per query).
    public var ranking: KnowledgeRanking

    var vocabulary = KnowledgeVocabulary()
    var spelling = KnowledgeSpelling()
    /// Term id → its postings, sorted by slot.
    var postings: [[KnowledgePosting]] = []
    /// Term id → how many documents hold it in each field (for per-field idf).
    var fieldFrequencies: [KnowledgeFieldValues<Int32>] = []
    /// Word id → the questions (titles and phrasings) holding it, sorted by slot.
    var questionLines: [[KnowledgeLine]] = []

    // Per slot; a removed document's slot holds nil (and audience -1) until the next renumbering.
    var documents: [KnowledgeDocument?] = []
    /// Keys and facets again, apart from the documents: ranking reads them for thousands of slots a query,
    /// and reading a field of a small struct in an array is cheaper than copying a whole document out.
    var keys: [String] = []
    var facets: [KnowledgeFacets] = []
    /// Each field's words as word ids, in order (phrasings separated by ``separator``).
    var sequences: [KnowledgeFieldValues<[Int32]>] = []
    /// Each field's length in indexed terms (stop words not counted).
    var lengths: [KnowledgeFieldValues<Int32>] = []
    var slotAudiences: [Int32] = []
    var slots: [String: Int32] = [:]
    private(set) public var count = 0

    /// Summed field lengths, and how many documents have each field, for the average lengths.
    var fieldTotals = KnowledgeFieldValues<Int>(all: 0)
    var fieldDocuments = KnowledgeFieldValues<Int>(all: 0)

    /// Audience name → id; per audience id, how many of its documents hold each word and each term.
    var audienceIDs: [String: Int32] = [:]
    var wordAudienceCounts: [[Int32]] = []
    var termAudienceCounts: [[Int32]] = []

    var synonyms = KnowledgeSynonyms()
    var popularity: [String: Double] = [:]

    /// Between two phrasings in a word sequence: no phrase matches across it.
    static let separator: Int32 = -1

    /// The stop list of the default analyzer (measured in `docs/search.md`).
    public static let defaultStopWords = KnowledgeStopWords.lucene

    public init(analyzer: LexicalAnalyzer = LexicalAnalyzer(stopWords: defaultStopWords), ranking: KnowledgeRanking = KnowledgeRanking()) {
        self.analyzer = analyzer
        self.ranking = ranking
    }

    public func contains(_ key: String) -> Bool { slots[key] != nil }

    /// The stored document `key`, whoever may read it (for the owner, not for viewers).
    public func document(_ key: String) -> KnowledgeDocument? {
        slots[key].flatMap { documents[Int($0)] }
    }

    /// How many distinct terms (stems) the index has seen.
    public var vocabularySize: Int { vocabulary.termCount }

    /// Adds or replaces a document.
    public mutating func upsert(_ document: KnowledgeDocument) {
        remove(document.key)
        let slot = Int32(documents.count)
        let audience = audienceID(document.facets.audience)
        var sequence = KnowledgeFieldValues<[Int32]>(all: [])
        var length = KnowledgeFieldValues<Int32>(all: 0)
        var counts: [Int32: KnowledgeFieldValues<UInt16>] = [:]
        for field in KnowledgeField.allCases {
            for (n, text) in texts(of: document, field).enumerated() {
                if n > 0 { sequence[field].append(Self.separator) }
                KnowledgeWords.scan(text) { word, _ in
                    let id = addWord(word)
                    sequence[field].append(id)
                    let term = vocabulary.wordTerms[Int(id)]
                    guard term >= 0 else { return }
                    var termCounts = counts[term] ?? KnowledgeFieldValues(all: 0)
                    if termCounts[field] < .max { termCounts[field] += 1 }
                    counts[term] = termCounts
                    length[field] += 1
                }
            }
        }
        for (term, termCounts) in counts {
            postings[Int(term)].append(KnowledgePosting(slot: slot, counts: termCounts))
            for field in KnowledgeField.allCases where termCounts[field] > 0 { fieldFrequencies[Int(term)][field] += 1 }
            termAudienceCounts[Int(audience)][Int(term)] += 1
        }
        for word in Set(sequence.title + sequence.phrasings + sequence.summary + sequence.body) where word >= 0 {
            wordAudienceCounts[Int(audience)][Int(word)] += 1
        }
        for line in KnowledgeLine.lines(of: sequence) {
            for word in Set(line.words) { questionLines[Int(word)].append(KnowledgeLine(slot: slot, line: line.number)) }
        }
        for field in KnowledgeField.allCases {
            fieldTotals[field] += Int(length[field])
            if length[field] > 0 { fieldDocuments[field] += 1 }
        }
        slots[document.key] = slot
        documents.append(document)
        keys.append(document.key)
        facets.append(document.facets)
        sequences.append(sequence)
        lengths.append(length)
        slotAudiences.append(audience)
        count += 1
    }

    /// Removes `key`, if present.
    public mutating func remove(_ key: String) {
        guard let slot = slots.removeValue(forKey: key) else { return }
        let sequence = sequences[Int(slot)], audience = Int(slotAudiences[Int(slot)])
        var termFields: [Int32: KnowledgeFieldValues<Bool>] = [:]
        for field in KnowledgeField.allCases {
            for word in sequence[field] where word >= 0 && vocabulary.wordTerms[Int(word)] >= 0 {
                termFields[vocabulary.wordTerms[Int(word)], default: KnowledgeFieldValues(all: false)][field] = true
            }
        }
        for (term, fields) in termFields {
            let at = postings[Int(term)].firstIndex(atOrAfter: slot)
            postings[Int(term)].remove(at: at)
            for field in KnowledgeField.allCases where fields[field] { fieldFrequencies[Int(term)][field] -= 1 }
            termAudienceCounts[audience][Int(term)] -= 1
        }
        for word in Set(sequence.title + sequence.phrasings + sequence.summary + sequence.body) where word >= 0 {
            wordAudienceCounts[audience][Int(word)] -= 1
        }
        for line in KnowledgeLine.lines(of: sequence) {
            for word in Set(line.words) {
                let list = questionLines[Int(word)]
                if let at = list.firstIndex(where: { $0.slot == slot && $0.line == line.number }) { questionLines[Int(word)].remove(at: at) }
            }
        }
        for field in KnowledgeField.allCases {
            fieldTotals[field] -= Int(lengths[Int(slot)][field])
            if lengths[Int(slot)][field] > 0 { fieldDocuments[field] -= 1 }
        }
        documents[Int(slot)] = nil
        keys[Int(slot)] = ""
        facets[Int(slot)] = KnowledgeFacets(kind: "", audience: "")
        slotAudiences[Int(slot)] = -1
        sequences[Int(slot)] = KnowledgeFieldValues(all: [])
        count -= 1
        if documents.count >= 64 && documents.count > 2 * count { renumberSlots() }
    }

    /// The texts of one field of `document`: one, or one per phrasing.
    func texts(of document: KnowledgeDocument, _ field: KnowledgeField) -> [String] {
        switch field {
        case .title: [document.title]
        case .phrasings: document.phrasings
        case .summary: [document.summary]
        case .body: [document.body]
        }
    }

    /// The id of `word`, growing every per-word and per-term table when it is new.
    private mutating func addWord(_ word: String) -> Int32 {
        let before = vocabulary.termCount
        let id = vocabulary.add(word, analyzer: analyzer)
        guard Int(id) == questionLines.count else { return id }
        questionLines.append([])
        spelling.add(id, word, correctable: vocabulary.wordTerms[Int(id)] >= 0)
        for a in wordAudienceCounts.indices { wordAudienceCounts[a].append(0) }
        if vocabulary.termCount > before {
            postings.append([])
            fieldFrequencies.append(KnowledgeFieldValues(all: 0))
            for a in termAudienceCounts.indices { termAudienceCounts[a].append(0) }
        }
        return id
    }

    private mutating func audienceID(_ audience: String) -> Int32 {
        if let id = audienceIDs[audience] { return id }
        let id = Int32(audienceIDs.count)
        audienceIDs[audience] = id
        wordAudienceCounts.append([Int32](repeating: 0, count: vocabulary.wordCount))
        termAudienceCounts.append([Int32](repeating: 0, count: vocabulary.termCount))
        return id
    }

    /// Moves every document down over the holes removals left, keeping their order (so postings stay sorted).
    private mutating func renumberSlots() {
        var renumbered = [Int32](repeating: -1, count: documents.count)
        var next: Int32 = 0
        for slot in documents.indices where documents[slot] != nil {
            renumbered[slot] = next
            next += 1
        }
        for term in postings.indices {
            for i in postings[term].indices { postings[term][i].slot = renumbered[Int(postings[term][i].slot)] }
        }
        for word in questionLines.indices {
            for i in questionLines[word].indices { questionLines[word][i].slot = renumbered[Int(questionLines[word][i].slot)] }
        }
        let live = documents.indices.filter { documents[$0] != nil }
        documents = live.map { documents[$0] }
        keys = live.map { keys[$0] }
        facets = live.map { facets[$0] }
        sequences = live.map { sequences[$0] }
        lengths = live.map { lengths[$0] }
        slotAudiences = live.map { slotAudiences[$0] }
        for (key, slot) in slots { slots[key] = renumbered[Int(slot)] }
    }
}
