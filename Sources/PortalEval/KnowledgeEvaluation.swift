import Foundation
import Semantics

/// `--engine knowledge`: the knowledge base's engine, ``KnowledgeIndex``, on the collection. Every pair is
/// indexed as an article (title = the question, body = the answer, no phrasings, audience `public`); the
/// encoder reads each article as passages (``KnowledgePassages``) and a document's semantic score is its
/// best passage's (``KnowledgeFusion``).
///
/// Systems, each on the clean and the one-typo queries: `kb_lexical` (the engine alone), `kb_dense` (the
/// passages alone), `kb_hybrid` (fused, the query encoded as typed) and `kb_hybrid_corrected` (fused, the
/// encoder reading the query with the engine's spelling corrections applied). `--grid` also prints the
/// tuning grids (`docs/search.md`).
struct KnowledgeEvaluation {
    /// Documents the keyword side hands to fusion.
    static let fusionDepth = 100
    /// Passages the vector side hands to fusion: more than documents, since a document may have several.
    static let passageDepth = 200
    static let viewer = KnowledgeFilter(audiences: ["public"])

    let options: EvalOptions

    static func document(_ doc: EvalCollection.Document) -> KnowledgeDocument {
        KnowledgeDocument(key: doc.id, title: doc.title, body: doc.body, facets: KnowledgeFacets(kind: "article", audience: "public"))
    }

    static func index(_ collection: EvalCollection, analyzer: LexicalAnalyzer = LexicalAnalyzer(stopWords: KnowledgeIndex.defaultStopWords),
                      ranking: KnowledgeRanking = KnowledgeRanking()) -> KnowledgeIndex {
        var index = KnowledgeIndex(analyzer: analyzer, ranking: ranking)
        for doc in collection.documents { index.upsert(document(doc)) }
        return index
    }

