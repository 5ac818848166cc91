import ArgumentParser
import Foundation
import NLU
import Semantics

/// Intent recognition for the support chatbot, measured on public data sets (docs/nlu.md).
struct NLUCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nlu", abstract: "Intent recognition and entities: the portal's intent models, the learning queue, and the classifier and extractor measured on data sets.",
        subcommands: [NLUTrainCommand.self, NLUModelsCommand.self, NLUReviewCommand.self, NLUEvalCommand.self, NLUEntitiesCommand.self])
}

struct NLUEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Train the intent classifier, score it on a test set and print JSON lines.",
        discussion: """
        Files are CSV with a header naming a text column and a label column (label, category or intent), or a \
        CLINC150-style JSON object of [text, intent] lists: then training uses "train", validation "val" + "oos_val" \
        and the test "test" + "oos_test", with the out-of-scope label "oos", unless --val, --test or --oos-label say \
        otherwise. Without --val, 10 % of each intent is held out to choose the settings, then the model is trained \
        again on all of --train. Training runs through the same IntentTrainer the portal uses.
        """)

    @OptionGroup var model: ModelOption
    @Option(help: "Training messages (CSV or CLINC150 JSON).") var train: String
    @Option(help: "Test messages (default: the JSON's test + oos_test).") var test: String?
    @Option(help: "Validation messages (default: the JSON's val + oos_val, else 10 % of --train).") var val: String?
    @Option(name: .customLong("oos-label"), help: "The label of out-of-scope messages (default oos for JSON, none for CSV).")
    var oosLabel: String?
    @Option(help: "Write text<TAB>gold<TAB>predicted<TAB>confidence per test message here.") var predictions: String?
    @Flag(name: .customLong("no-model"), help: "TF-IDF alone, without the sentence encoder.") var noModel = false
    @Option(help: "The name in the metric keys (default: the training file's folder).") var name: String?
    @Option(name: .customLong("embedding-cache"), help: "Load embeddings from this file when it exists, and save them to it.")
    var embeddingCache: String?
    @Option(name: .customLong("latency-samples"), help: "Test messages timed one by one (default 500).") var latencySamples = 500
    @Option(name: .customLong("save-model"), help: "Write the trained model's bytes here.") var saveModel: String?
    @Option(help: "Candidate regularisations, comma-separated (default: the trainer's).") var regularization: String?
    @Option(name: .customLong("embedding-weight"), help: "Candidate embedding weights, comma-separated (default: the trainer's).")
    var embeddingWeight: String?
    @Option(name: .customLong("max-iterations"), help: "The most L-BFGS iterations a fit may take (default: the trainer's).")
    var maxIterations: Int?
    @Option(name: .customLong("oos-recall"), help: "The out-of-scope recall the threshold must reach on validation (default 0.8).")
    var oosRecall: Double?

    /// The trainer's options with the flags applied.
    func trainingOptions() throws -> IntentTrainingOptions {
        var options = IntentTrainingOptions()
        func list(_ text: String, _ flag: String) throws -> [Double] {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            let numbers = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !numbers.isEmpty, numbers.count == parts.count else { throw ValidationError("\(flag) takes comma-separated numbers") }
            return numbers
        }
        if let regularization { options.regularizations = try list(regularization, "--regularization") }
        if let embeddingWeight { options.embeddingWeights = try list(embeddingWeight, "--embedding-weight").map(Float.init) }
        if let maxIterations { options.maximumIterations = maxIterations }
        if let oosRecall { options.outOfScopeRecallTarget = oosRecall }
        if let problem = options.problem { throw ValidationError(problem) }
        return options
    }

    func validate() throws {
        guard latencySamples >= 0 else { throw ValidationError("--latency-samples must not be negative") }
        _ = try trainingOptions()
    }

    func run() async throws {
        do {
            try await evaluate()
        } catch let error as IntentDataError {
            printError("portalctl: \(error)")
            throw ExitCode.failure
        } catch let error as IntentTrainingError {
            printError("portalctl: \(error)")
            throw ExitCode.failure
        } catch let error as EmbeddingCache.StorageError {
            printError("portalctl: \(embeddingCache ?? ""): \(error)")
            throw ExitCode.failure
        }
    }

    private func evaluate() async throws {
        let data = try NLUEvalData(train: train, val: val, test: test, oosLabel: oosLabel)
        var pool: EncoderPool?
        if !noModel {
            guard let folder = model.resolved() else {
                printError("portalctl: nlu eval needs the sentence encoder (\(model.described)); run `make model`, pass --model DIR, or use --no-model")
                throw ExitCode.failure
            }
            do { pool = EncoderPool(encoder: try SentenceEncoder(files: try ModelFiles(folder: folder))) } catch {
                printError("portalctl: \(error)")
                throw ExitCode.failure
            }
        }
        defer { pool?.shutDown() }
        let cache = pool.map { EmbeddingCache(wrapping: $0) }
        if let cache, let path = embeddingCache, FileManager.default.fileExists(atPath: path) {
            try cache.load([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }

        let training = try await IntentTrainer(options: try trainingOptions()).train(data.train, validation: data.validation, outOfScopeLabel: data.oosLabel, encoder: cache)
        let result = try await IntentEvaluation(outOfScopeLabel: data.oosLabel, latencySamples: latencySamples)
            .run(training.model, on: data.test, encoder: cache, latencyEncoder: pool)
        let bytes = training.model.serialized()
        if let cache, let path = embeddingCache {
            try Data(cache.serialized()).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        if let path = saveModel { try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic) }
        if let path = predictions { try writePredictions(result, to: path, test: data.test) }
        report(training, result, data: data, modelBytes: bytes.count, mode: pool == nil ? "tfidf" : "embedding")
    }

    private func report(_ training: IntentTraining, _ result: IntentEvaluation.Result, data: NLUEvalData, modelBytes: Int, mode: String) {
        let key = name ?? URL(fileURLWithPath: train).deletingLastPathComponent().lastPathComponent
        let metrics = result.metrics, report = training.report
        func line(_ metric: String, _ fields: [(String, JSONValue)]) {
            print(JSONValue.object([("metric", .string("\(key).\(metric)"))] + fields + [("mode", .string(mode))]).text)
        }
        line("accuracy", [("value", .number(metrics.accuracy, 4)), ("n", .integer(metrics.count))])
        line("macroF1", [("value", .number(metrics.macroF1, 4)), ("n", .integer(metrics.count))])
        if let inScope = metrics.inScopeAccuracy {
            line("inScopeAccuracy", [("value", .number(inScope, 4)), ("n", .integer(metrics.inScopeCount))])
        }
        if let recall = metrics.outOfScopeRecall {
            line("outOfScopeRecall", [("value", .number(recall, 4)), ("n", .integer(metrics.outOfScopeCount))])
        }
        line("trainSeconds", [("value", .number(report.seconds, 2))])
        line("encodeSeconds", [("value", .number(report.encodeSeconds, 2)), ("texts", .integer(report.encodedTexts))])
        line("testSeconds", [("value", .number(result.batchSeconds, 2)), ("n", .integer(metrics.count))])
        if let p50 = IntentMetrics.percentile(result.latencies, 0.5), let p99 = IntentMetrics.percentile(result.latencies, 0.99) {
            line("latencyP50Ms", [("value", .number(p50, 2)), ("n", .integer(result.latencies.count))])
            line("latencyP99Ms", [("value", .number(p99, 2)), ("n", .integer(result.latencies.count))])
        }
        if let p50 = IntentMetrics.percentile(result.classifierLatencies, 0.5),
           let p99 = IntentMetrics.percentile(result.classifierLatencies, 0.99) {
            line("classifierP50Ms", [("value", .number(p50, 3)), ("n", .integer(result.classifierLatencies.count))])
            line("classifierP99Ms", [("value", .number(p99, 3)), ("n", .integer(result.classifierLatencies.count))])
        }
        line("sizes", [
            ("train", .integer(report.trainingExamples)), ("validation", .integer(report.validationInScope)),
            ("validationOutOfScope", .integer(report.validationOutOfScope)), ("test", .integer(data.test.count)),
            ("intents", .integer(training.model.labels.count)), ("wordTerms", .integer(training.model.featurizer.words.terms.count)),
            ("characterTerms", .integer(training.model.featurizer.characters.terms.count)), ("modelBytes", .integer(modelBytes)),
        ])
        for candidate in report.candidates {
            line("candidate", [
                ("regularization", .number(candidate.regularization, 8)), ("embeddingWeight", .number(Double(candidate.embeddingWeight), 3)),
                ("validationAccuracy", .number(candidate.validationAccuracy, 4)), ("iterations", .integer(candidate.iterations)),
            ])
        }
        var chosen: [(String, JSONValue)] = [
            ("regularization", .number(report.chosen.regularization, 8)), ("embeddingWeight", .number(Double(report.chosen.embeddingWeight), 3)),
            ("validationAccuracy", .number(report.chosen.validationAccuracy, 4)), ("threshold", .number(Double(report.threshold.threshold), 4)),
            ("validationInScopeAccuracy", .number(report.threshold.inScopeAccuracy, 4)),
        ]
        if let recall = report.threshold.outOfScopeRecall { chosen.append(("validationOutOfScopeRecall", .number(recall, 4))) }
        chosen.append(("retrainedOnAll", .bool(report.retrainedOnAll)))
        line("chosen", chosen)
    }

    private func writePredictions(_ result: IntentEvaluation.Result, to path: String, test: [IntentExample]) throws {
        func flat(_ text: String) -> String {
            String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
        }
        var out = ""
        for (example, (label, prediction)) in zip(test, zip(result.predictedLabels, result.predictions)) {
            out += "\(flat(example.text))\t\(flat(example.label))\t\(flat(label))\t\(String(format: "%.4f", prediction.confidence))\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
