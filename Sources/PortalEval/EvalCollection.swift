import Foundation

/// A search test collection as `kb_prepare.py` writes it: `docs.jsonl`, `queries.jsonl`,
/// `queries-typo.jsonl` and `qrels.tsv` in one folder.
struct EvalCollection {
    struct Document: Decodable {
        let id: String
        let title: String
        let body: String
    }

    struct Query: Decodable {
        let id: String
        let text: String
    }

    /// One query set (clean or with one typo a query) and the figure the README reports for each system on it.
    struct QuerySet {
        let name: String
        let queries: [Query]
    }

    let folder: String
    let documents: [Document]
    let querySets: [QuerySet]

    var qrelsPath: String { folder + "/qrels.tsv" }

    init(folder: String) throws {
        self.folder = folder
        documents = try Self.readLines(folder + "/docs.jsonl")
        querySets = [
            QuerySet(name: "clean", queries: try Self.readLines(folder + "/queries.jsonl")),
            QuerySet(name: "typo", queries: try Self.readLines(folder + "/queries-typo.jsonl")),
        ]
        guard FileManager.default.fileExists(atPath: qrelsPath) else { throw EvalError.missing(qrelsPath) }
    }

    private static func readLines<T: Decodable>(_ path: String) throws -> [T] {
        guard let data = FileManager.default.contents(atPath: path) else { throw EvalError.missing(path) }
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            do {
                return try decoder.decode(T.self, from: Data(line))
            } catch {
                throw EvalError.malformed(path, String(describing: error))
            }
        }
    }
}

enum EvalError: Error, CustomStringConvertible {
    case missing(String)
    case malformed(String, String)
    case usage(String)
    case scorer(String)

    var description: String {
        switch self {
        case .missing(let path): "\(path) is missing; run `make eval`, which prepares the collection first"
        case .malformed(let path, let reason): "\(path) has a line that is not the expected JSON: \(reason)"
        case .usage(let message): message
        case .scorer(let message): "trec_score.py failed: \(message)"
        }
    }
}
