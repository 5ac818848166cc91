import ArgumentParser
import Foundation
import Logging
import PortalAPI

struct KnowledgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb", abstract: "The knowledge base's search, measured.", subcommands: [Eval.self])

    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval", abstract: "Load a test collection into a temporary portal and write the search's top 10 per query as a TREC run.",
            discussion: """
            --docs is JSON lines of {"id", "title", "body"} (each becomes a published article, its id the slug); --queries JSON lines \
            of {"id", "text"}. The run has one line per result: query_id Q0 doc_id rank score tag. Score it with trec_score.py.
            """)
        @OptionGroup var model: ModelOption
        @Option(help: "The documents (JSON lines).") var docs: String
        @Option(help: "The queries (JSON lines).") var queries: String
        @Option(help: "Where the TREC run goes.") var run: String
        @Option(help: "hybrid (default), lexical (no model) or semantic.") var mode: String = "hybrid"

        func validate() throws {
            guard KnowledgeSearchMode(rawValue: mode) != nil else { throw ValidationError("--mode is hybrid, lexical or semantic") }
        }

        func run() async throws {
            let searchMode = KnowledgeSearchMode(rawValue: mode) ?? .hybrid
            let folder = model.resolved()
            if searchMode != .lexical, folder == nil {
                printError("portalctl: --mode \(mode) needs the model (\(model.described)); run `make model`, pass --model DIR, or use --mode lexical")
                throw ExitCode.failure
            }
            var logger = Logger(label: "portalctl")
            logger.logLevel = .warning
            do {
                let documents = try KnowledgeEvaluation.lines(docs, as: KnowledgeEvaluation.Document.self)
                let questions = try KnowledgeEvaluation.lines(queries, as: KnowledgeEvaluation.Query.self)
                let result = try await KnowledgeEvaluation(mode: searchMode, modelFolder: folder).run(documents: documents, queries: questions, logger: logger)
                try (result.lines.joined(separator: "\n") + "\n").write(toFile: run, atomically: true, encoding: .utf8)
                printError(String(format: "portalctl: %d documents imported in %.1f s; %d queries answered (%@) in %.1f s; run written to %@",
                                  documents.count, result.importSeconds, questions.count, mode, result.querySeconds, run))
            } catch let e as KnowledgeEvaluation.Failure {
                printError("portalctl: \(e)")
                throw ExitCode.failure
            }
        }
    }
}
