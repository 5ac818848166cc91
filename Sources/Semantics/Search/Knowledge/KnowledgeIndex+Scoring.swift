extension KnowledgeIndex {
    /// Every document matching any clause, with its summed score; not yet filtered.
    func accumulate(_ clauses: [KnowledgeClause]) -> (scores: [Double], matched: [Int32]) {
        let scorer = KnowledgeScorer(self)
        var scores = [Double](repeating: 0, count: documents.count)
        var seen = [Bool](repeating: false, count: documents.count)
        var matched: [Int32] = []
        // A clause with several alternatives keeps each document's best alternative here first.
        var best = [Double](repeating: 0, count: clauses.contains { $0.alternatives.count > 1 } ? documents.count : 0)
        var touched: [Int32] = []
        for clause in clauses {
            let single = clause.alternatives.count == 1
            for alternative in clause.alternatives {
                let (list, idf, fieldIDF) = postings(for: alternative.matcher, scorer)
                let weight = alternative.weight * (single ? clause.weight : 1)
                for posting in list {
                    let slot = Int(posting.slot)
                    let s = weight * scorer.score(posting.counts, length: lengths[slot], idf: idf, fieldIDF: fieldIDF)
                    if single {
                        if !seen[slot] {
                            seen[slot] = true
                            matched.append(posting.slot)
                        }
                        scores[slot] += s
                    } else {
                        if best[slot] == 0 { touched.append(posting.slot) }
                        best[slot] = max(best[slot], s)
                    }
                }
            }
            for slot in touched {
                let s = Int(slot)
                if !seen[s] {
                    seen[s] = true
                    matched.append(slot)
                }
                scores[s] += clause.weight * best[s]
                best[s] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        return (scores, matched)
    }

    /// The postings of a term or a phrase, and the idf to score them with.
    func postings(for matcher: KnowledgeClause.Matcher, _ scorer: KnowledgeScorer)
        -> (list: [KnowledgePosting], idf: Double, fieldIDF: KnowledgeFieldValues<Double>)
    {
        switch matcher {
        case .term(let id):
            let list = postings[Int(id)]
            return (list, scorer.idf(list.count), fieldIDF(id, scorer))
        case .phrase(let elements):
            // A phrase weighs as much as its terms together, as in Lucene.
            var idf = 0.0
            var fields = KnowledgeFieldValues<Double>(all: 0)
            for case .term(let id) in elements {
                idf += scorer.idf(postings[Int(id)].count)
                let f = fieldIDF(id, scorer)
                for field in KnowledgeField.allCases { fields[field] += f[field] }
            }
            return (phrasePostings(elements), idf, fields)
        }
    }

    private func fieldIDF(_ term: Int32, _ scorer: KnowledgeScorer) -> KnowledgeFieldValues<Double> {
        let f = fieldFrequencies[Int(term)]
        return KnowledgeFieldValues(
            title: scorer.idf(Int(f.title)), phrasings: scorer.idf(Int(f.phrasings)),
            summary: scorer.idf(Int(f.summary)), body: scorer.idf(Int(f.body)))
    }

    /// Documents holding the phrase, with how often it occurs in each field.
    func phrasePostings(_ elements: [KnowledgeClause.PhraseElement]) -> [KnowledgePosting] {
        let terms = elements.compactMap { if case .term(let t) = $0 { t } else { nil } }
        guard let rarest = terms.min(by: { postings[Int($0)].count < postings[Int($1)].count }) else { return [] }
        var found: [KnowledgePosting] = []
        candidates: for posting in postings[Int(rarest)] {
            // Every term must be in the same field of the document for the phrase to be there.
            var fields = KnowledgeFieldValues<Bool>(title: true, phrasings: true, summary: true, body: true)
            for term in terms {
                let list = postings[Int(term)]
                let at = list.firstIndex(atOrAfter: posting.slot)
                guard at < list.count, list[at].slot == posting.slot else { continue candidates }
                for field in KnowledgeField.allCases where list[at].counts[field] == 0 { fields[field] = false }
            }
            var counts = KnowledgeFieldValues<UInt16>(all: 0)
            let sequence = sequences[Int(posting.slot)]
            for field in KnowledgeField.allCases where fields[field] {
                counts[field] = UInt16(clamping: occurrences(of: elements, in: sequence[field]))
            }
            if counts != KnowledgeFieldValues(all: 0) { found.append(KnowledgePosting(slot: posting.slot, counts: counts)) }
        }
        return found
    }

    /// How often the phrase occurs in a word sequence.
    func occurrences(of elements: [KnowledgeClause.PhraseElement], in words: [Int32]) -> Int {
        guard words.count >= elements.count else { return 0 }
        var n = 0
        for start in 0...(words.count - elements.count) where matches(elements, words, at: start) { n += 1 }
        return n
    }

    func matches(_ elements: [KnowledgeClause.PhraseElement], _ words: [Int32], at start: Int) -> Bool {
        for (offset, element) in elements.enumerated() {
            let word = words[start + offset]
            guard word >= 0 else { return false }
            switch element {
            case .term(let t): if vocabulary.wordTerms[Int(word)] != t { return false }
            case .word(let w): if word != w { return false }
            }
        }
        return true
    }
}
