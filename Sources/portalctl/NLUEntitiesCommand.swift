import ArgumentParser
import Foundation
import NLU

/// Entity extraction for the support chatbot, measured on public data sets (docs/nlu.md, "Entities").
struct NLUEntitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities", abstract: "Score the entity extractor on Recognizers-Text and NLU++ and print JSON lines.",
        discussion: """
        --recognizers is Recognizers-Text's Specs folder layout (Sequence/English/{EmailModel,PhoneNumberModel,URLModel}.json \
        below it, or the English folder itself); --nlupp the NLU++ banking folder of fold*.json. Recognizers-Text is scored \
        on exact spans, NLU++ on overlapping spans with the exact resolved value (see NLUPlusPlusEvaluation). One line per \
        data set and type, then extract_p50_ms and extract_p99_ms over all NLU++ messages one at a time (after 20 \
        warm-up ones). When the folder also holds DateTime/English/DateTimeModel.json, its dates and times are scored \
        for information (DateTimeSpecEvaluation).
        """)

    @Option(help: "Recognizers-Text specs: a folder holding Sequence/English or the English folder.") var recognizers: String?
    @Option(help: "NLU++ banking folder (fold*.json).") var nlupp: String?
    @Option(help: "Write misses and false alarms here as TSV.") var errors: String?

    func validate() throws {
        guard recognizers != nil || nlupp != nil else { throw ValidationError("give --recognizers, --nlupp or both") }
    }

    func run() async throws {
        let extractor = EntityExtractor()
        var allErrors: [EntityError] = []
        func line(_ set: String, _ type: String, _ score: EntityScore) {
            print(JSONValue.object([
                ("eval", .string("entities")), ("set", .string(set)), ("type", .string(type)),
                ("precision", .number(score.precision, 4)), ("recall", .number(score.recall, 4)), ("f1", .number(score.f1, 4)),
                ("gold", .integer(score.gold)), ("predicted", .integer(score.predicted)),
            ]).text)
        }
        if let recognizers {
            var folder = URL(fileURLWithPath: recognizers)
            for sub in ["Sequence/English", "Specs/Sequence/English", "English"]
            where FileManager.default.fileExists(atPath: folder.appendingPathComponent(sub).appendingPathComponent("EmailModel.json").path) {
                folder = folder.appendingPathComponent(sub)
                break
            }
            for (file, kind, type) in [("EmailModel", EntityKind.email, "email"), ("PhoneNumberModel", .phone, "phone"), ("URLModel", .url, "url")] {
                let cases = try load(folder.appendingPathComponent(file + ".json")) { try RecognizersTextEvaluation.load($0) }
                let result = RecognizersTextEvaluation.score(cases, kind: kind, type: type, extractor: extractor)
                line("recognizers-text", type, result.all)
                line("recognizers-text-not-supported", type, result.hard)
                allErrors += result.errors
            }
            let dateTimeFile = folder.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("DateTime/English/DateTimeModel.json")
            if FileManager.default.fileExists(atPath: dateTimeFile.path) {
                let result = try load(dateTimeFile) { try DateTimeSpecEvaluation.score($0, extractor: extractor) }
                for type in result.span.keys.sorted() {
                    line("recognizers-text-datetime-span", type, result.span[type]!)
                    line("recognizers-text-datetime-value", type, result.value[type]!)
                }
            }
        }
        if let nlupp {
            let folder = URL(fileURLWithPath: nlupp)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasPrefix("fold") && $0.hasSuffix(".json") }.sorted()
            guard !files.isEmpty else {
                printError("portalctl: no fold*.json in \(nlupp)")
                throw ExitCode.failure
            }
            var examples: [NLUPlusPlusEvaluation.Example] = []
            for file in files { examples += try load(folder.appendingPathComponent(file)) { try NLUPlusPlusEvaluation.load($0) } }
            let result = NLUPlusPlusEvaluation.score(examples, extractor: extractor)
            let zero = EntityScore()
            for type in NLUPlusPlusEvaluation.types { line("nlupp-banking", type, result.scores[type] ?? zero) }
            let days = ["date", "date_from", "date_to"].reduce(zero) { $0 + (result.scores[$1] ?? zero) }
            line("nlupp-banking", "dates", days)
            line("nlupp-banking", "dates+date_period", days + (result.scores["date_period"] ?? zero))
            allErrors += result.errors

            var latencies: [Double] = []
            let utc = TimeZone(identifier: "UTC")!
            for example in examples.prefix(20) { _ = extractor.extract(example.text, reference: NLUPlusPlusEvaluation.reference, timeZone: utc) }
            for example in examples {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = extractor.extract(example.text, reference: NLUPlusPlusEvaluation.reference, timeZone: utc)
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            }
            let p50 = IntentMetrics.percentile(latencies, 0.5) ?? 0, p99 = IntentMetrics.percentile(latencies, 0.99) ?? 0
            print(JSONValue.object([
                ("eval", .string("entities")), ("set", .string("nlupp-banking")), ("extract_p50_ms", .number(p50, 4)),
                ("extract_p99_ms", .number(p99, 4)), ("messages", .integer(latencies.count)),
            ]).text)
        }
        if let errors { try writeErrors(allErrors, to: errors) }
    }

    private func load<T>(_ url: URL, _ parse: (Data) throws -> T) throws -> T {
        do {
            return try parse(try Data(contentsOf: url))
        } catch {
            printError("portalctl: \(url.path): \(error)")
            throw ExitCode.failure
        }
    }

    private func writeErrors(_ errors: [EntityError], to path: String) throws {
        func flat(_ text: String) -> String { String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 }) }
        var out = "set\ttype\toutcome\ttext\tvalue\tfound\tmessage\n"
        for e in errors {
            out += [e.set, e.type, e.outcome.rawValue, e.text, e.value, e.found, e.message].map(flat).joined(separator: "\t") + "\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
