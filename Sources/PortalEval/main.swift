import Foundation
import Semantics

// portal-eval: the knowledge-base search's retrieval quality on a test collection (StackFAQ, prepared by
// the shared kb_prepare.py). Runs every query with BM25, with the sentence encoder and with both fused,
// writes TREC runs, scores them with the shared trec_score.py and prints one JSON line per system and
// query set, beside the figures of the evaluation README. `make eval` prepares the data and runs it.
// `--engine knowledge` does the same for the knowledge base's engine (KnowledgeEvaluation).

let usage = """
    usage: portal-eval --collection DIR --scorer trec_score.py [--out DIR] [--model DIR] [--title-weight W]
                       [--engine lexical|knowledge] [--grid lexical|fusion|all] [--scale N]

      --collection DIR   docs.jsonl, queries.jsonl, queries-typo.jsonl and qrels.tsv (from kb_prepare.py)
      --scorer PATH      the shared trec_score.py
      --out DIR          where the TREC runs go (default: the collection's parent folder)
      --model DIR        the sentence encoder's folder (default: $PORTAL_MODEL_DIR, else .build-model)
      --title-weight W   BM25F weight of the title over the body (default 3)
      --engine E         lexical: the ticket-oriented LexicalIndex and the document encoder (default);
                         knowledge: the knowledge base's KnowledgeIndex, passages and fusion
      --grid G           with --engine knowledge: print a tuning grid too (lexical: 3,456 settings, about
                         half an hour on an idle machine; fusion: 72 settings, seconds; all: both)
      --scale N          with --engine knowledge: instead of judging quality, time indexing N synthetic
                         articles built from the collection and searching, suggesting and finding related
                         documents among them (no model needed)
    """

struct EvalOptions {
    var collection = ""
    var scorer = ""
    var out: String?
    var model = ModelFiles.folder()
    var titleWeight = 3.0
    var engine = "lexical"
    var grid: String?
    var scale: Int?

    static func parse(_ arguments: [String]) throws -> EvalOptions? {
        var options = EvalOptions()
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let v = rest.popFirst(), !v.isEmpty else { throw EvalError.usage("\(name) needs a value") }
            return v
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--help", "-h": return nil
            case "--collection": options.collection = try value(argument)
            case "--scorer": options.scorer = try value(argument)
            case "--out": options.out = try value(argument)
            case "--model": options.model = try value(argument)
            case "--title-weight":
                guard let w = Double(try value(argument)), w > 0 else { throw EvalError.usage("--title-weight needs a positive number") }
                options.titleWeight = w
            case "--engine":
                options.engine = try value(argument)
                guard ["lexical", "knowledge"].contains(options.engine) else { throw EvalError.usage("--engine is lexical or knowledge") }
            case "--grid":
                options.grid = try value(argument)
                guard ["lexical", "fusion", "all"].contains(options.grid) else { throw EvalError.usage("--grid is lexical, fusion or all") }
            case "--scale":
                guard let n = Int(try value(argument)), n > 0 else { throw EvalError.usage("--scale needs a positive number") }
                options.scale = n
            default: throw EvalError.usage("unknown argument '\(argument)'\n\(usage)")
            }
        }
        guard !options.collection.isEmpty, !options.scorer.isEmpty || options.scale != nil else { throw EvalError.usage(usage) }
        guard options.engine == "knowledge" || (options.grid == nil && options.scale == nil) else {
            throw EvalError.usage("--grid and --scale go with --engine knowledge")
        }
        return options
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

do {
    guard let options = try EvalOptions.parse(Array(CommandLine.arguments.dropFirst())) else {
        print(usage)
        exit(0)
    }
    if options.engine == "knowledge" {
        if let scale = options.scale {
            try KnowledgeScaleBench(options: options, articles: scale).run()
        } else {
            try await KnowledgeEvaluation(options: options).run()
        }
    } else {
        try await Evaluation(options: options).run()
    }
} catch {
    note("\(error)")
    exit(1)
}
