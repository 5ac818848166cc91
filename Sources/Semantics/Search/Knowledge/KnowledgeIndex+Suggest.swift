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
        var keys: [KnowledgeClause.PhraseElement?] = []
        var required: [Int32] = []
        for word in typed {
            guard let term = analyzer.term(for: word.text) else {
                keys.append(vocabulary.wordID(word.text).map { .word($0) })
                continue
            }
            var id = vocabulary.termID(term).flatMap { isVisible(term: $0, visibility) ? $0 : nil }
            if id == nil, let fix = spelling.correction(for: word.text, words: vocabulary.words, documents: { visibleDocuments(word: $0, visibility) }) {
                id = vocabulary.wordTerms[Int(fix)]
            }
            guard let id else { return [] }
            keys.append(.term(id))
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
            guard let rank = matchTier(words, keys: keys, required: required, prefixed: partial == nil ? nil : prefixed) else { continue }
            let length = words.count
            if let current = best[candidate.slot],
               (current.rank, -current.words, -current.line.line) >= (rank, -length, -candidate.line) { continue }
            best[candidate.slot] = (candidate, rank, length)
        }
        let ordered = best.values.sorted { a, b in
            if a.rank != b.rank { return a.rank > b.rank }
            let pa = popularity[documents[Int(a.line.slot)]!.key] ?? 0, pb = popularity[documents[Int(b.line.slot)]!.key] ?? 0
            if pa != pb { return pa > pb }
            if a.words != b.words { return a.words < b.words }
            return documents[Int(a.line.slot)]!.key < documents[Int(b.line.slot)]!.key
        }
        return ordered.prefix(limit).map { item in
            let document = documents[Int(item.line.slot)]!
            let line = Int(item.line.line)
            return KnowledgeSuggestion(key: document.key, text: line == 0 ? document.title : document.phrasings[line - 1], isPhrasing: line > 0)
        }
    }

    /// How many questions hold a word of `term` (to start from the rarest).
    private func questionCount(term: Int32) -> Int {
        vocabulary.termWords[Int(term)].reduce(0) { $0 + questionLines[Int($1)].count }
    }

    /// The word ids of a title or phrasing.
    private func lineWords(_ line: KnowledgeLine) -> ArraySlice<Int32> {
        KnowledgeLine.lines(of: sequences[Int(line.slot)])[Int(line.line)].words
    }

    /// 3 when the question starts with the typed words, 2 when it holds the required terms in order (the
    /// prefix after them), 1 when it holds them anywhere; nil when something required is missing.
    private func matchTier(_ words: ArraySlice<Int32>, keys: [KnowledgeClause.PhraseElement?], required: [Int32], prefixed: [Bool]?) -> Int? {
        let terms = words.map { vocabulary.wordTerms[Int($0)] }
        guard required.allSatisfy(terms.contains) else { return nil }
        if let prefixed, !words.contains(where: { prefixed[Int($0)] }) { return nil }
        // Starts with: every typed word in place (a stop word by itself), then the prefix.
        let start = words.startIndex
        var startsWith = words.count >= keys.count + (prefixed == nil ? 0 : 1)
        if startsWith {
            for (i, key) in keys.enumerated() {
                let word = words[start + i]
                switch key {
                case .term(let t)?: if terms[i] != t { startsWith = false }
                case .word(let w)?: if word != w { startsWith = false }
                case nil: startsWith = false
                }
                if !startsWith { break }
            }
            if startsWith, let prefixed, !prefixed[Int(words[start + keys.count])] { startsWith = false }
        }
        if startsWith { return 3 }
        // In order: each required term after the previous one, the prefix after the last.
        var position = 0
        for term in required {
            guard let found = terms[position...].firstIndex(of: term) else { return 1 }
            position = found + 1
        }
        if let prefixed, !words.dropFirst(position).contains(where: { prefixed[Int($0)] }) { return 1 }
        return 2
    }
}
