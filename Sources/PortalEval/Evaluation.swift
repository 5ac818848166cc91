import Foundation
import Semantics

/// Indexes the collection lexically and densely, runs every query set through every ``EvalSystem``, then
/// writes, scores and reports each run.
struct Evaluation {
    /// How many results each side hands to fusion: deeper than the 10 scored, so a document ranked 11th
    /// by one side can still be lifted by the other.
    static let fusionDepth = 100

    let options: EvalOptions

    func run() async throws {
        let collection = try EvalCollection(folder: options.collection)
        let outFolder = options.out ?? (options.collection as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: outFolder, withIntermediateDirectories: true)
        let scorer = TrecScorer(script: options.scorer, qrels: collection.qrelsPath)
        guard FileManager.default.fileExists(atPath: options.scorer) else { throw EvalError.missing(options.scorer) }

        // Lexical: the product's setting (title weighted over the body, spelling corrected) and the README's one-field baseline.
        var started = ContinuousClock.now
        var bm25 = LexicalIndex(parameters: .init(titleWeight: options.titleWeight))
        var oneField = LexicalIndex(parameters: .init(titleWeight: 1, correctsSpelling: false))
        for doc in collection.documents {
            bm25.upsert(doc.id, title: doc.title, body: doc.body)
            oneField.upsert(doc.id, title: "", body: doc.title + "\n" + doc.body)
        }
        note("lexical: \(collection.documents.count) documents, \(bm25.vocabularySize) terms in \(String(format: "%.2f", seconds(since: started))) s")

        // Dense: every document and query through the encoder pool.
        let encoder = try SentenceEncoder(files: try ModelFiles(folder: options.model))
        let pool = EncoderPool(encoder: encoder)
        defer { pool.shutDown() }
        started = ContinuousClock.now
        let docVectors = try await pool.encode(collection.documents.map { $0.title + "\n" + $0.body })
        let docSeconds = seconds(since: started)
        var vectors = VectorIndex(dimension: encoder.dimension)
        for (doc, vector) in zip(collection.documents, docVectors) { vectors.upsert(doc.id, vector: vector) }
        started = ContinuousClock.now
        var queryVectors: [[[Float]]] = []
        for set in collection.querySets { queryVectors.append(try await pool.encode(set.queries.map(\.text))) }
        let querySeconds = seconds(since: started)
        let queryCount = collection.querySets.map(\.queries.count).reduce(0, +)
        var line = EvalLine(metric: "stackfaq.encode")
        line.add("documents", .integer(collection.documents.count))
        line.add("documents_per_s", .number(Double(collection.documents.count) / docSeconds, decimals: 1))
        line.add("queries", .integer(queryCount))
        line.add("queries_per_s", .number(Double(queryCount) / querySeconds, decimals: 1))
        line.add("seconds", .number(docSeconds + querySeconds, decimals: 2))
        line.add("workers", .integer(pool.workerCount))
        line.emit()

        for (set, setVectors) in zip(collection.querySets, queryVectors) {
            var runs = Dictionary(uniqueKeysWithValues: EvalSystem.all.map { ($0.name, TrecRun(tag: $0.name)) })
            var searchSeconds: [String: Double] = [:]
            for (query, vector) in zip(set.queries, setVectors) {
                var clock = ContinuousClock.now
                let lexical = bm25.search(query.text, limit: Self.fusionDepth).map { HybridRanker.Scored(key: $0.key, score: $0.score) }
                let lexicalSeconds = seconds(since: clock)
                searchSeconds["bm25", default: 0] += lexicalSeconds
                clock = ContinuousClock.now
                let single = oneField.search(query.text, limit: TrecRun.depth).map { HybridRanker.Scored(key: $0.key, score: $0.score) }
                searchSeconds["bm25_one_field", default: 0] += seconds(since: clock)
                clock = ContinuousClock.now
                let dense = vectors.nearest(vector, k: Self.fusionDepth).map { HybridRanker.Scored(key: $0.key, score: Double($0.score)) }
                let denseSeconds = seconds(since: clock)
                searchSeconds["dense", default: 0] += denseSeconds
                // A hybrid search costs both sides plus the fusion.
                clock = ContinuousClock.now
                let weighted = HybridRanker.fuse(lexical: lexical, semantic: dense, method: .weighted(semantic: 0.9), limit: TrecRun.depth)
                searchSeconds["hybrid_weighted", default: 0] += lexicalSeconds + denseSeconds + seconds(since: clock)
                clock = ContinuousClock.now
                let rrf = HybridRanker.fuse(lexical: lexical, semantic: dense, method: .reciprocalRank(k: 60), limit: TrecRun.depth)
                searchSeconds["hybrid_rrf", default: 0] += lexicalSeconds + denseSeconds + seconds(since: clock)
                runs["bm25"]!.add(query: query.id, ranking: lexical)
                runs["bm25_one_field"]!.add(query: query.id, ranking: single)
                runs["dense"]!.add(query: query.id, ranking: dense)
                runs["hybrid_weighted"]!.add(query: query.id, ranking: weighted)
                runs["hybrid_rrf"]!.add(query: query.id, ranking: rrf)
            }
            for system in EvalSystem.all {
                let path = "\(outFolder)/\(system.name).\(set.name).run"
                try runs[system.name]!.write(to: path)
                let scores = try scorer.score(run: path)
                var line = EvalLine(metric: "stackfaq.\(system.name).\(set.name)")
                for (name, value) in scores.measures { line.add(name, .number(value, decimals: 4)) }
                line.add("queries", .integer(scores.queries))
                let reference = system.reference(for: set.name)
                line.add("reference", .number(reference, decimals: 4))
                line.add("delta", .number((scores.value("ndcg10") ?? .nan) - reference, decimals: 4))
                line.add("search_ms_per_query", .number((searchSeconds[system.name] ?? 0) * 1000 / Double(set.queries.count), decimals: 3))
                line.add("run", .text(path))
                line.add("reference_setting", .text(system.referenceNote))
                line.emit()
            }
        }
    }
}
