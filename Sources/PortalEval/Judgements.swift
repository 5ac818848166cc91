import Foundation

/// The collection's judgements in memory and nDCG@10 computed exactly as the shared `trec_score.py` does
/// (binary gains, the ideal over all relevant documents, a query without results scoring 0).
///
/// Only the tuning grids use it, to score hundreds of settings without starting Python for each; every figure
/// the tool reports for a chosen setting comes from `trec_score.py` itself.
struct Judgements {
    private var relevant: [String: Set<String>] = [:]

    init(qrels path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw EvalError.missing(path) }
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count >= 2 else { continue }
            relevant[String(fields[0]), default: []].insert(String(fields[1]))
        }
    }

    /// The same judgements with every document id passed through `transform` (several documents may become one).
    func mapped(_ transform: (String) -> String) -> Judgements {
        var copy = self
        copy.relevant = relevant.mapValues { Set($0.map(transform)) }
        return copy
    }

    /// Mean nDCG@10 of `rankings` (query id → document ids, best first) over every judged query.
    func ndcg10(_ rankings: [String: [String]]) -> Double {
        var total = 0.0
        for (query, relevant) in relevant {
            let top = (rankings[query] ?? []).prefix(10)
            var dcg = 0.0
            for (i, doc) in top.enumerated() where relevant.contains(doc) { dcg += 1 / log2(Double(i + 2)) }
            var ideal = 0.0
            for i in 0..<min(10, relevant.count) { ideal += 1 / log2(Double(i + 2)) }
            total += dcg / ideal
        }
        return relevant.isEmpty ? 0 : total / Double(relevant.count)
    }
}
