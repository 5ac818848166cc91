import Foundation

/// The BM25 arithmetic of one query against the index as it is now: document count, average field lengths
/// and the ranking's constants, gathered once so scoring a posting is a few multiplications.
struct KnowledgeScorer {
    let ranking: KnowledgeRanking
    let documentCount: Double
    /// Average length of each field over the documents that have it (as Lucene averages), at least 1.
    let averages: KnowledgeFieldValues<Double>

    init(_ index: KnowledgeIndex) {
        ranking = index.ranking
        documentCount = Double(index.count)
        var averages = KnowledgeFieldValues<Double>(all: 1)
        for field in KnowledgeField.allCases where index.fieldDocuments[field] > 0 {
            averages[field] = max(1, Double(index.fieldTotals[field]) / Double(index.fieldDocuments[field]))
        }
        self.averages = averages
    }

    /// Inverse document frequency, Lucene's form (never negative).
    func idf(_ documentFrequency: Int) -> Double {
        log(1 + (documentCount - Double(documentFrequency) + 0.5) / (Double(documentFrequency) + 0.5))
    }

    /// The score of one posting.
    /// - Parameters:
    ///   - idf: the term's (or phrase's) inverse document frequency over all fields.
    ///   - fieldIDF: the same per field, used by ``KnowledgeRanking/Formulation/fieldSum(perFieldIDF:)`` when asked.
    @inline(__always)
    func score(_ counts: KnowledgeFieldValues<UInt16>, length: KnowledgeFieldValues<Int32>, idf: Double, fieldIDF: KnowledgeFieldValues<Double>) -> Double {
        let k1 = ranking.k1, b = ranking.b, w = ranking.weights
        @inline(__always) func norm(_ field: KnowledgeField, _ len: Int32) -> Double {
            1 - b[field] + b[field] * Double(len) / averages[field]
        }
        switch ranking.formulation {
        case .bm25f:
            var tf = 0.0
            if counts.title > 0 { tf += w.title * Double(counts.title) / norm(.title, length.title) }
            if counts.phrasings > 0 { tf += w.phrasings * Double(counts.phrasings) / norm(.phrasings, length.phrasings) }
            if counts.summary > 0 { tf += w.summary * Double(counts.summary) / norm(.summary, length.summary) }
            if counts.body > 0 { tf += w.body * Double(counts.body) / norm(.body, length.body) }
            return idf * tf * (k1 + 1) / (tf + k1)
        case .fieldSum(let perFieldIDF):
            @inline(__always) func part(_ field: KnowledgeField, _ count: UInt16, _ len: Int32) -> Double {
                guard count > 0 else { return 0 }
                let tf = Double(count)
                return w[field] * (perFieldIDF ? fieldIDF[field] : idf) * tf * (k1 + 1) / (tf + k1 * norm(field, len))
            }
            return part(.title, counts.title, length.title) + part(.phrasings, counts.phrasings, length.phrasings)
                + part(.summary, counts.summary, length.summary) + part(.body, counts.body, length.body)
        }
    }
}
