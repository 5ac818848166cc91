import Foundation
import Semantics

/// The tuning grids behind ``KnowledgeRanking``'s and ``KnowledgeFusion``'s defaults, printed as one JSON line
/// per setting (`stackfaq.knowledge.grid.lexical`, `stackfaq.knowledge.grid.fusion`) with nDCG@10 on the clean
/// and the one-typo queries, scored in process (``Judgements``).
///
/// Only settings that mean the same on another knowledge base are searched: the BM25 formulation, k1, the
/// title's weight and length normalisation, the stop list, the fusion weight. Nothing is chosen per query or
/// per document.
///
/// StackFAQ's answers are short (70 words on average), where a knowledge base's articles run to hundreds of
/// words. So the leading settings are also tried on the same collection with each thread as one article
/// (the question as title, all its answers as body, about 400 words; `grid.threads`), where a query's
/// relevant article is its thread's.
struct KnowledgeGrid {
    let collection: EvalCollection

    static let formulations: [(name: String, value: KnowledgeRanking.Formulation)] = [
        ("bm25f", .bm25f), ("field_sum", .fieldSum(perFieldIDF: false)), ("field_sum_field_idf", .fieldSum(perFieldIDF: true)),
    ]
    static let stopLists: [(name: String, words: Set<String>)] = [
        ("none", []), ("lucene33", KnowledgeStopWords.lucene), ("questions88", KnowledgeStopWords.questions), ("nltk179", KnowledgeStopWords.long),
    ]

    /// nDCG@10 of `index` on both query sets.
    func score(_ index: KnowledgeIndex, _ judgements: Judgements) -> (clean: Double, typo: Double) {
        var figures: [Double] = []
        for set in collection.querySets {
            var rankings: [String: [String]] = [:]
            for query in set.queries {
                rankings[query.id] = index.search(query.text, limit: TrecRun.depth, filter: KnowledgeEvaluation.viewer).hits.map(\.key)
            }
            figures.append(judgements.ndcg10(rankings))
        }
        return (figures[0], figures[1])
    }

    func lexical() throws {
        let judgements = try Judgements(qrels: collection.qrelsPath)
        var index = KnowledgeEvaluation.index(collection, analyzer: LexicalAnalyzer(stopWords: KnowledgeStopWords.lucene))
        var best: [String: (setting: KnowledgeRanking, mean: Double)] = [:]
        // Each formulation's best with k1 in its usual range (up to 2).
        var bestUsual: [String: (setting: KnowledgeRanking, mean: Double)] = [:]
        for (name, formulation) in Self.formulations {
            for titleWeight in [1.0, 2, 3, 4, 5, 6, 8, 10] {
                for k1 in [0.9, 1.2, 1.6, 2.0, 2.5, 3.5, 5.0, 7.0, 10.0] {
                    for bTitle in [0.3, 0.6, 0.9, 1.0] {
                        for bBody in [0.5, 0.75, 0.9, 1.0] {
                            var ranking = KnowledgeRanking(formulation: formulation, k1: k1)
                            ranking.weights.title = titleWeight
                            ranking.b.title = bTitle
                            ranking.b.body = bBody
                            index.ranking = ranking
                            let figures = score(index, judgements)
                            emit("lexical", name, "lucene33", ranking, figures)
                            let mean = (figures.clean + figures.typo) / 2
                            if mean > best[name]?.mean ?? -1 { best[name] = (ranking, mean) }
                            if k1 <= 2, mean > bestUsual[name]?.mean ?? -1 { bestUsual[name] = (ranking, mean) }
                        }
                    }
                }
            }
        }
        // Each formulation's best setting with every stop list.
        for (list, words) in Self.stopLists {
            var index = KnowledgeEvaluation.index(collection, analyzer: LexicalAnalyzer(stopWords: words))
            for (name, _) in Self.formulations {
                guard let ranking = best[name]?.setting else { continue }
                index.ranking = ranking
                emit("stop_list", name, list, ranking, score(index, judgements))
            }
        }
        // The leading settings, and the default, on whole threads as articles.
        let threadOf = { (id: String) -> String in String(id.prefix { $0 != "a" }) }
        var threads: [String: (title: String, answers: [String])] = [:]
        for doc in collection.documents { threads[threadOf(doc.id), default: (doc.title, [])].answers.append(doc.body) }
        var articles = KnowledgeIndex(analyzer: LexicalAnalyzer(stopWords: KnowledgeStopWords.lucene))
        for (id, thread) in threads {
            articles.upsert(KnowledgeDocument(key: id, title: thread.title, body: thread.answers.joined(separator: "\n\n"),
                                              facets: KnowledgeFacets(kind: "article", audience: "public")))
        }
        let threadJudgements = judgements.mapped(threadOf)
        var candidates: [(String, KnowledgeRanking)] = [("field_sum (default)", KnowledgeRanking())]
        for (name, _) in Self.formulations {
            if let b = best[name] { candidates.append((name, b.setting)) }
            if let b = bestUsual[name] { candidates.append((name, b.setting)) }
        }
        for (name, ranking) in candidates {
            articles.ranking = ranking
            emit("threads", name, "lucene33", ranking, score(articles, threadJudgements))
        }
    }

    func fusion(_ perSet: [KnowledgeQueryResults]) {
        guard let judgements = try? Judgements(qrels: collection.qrelsPath) else { return }
        for corrected in [false, true] {
            for share in [0.0, 0.1, 0.2, 0.3] {
                for weight in [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0] {
                    var figures: [Double] = []
                    for (set, results) in zip(collection.querySets, perSet) {
                        var rankings: [String: [String]] = [:]
                        for (n, query) in set.queries.enumerated() {
                            let passages = corrected ? results.correctedPassages[n] : results.passages[n]
                            rankings[query.id] = KnowledgeFusion.fuse(
                                lexical: results.lexical[n], passages: passages, semanticWeight: weight, limit: TrecRun.depth,
                                secondPassageShare: share
                            ).map(\.key)
                        }
                        figures.append(judgements.ndcg10(rankings))
                    }
                    var line = EvalLine(metric: "stackfaq.knowledge.grid.fusion")
                    line.add("semantic_weight", .number(weight, decimals: 2))
                    line.add("second_passage_share", .number(share, decimals: 2))
                    line.add("query_for_encoder", .text(corrected ? "corrected" : "typed"))
                    line.add("clean", .number(figures[0], decimals: 4))
                    line.add("typo", .number(figures[1], decimals: 4))
                    line.emit()
                }
            }
        }
    }

    private func emit(_ grid: String, _ formulation: String, _ stopList: String, _ ranking: KnowledgeRanking, _ figures: (clean: Double, typo: Double)) {
        var line = EvalLine(metric: "stackfaq.knowledge.grid.\(grid)")
        line.add("formulation", .text(formulation))
        line.add("stop_list", .text(stopList))
        line.add("title_weight", .number(ranking.weights.title, decimals: 1))
        line.add("k1", .number(ranking.k1, decimals: 2))
        line.add("b_title", .number(ranking.b.title, decimals: 2))
        line.add("b_body", .number(ranking.b.body, decimals: 2))
        line.add("clean", .number(figures.clean, decimals: 4))
        line.add("typo", .number(figures.typo, decimals: 4))
        line.emit()
    }
}
