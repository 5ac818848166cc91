extension KnowledgeIndex {
    /// Titles and phrasings completing `input` as the user types it, at most one per document.
    ///
    /// Every complete word of the input must be in the question (by stem; an unknown word is corrected
    /// first; stop words may be missing), and when the input does not end in a space or punctuation its last
    /// word is a prefix some word of the question must begin with. Ranked by how well the question matches —
    /// it starts with what was typed; it holds the typed words in that order; it holds them anywhere — then
    /// by popularity (``setPopularity(_:_:)``), then shorter questions first, then by key.
    public func suggest(_ input: String, limit: Int, filter: KnowledgeFilter) -> [KnowledgeSuggestion] {
        guard limit > 0 else { return [] }
        let visibility = visibility(filter)
        var typed = KnowledgeWords.scan(input)
        guard let last = typed.last else { return [] }
        let partial: String? = last.range.upperBound == input.endIndex ? typed.removeLast().text : nil

        // Complete words: a term each (required) or a stop word (optional, but counts for "starts with").
        var typedKeys: [KnowledgeClause.PhraseElement?] = []
        var required: [Int32] = []
        for word in typed {
            guard let term = analyzer.term(for: word.text) else {
                typedKeys.append(vocabulary.wordID(word.text).map { .word($0) })
                continue
            }
            var id = vocabulary.termID(term).flatMap { isVisible(term: $0, visibility) ? $0 : nil }
            if id == nil, let fix = spelling.correction(for: word.text, words: vocabulary.words, documents: { visibleDocuments(word: $0, visibility) }) {
                id = vocabulary.wordTerms[Int(fix)]
            }
            guard let id else { return [] }
            typedKeys.append(.term(id))
            required.append(id)
        }
        var prefixed: [Bool] = []
        var prefixWords: [Int32] = []
        if let partial {
            prefixWords = vocabulary.words(withPrefix: partial)
            guard !prefixWords.isEmpty else { return [] }
            prefixed = [Bool](repeating: false, count: vocabulary.wordCount)
            for word in prefixWords { prefixed[Int(word)] = true }
        }
        guard !required.isEmpty || partial != nil else { return [] }

        // Candidate questions: those holding the rarest required term, else any word with the prefix.
        var candidates: [KnowledgeLine] = []
        if let rarest = required.min(by: { questionCount(term: $0) < questionCount(term: $1) }) {
            for word in vocabulary.termWords[Int(rarest)] { candidates += questionLines[Int(word)] }
        } else {
            for word in prefixWords { candidates += questionLines[Int(word)] }
        }

        var best: [Int32: (line: KnowledgeLine, rank: Int, words: Int)] = [:]
        var seen: Set<Int64> = []
        for candidate in candidates where seen.insert(Int64(candidate.slot) << 32 | Int64(candidate.line)).inserted {
            guard admits(candidate.slot, visibility) else { continue }
            let words = lineWords(candidate)
            guard let rank = matchTier(words, keys: typedKeys, required: required, prefixed: partial == nil ? nil : prefixed) else { continue }
            if let current = best[candidate.slot],
               (current.rank, -current.words, -current.line.line) >= (rank, -words.count, -candidate.line) { continue }
            best[candidate.slot] = (candidate, rank, words.count)
        }
        let ranked = best.values.map { (item: $0, key: keys[Int($0.line.slot)], popularity: popularity[keys[Int($0.line.slot)]] ?? 0) }
        let ordered = ranked.sorted { a, b in
            if a.item.rank != b.item.rank { return a.item.rank > b.item.rank }
            if a.popularity != b.popularity { return a.popularity > b.popularity }
            if a.item.words != b.item.words { return a.item.words < b.item.words }
            return a.key < b.key
        }
        return ordered.prefix(limit).map { entry in
            let document = documents[Int(entry.item.line.slot)]!
            let line = Int(entry.item.line.line)
            return KnowledgeSuggestion(key: entry.key, text: line == 0 ? document.title : document.phrasings[line - 1], isPhrasing: line > 0)
        }
    }

    /// How many questions hold a word of `term` (to start from the rarest).
    private func questionCount(term: Int32) -> Int {
        vocabulary.termWords[Int(term)].reduce(0) { $0 + questionLines[Int($1)].count }
    }

    /// The word ids of a title or phrasing.
    private func lineWords(_ line: KnowledgeLine) -> ArraySlice<Int32> {
        let sequence = sequences[Int(line.slot)]
        guard line.line > 0 else { return sequence.title[...] }
        // The phrasing after the (line − 1)th separator.
        var start = sequence.phrasings.startIndex, separators: Int32 = 0
        while separators < line.line - 1, let next = sequence.phrasings[start...].firstIndex(of: KnowledgeIndex.separator) {
            start = next + 1
            separators += 1
        }
        let end = sequence.phrasings[start...].firstIndex(of: KnowledgeIndex.separator) ?? sequence.phrasings.endIndex
        return sequence.phrasings[start..<end]
    }

    /// 3 when the question starts with the typed words, 2 when it holds the required terms in order (the
    /// prefix after them), 1 when it holds them anywhere; nil when something required is missing.
    private func matchTier(_ words: ArraySlice<Int32>, keys: [KnowledgeClause.PhraseElement?], required: [Int32], prefixed: [Bool]?) -> Int? {
        let wordTerms = vocabulary.wordTerms
        func term(_ i: Int) -> Int32 { wordTerms[Int(words[i])] }
        for t in required where !words.indices.contains(where: { term($0) == t }) { return nil }
        if let prefixed, !words.contains(where: { prefixed[Int($0)] }) { return nil }
        // Starts with: every typed word in place (a stop word by itself), then the prefix.
        let start = words.startIndex
        var startsWith = words.count >= keys.count + (prefixed == nil ? 0 : 1)
        if startsWith {
            for (i, key) in keys.enumerated() {
                switch key {
                case .term(let t)?: startsWith = term(start + i) == t
                case .word(let w)?: startsWith = words[start + i] == w
                case nil: startsWith = false
                }
                if !startsWith { break }
            }
            if startsWith, let prefixed, !prefixed[Int(words[start + keys.count])] { startsWith = false }
        }
        if startsWith { return 3 }
        // In order: each required term after the previous one, the prefix after the last.
        var position = start
        for t in required {
            guard let found = words.indices[position...].first(where: { term($0) == t }) else { return 1 }
            position = found + 1
        }
        if let prefixed, !words[position...].contains(where: { prefixed[Int($0)] }) { return 1 }
        return 2
    }
}
