extension KnowledgeIndex {
    /// The passage of `key`'s body (or summary) that best shows why it matched `query`: the window of at most
    /// `maxLength` characters with the most distinct query terms, then the most matches, cut at words, with
    /// `…` where text was left out and the matching words highlighted. Words match by stem, and through the
    /// query's corrections, synonyms and prefixes, as the search did.
    ///
    /// Empty when the document is missing or `filter`'s audiences may not read it.
    public func snippet(for key: String, query: String, maxLength: Int = 200, filter: KnowledgeFilter) -> [KnowledgeSnippetPart] {
        guard maxLength > 0 else { return [] }
        let visibility = visibility(filter)
        guard let slot = slots[key], isReadable(slot, visibility), let document = documents[Int(slot)] else { return [] }
        let terms = resolve(query, visibility).terms
        let candidates = [document.body, document.summary].filter { !$0.isEmpty }
        guard !candidates.isEmpty else { return [] }
        let windows = candidates.map { KnowledgeSnippet(text: $0, term: matchingTerm(terms), maxLength: maxLength) }
        // The body unless the summary shows more of the query.
        let best = windows.dropFirst().reduce(windows[0]) { $1.quality > $0.quality ? $1 : $0 }
        return best.parts
    }

    /// `key`'s title with the words matching `query` highlighted (empty when missing or not readable).
    public func highlightedTitle(for key: String, query: String, filter: KnowledgeFilter) -> [KnowledgeSnippetPart] {
        let visibility = visibility(filter)
        guard let slot = slots[key], isReadable(slot, visibility), let document = documents[Int(slot)] else { return [] }
        let terms = resolve(query, visibility).terms
        return KnowledgeSnippet(text: document.title, term: matchingTerm(terms), maxLength: Int.max).parts
    }

    /// The one of `terms` a word of a stored text matches, if any.
    private func matchingTerm(_ terms: Set<Int32>) -> (String) -> Int32? {
        { word in
            guard let id = vocabulary.wordID(word) else { return nil }
            let term = vocabulary.wordTerms[Int(id)]
            return term >= 0 && terms.contains(term) ? term : nil
        }
    }
}
