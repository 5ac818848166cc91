extension KnowledgeIndex {
    /// How many of a document's summary and body terms (the highest tf·idf) join its title and phrasings in
    /// the query that finds related documents.
    static let relatedBodyTerms = 12

    /// Documents about the same thing as `key`, best first, never `key` itself: its title and phrasing
    /// terms and its most distinctive summary and body terms, searched as one OR query.
    ///
    /// Empty when `key` is missing or `filter`'s audiences may not read it; the results pass the whole filter.
    public func related(to key: String, limit: Int, filter: KnowledgeFilter) -> [KnowledgeHit] {
        let visibility = visibility(filter)
        guard let slot = slots[key], isReadable(slot, visibility) else { return [] }
        let sequence = sequences[Int(slot)]
        var question: Set<Int32> = []
        for word in sequence.title + sequence.phrasings where word >= 0 && vocabulary.wordTerms[Int(word)] >= 0 {
            question.insert(vocabulary.wordTerms[Int(word)])
        }
        var frequencies: [Int32: Int] = [:]
        for word in sequence.summary + sequence.body where word >= 0 && vocabulary.wordTerms[Int(word)] >= 0 {
            frequencies[vocabulary.wordTerms[Int(word)], default: 0] += 1
        }
        let scorer = KnowledgeScorer(self)
        let distinctive = frequencies.filter { !question.contains($0.key) }
            .map { (term: $0.key, weight: Double($0.value) * scorer.idf(postings[Int($0.key)].count)) }
            .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
            .prefix(Self.relatedBodyTerms)
        let clauses = (question.sorted() + distinctive.map(\.term)).map {
            KnowledgeClause(alternatives: [.init(matcher: .term($0), weight: 1)])
        }
        return rank(clauses, visibility, limit: limit, offset: 0, excluding: slot).hits
    }
}