    func run() async throws {
        let collection = try EvalCollection(folder: options.collection)
        let outFolder = options.out ?? (options.collection as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: outFolder, withIntermediateDirectories: true)
        guard FileManager.default.fileExists(atPath: options.scorer) else { throw EvalError.missing(options.scorer) }
        let scorer = TrecScorer(script: options.scorer, qrels: collection.qrelsPath)

        var started = ContinuousClock.now
        let index = Self.index(collection)
        var line = EvalLine(metric: "stackfaq.knowledge.index")
        line.add("documents", .integer(index.count))
        line.add("terms", .integer(index.vocabularySize))
        line.add("seconds", .number(seconds(since: started), decimals: 3))
        line.emit()
        if options.grid == "lexical" || options.grid == "all" { try KnowledgeGrid(collection: collection).lexical() }

        // Passages through the encoder pool.
        let encoder = try SentenceEncoder(files: try ModelFiles(folder: options.model))
        let pool = EncoderPool(encoder: encoder)
        defer { pool.shutDown() }
        var passageTexts: [String] = [], passageDocs: [String] = []
        for doc in collection.documents {
            for passage in KnowledgePassages.split(title: doc.title, text: doc.body, tokenCount: { encoder.tokenizer.tokenize($0).count }) {
                passageTexts.append(passage)
                passageDocs.append(doc.id)
            }
        }
        started = ContinuousClock.now
        let passageVectors = try await pool.encode(passageTexts)
        var vectors = VectorIndex(dimension: encoder.dimension)
        for (n, vector) in passageVectors.enumerated() { vectors.upsert(String(n), vector: vector) }
        line = EvalLine(metric: "stackfaq.knowledge.passages")
        line.add("documents", .integer(collection.documents.count))
        line.add("passages", .integer(passageTexts.count))
        line.add("documents_split", .integer(Dictionary(grouping: passageDocs, by: { $0 }).values.filter { $0.count > 1 }.count))
        line.add("seconds", .number(seconds(since: started), decimals: 2))
        line.emit()

        var perSet: [KnowledgeQueryResults] = []
        for set in collection.querySets {
            var results = KnowledgeQueryResults(set: set.name)
            var latencies = Latencies()
            var corrected: [String] = []
            for query in set.queries {
                var found = KnowledgeResults()
                latencies.record { found = index.search(query.text, limit: Self.fusionDepth, filter: Self.viewer) }
                results.lexical.append(found.hits)
                corrected.append(found.didYouMean ?? query.text)
            }
            results.lexicalLatencies = latencies
            let typed = try await pool.encode(set.queries.map(\.text))
            let fixed = try await pool.encode(corrected)
            var denseLatencies = Latencies()
            for (typedVector, fixedVector) in zip(typed, fixed) {
                var nearest: [VectorIndex.Hit] = []
                denseLatencies.record { nearest = vectors.nearest(typedVector, k: Self.passageDepth) }
                results.passages.append(nearest.map { (key: passageDocs[Int($0.key)!], score: $0.score) })
                results.correctedPassages.append(vectors.nearest(fixedVector, k: Self.passageDepth).map { (key: passageDocs[Int($0.key)!], score: $0.score) })
            }
            results.denseLatencies = denseLatencies
            perSet.append(results)
        }
        if options.grid == "fusion" || options.grid == "all" { KnowledgeGrid(collection: collection).fusion(perSet) }

        for (set, results) in zip(collection.querySets, perSet) {
            var runs: [(name: String, reference: Double, note: String, run: TrecRun, latencies: Latencies?)] = []
            func add(_ name: String, _ reference: (Double, Double), _ note: String, _ rankings: [[KnowledgeHit]], _ latencies: Latencies? = nil) {
                var run = TrecRun(tag: name)
                for (query, ranking) in zip(set.queries, rankings) {
                    run.add(query: query.id, ranking: ranking.map { HybridRanker.Scored(key: $0.key, score: $0.score) })
                }
                runs.append((name, set.name == "typo" ? reference.1 : reference.0, note, run, latencies))
            }
            let w = KnowledgeFusion.semanticWeight
            add("kb_lexical", (0.785, 0.763), "Whoosh BM25F title boost 4 (clean, the best tuned engine); Xapian with spelling correction (typo)",
                results.lexical, results.lexicalLatencies)
            add("kb_dense", (0.9494, 0.9172), "all-MiniLM-L6-v2 alone, title + body cut at 256 tokens, cosine top 10",
                results.passages.map { KnowledgeFusion.fuse(lexical: [], passages: $0, semanticWeight: 1, limit: TrecRun.depth) },
                results.denseLatencies)
            add("kb_hybrid", (0.9538, 0.9253), "the portal's hybrid before: LexicalIndex BM25F + encoder, weighted 0.9",
                zip(results.lexical, results.passages).map { KnowledgeFusion.fuse(lexical: $0, passages: $1, semanticWeight: w, limit: TrecRun.depth) })
            add("kb_hybrid_corrected", (0.9538, 0.9253), "the portal's hybrid before: LexicalIndex BM25F + encoder, weighted 0.9",
                zip(results.lexical, results.correctedPassages).map { KnowledgeFusion.fuse(lexical: $0, passages: $1, semanticWeight: w, limit: TrecRun.depth) })
            for entry in runs {
                let path = "\(outFolder)/\(entry.name).\(set.name).run"
                try entry.run.write(to: path)
                let scores = try scorer.score(run: path)
                var line = EvalLine(metric: "stackfaq.\(entry.name).\(set.name)")
                for (name, value) in scores.measures { line.add(name, .number(value, decimals: 4)) }
                line.add("queries", .integer(scores.queries))
                line.add("reference", .number(entry.reference, decimals: 4))
                line.add("delta", .number((scores.value("ndcg10") ?? .nan) - entry.reference, decimals: 4))
                if let latencies = entry.latencies { line.add(latencies, prefix: "search_") }
                line.add("run", .text(path))
                line.add("reference_setting", .text(entry.note))
                line.emit()
            }
        }
    }
}

/// One query set's rankings from each side, kept for fusion and its grid.
struct KnowledgeQueryResults {
    let set: String
    var lexical: [[KnowledgeHit]] = []
    var passages: [[(key: String, score: Float)]] = []
    var correctedPassages: [[(key: String, score: Float)]] = []
    var lexicalLatencies = Latencies()
    var denseLatencies = Latencies()
}
