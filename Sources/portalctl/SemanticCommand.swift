import ArgumentParser
import EventStore
import Foundation
import PortalAPI
import Projections
import Semantics

/// The sentence encoder and the vectors it fills: try it on texts, and see what a data folder holds.
struct SemanticCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semantic", abstract: "Search by meaning: encode texts with the model, or show the model and the stored vectors.",
        subcommands: [SemanticEncodeCommand.self, SemanticStatusCommand.self])
}

struct SemanticEncodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode", abstract: "Print each text's embedding (384 numbers, unit length).")

    @OptionGroup var model: ModelOption

    @Flag(help: "One JSON object per line: {\"text\", \"tokens\", \"embedding\"}.")
    var json = false

    @Argument(help: "Texts to encode.")
    var texts: [String]

    func validate() throws {
        guard !texts.isEmpty else { throw ValidationError("give at least one text") }
    }

    func run() async throws {
        guard let folder = model.resolved() else {
            printError("portalctl: no model folder at \(model.described); run `make model` or pass --model DIR")
            throw ExitCode.failure
        }
        let encoder: SentenceEncoder
        do { encoder = try SentenceEncoder(files: try ModelFiles(folder: folder)) } catch {
            printError("portalctl: \(error)")
            throw ExitCode.failure
        }
        let embeddings = encoder.encode(texts, using: encoder.makeScratch())
        for (text, embedding) in zip(texts, embeddings) {
            if json {
                let quoted = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
                let tokens = encoder.tokenizer.tokenize(text).map { String($0) }.joined(separator: ",")
                print("{\"text\":\(quoted),\"tokens\":[\(tokens)],\"embedding\":[\(embedding.map { "\($0)" }.joined(separator: ","))]}")
            } else {
                print(text)
                print("  " + embedding.map { String(format: "%.6f", $0) }.joined(separator: " "))
            }
        }
    }
}

struct SemanticStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "The model folder and its file hashes, the vectors stored and the projection's lag.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var model: ModelOption

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() async throws {
        let folder = model.resolved()
        let checks = ModelFiles.inspect(folder: folder ?? model.described)
        let verified = folder != nil && checks.allSatisfy(\.isVerified)
        let (events, checkpoint) = try await reportingErrors {
            let store = try global.openReadOnly()
            defer { store.close() }
            return (try store.statistics().events, try store.checkpoint(name: PortalProjections.semanticName))
        }
        let counts = checkpoint.flatMap { SemanticVectorsProjection.counts(ofSnapshot: $0.snapshot) }
        let position = checkpoint?.position ?? 0
        let lag = events - min(events, position)
        let mode = verified ? SemanticIndex.Mode.semantic : .lexicalOnly
        if json {
            let object: [String: Any] = [
                "mode": mode.rawValue, "modelFolder": folder ?? model.described, "modelVerified": verified,
                "files": checks.map { ["name": $0.name, "sha256": $0.found ?? NSNull(), "expected": $0.expected, "verified": $0.isVerified] as [String: Any] },
                "items": counts?.items ?? 0, "vectors": counts?.vectors ?? 0, "checkpoint": position, "lag": lag,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        print("mode          \(mode.rawValue)\(folder == nil ? " (no model folder at \(model.described); run `make model` or pass --model DIR)" : "")")
        print("model folder  \(folder ?? model.described)")
        for check in checks {
            let state = check.found == nil ? "missing" : check.isVerified ? "verified" : "CHANGED (expected \(check.expected))"
            print("  \(check.name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(check.found ?? "-")  \(state)")
        }
        if checkpoint == nil {
            print("vectors       none stored yet (the server stores them once it runs with a model)")
        } else {
            print("vectors       \(counts?.vectors ?? 0) stored for \(counts?.items ?? 0) item(s)")
        }
        print("projection    \(PortalProjections.semanticName): checkpoint \(position) → \(lag) behind")
    }
}
