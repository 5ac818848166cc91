/// A query after spelling correction, synonym expansion and prefix expansion: the clauses to score and
/// what changed on the way.
struct KnowledgeResolvedQuery {
    var clauses: [KnowledgeClause] = []
    /// Typed word (lower case) → the indexed word searched instead.
    var corrections: [String: String] = [:]
    /// The query as typed with the corrected words in place, when there was a correction.
    var didYouMean: String?
    /// Every term the query can match: typed, corrected, from synonyms and prefixes (for highlighting).
    var terms: Set<Int32> = []

    /// Adds a clause, or adds its weight to an equal one (a repeated word).
    mutating func add(_ clause: KnowledgeClause) {
        guard !clause.alternatives.isEmpty else { return }
        terms.formUnion(clause.terms)
        if let same = clauses.firstIndex(where: { $0.alternatives == clause.alternatives }) {
            clauses[same].weight += clause.weight
        } else {
            clauses.append(clause)
        }
    }
}

extension KnowledgeIndex {
    /// Resolves `text` for a viewer: corrections look only at words of documents the viewer may read.
    func resolve(_ text: String, _ visibility: KnowledgeVisibility) -> KnowledgeResolvedQuery {
        let query = KnowledgeQuery(text)
        var resolved = KnowledgeResolvedQuery()
        var replacements: [(range: Range<String.Index>, with: String)] = []
        /// The word searched for a typed word: itself, unless its term is unknown to the viewer and a
        /// correction exists.
        func corrected(_ word: KnowledgeWords.Word) -> String {
            guard let term = analyzer.term(for: word.text) else { return word.text }
            if let id = vocabulary.termID(term), isVisible(term: id, visibility) { return word.text }
            guard let fix = spelling.correction(for: word.text, words: vocabulary.words, documents: { visibleDocuments(word: $0, visibility) })
            else { return word.text }
            let fixed = vocabulary.words[Int(fix)]
            resolved.corrections[word.text] = fixed
            replacements.append((word.range, fixed))
            return fixed
        }
        var run: [String] = []
        func flush() {
            resolveWords(run, into: &resolved)
            run = []
        }
        for part in query.parts {
            switch part {
            case .word(let word):
                run.append(corrected(word))
            case .phrase(let words):
                flush()
                if let clause = phraseClause(words.map(corrected)) { resolved.add(clause) }
            case .prefix(let word):
                flush()
                resolved.add(prefixClause(word.text, visibility))
            }
        }
        flush()
        if !replacements.isEmpty { resolved.didYouMean = query.replacing(replacements) }
        return resolved
    }

    /// Plain words in a row: synonym entries (the longest first), else one clause per word that is not a stop word.
    private func resolveWords(_ words: [String], into resolved: inout KnowledgeResolvedQuery) {
        let keys = words.map { KnowledgeSynonyms.key($0, analyzer) }
        var i = 0
        while i < words.count {
            if let entry = synonyms.match(keys[i...], analyzer: analyzer) {
                let group = synonyms.groups[entry.group]
                // A phrase scores with the idf of all its terms; divided by their number, an entry of several
                // words weighs like one word, so "money back" does not outweigh the "refund" that was typed.
                let alternatives = group.indices.compactMap { e -> KnowledgeClause.Alternative? in
                    matcher(for: group[e]).map { matcher in
                        .init(matcher: matcher, weight: (e == entry.entry ? 1 : ranking.synonymWeight) / Double(matcher.termCount))
                    }
                }
                resolved.add(KnowledgeClause(alternatives: alternatives))
                i += group[entry.entry].count
                continue
            }
            if let term = analyzer.term(for: words[i]), let id = vocabulary.termID(term) {
                resolved.add(KnowledgeClause(alternatives: [.init(matcher: .term(id), weight: 1)]))
            }
            i += 1
        }
    }

    /// A quoted phrase; one word alone is that word's term.
    private func phraseClause(_ words: [String]) -> KnowledgeClause? {
        matcher(for: words).map { KnowledgeClause(alternatives: [.init(matcher: $0, weight: 1)]) }
    }

    /// How words are found: one word by its term, several as a phrase; nil when some word is not indexed
    /// (nothing can match) or every word is a stop word (nothing to look up).
    func matcher(for words: [String]) -> KnowledgeClause.Matcher? {
        var elements: [KnowledgeClause.PhraseElement] = []
        for word in words {
            if let term = analyzer.term(for: word) {
                guard let id = vocabulary.termID(term) else { return nil }
                elements.append(.term(id))
            } else {
                guard let id = vocabulary.wordID(word) else { return nil }
                elements.append(.word(id))
            }
        }
        guard elements.contains(where: { if case .term = $0 { true } else { false } }) else { return nil }
        if elements.count == 1, case .term(let id) = elements[0] { return .term(id) }
        return .phrase(elements)
    }

    /// `prefix*`: the terms of the indexed words the viewer may read that begin with `prefix`, those in most
    /// documents first, at most ``KnowledgeRanking/prefixExpansions`` of them.
    private func prefixClause(_ prefix: String, _ visibility: KnowledgeVisibility) -> KnowledgeClause {
        var terms: Set<Int32> = []
        for word in vocabulary.words(withPrefix: prefix) {
            let term = vocabulary.wordTerms[Int(word)]
            if term >= 0, visibleDocuments(word: word, visibility) > 0 { terms.insert(term) }
        }
        let chosen = terms.sorted { postings[Int($0)].count != postings[Int($1)].count ? postings[Int($0)].count > postings[Int($1)].count : $0 < $1 }
            .prefix(max(0, ranking.prefixExpansions))
        return KnowledgeClause(alternatives: chosen.map { .init(matcher: .term($0), weight: 1) })
    }
}
