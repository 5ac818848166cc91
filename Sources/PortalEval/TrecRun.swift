import Foundation
import Semantics

/// A ranked run in TREC format, `query_id Q0 doc_id rank score tag`, top 10 a query.
struct TrecRun {
    static let depth = 10

    let tag: String
    private(set) var lines: [String] = []

    init(tag: String) { self.tag = tag }

    mutating func add(query: String, ranking: [HybridRanker.Scored]) {
        for (rank, hit) in ranking.prefix(Self.depth).enumerated() {
            lines.append("\(query) Q0 \(hit.key) \(rank + 1) \(String(format: "%.6f", hit.score)) \(tag)")
        }
    }

    func write(to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Runs the shared `trec_score.py --json` on a run and collects its measures (nDCG@10, R@10, MRR@10, P@5).
struct TrecScorer {
    let script: String
    let qrels: String

    struct Scores {
        var measures: [(name: String, value: Double)] = []
        var queries = 0
        func value(_ name: String) -> Double? { measures.first { $0.name == name }?.value }
    }

    func score(run path: String) throws -> Scores {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, path, qrels, "--json", "run"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw EvalError.scorer("exit \(process.terminationStatus): \(errorText)") }
        struct Line: Decodable {
            let metric: String
            let value: Double
            let queries: Int
        }
        var scores = Scores()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let parsed = try JSONDecoder().decode(Line.self, from: Data(line))
            scores.measures.append((String(parsed.metric.dropFirst("run.".count)), parsed.value))
            scores.queries = parsed.queries
        }
        return scores
    }
}
