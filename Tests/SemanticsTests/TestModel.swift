import Foundation
import Semantics
import Testing

/// The installed model for the tests: `PORTAL_MODEL_DIR` (relative paths from the checkout),
/// else the `.build-model` folder `make model` fills. Tests that need it are skipped when it is
/// absent; `make test` installs it first, so they run in CI.
enum TestModel {
    static let checkout = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let folder: String = {
        if let folder = ProcessInfo.processInfo.environment[ModelFiles.environmentVariable], !folder.isEmpty {
            return folder.hasPrefix("/") ? folder : checkout + "/" + folder
        }
        return checkout + "/" + ModelFiles.defaultFolder
    }()

    static var isInstalled: Bool {
        ["model.safetensors", "tokenizer.json", "config.json"].allSatisfy {
            FileManager.default.fileExists(atPath: folder + "/" + $0)
        }
    }

    /// The encoder, loaded (and its files verified) once for all tests.
    static let encoder: Result<SentenceEncoder, LoadFailure> = {
        do {
            return .success(try SentenceEncoder(files: try ModelFiles(folder: folder)))
        } catch {
            return .failure(LoadFailure(message: String(describing: error)))
        }
    }()

    struct LoadFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// The reference outputs of an independent implementation (`Fixtures/minilm-reference.json`).
struct Reference: Decodable {
    struct Case: Decodable {
        let text: String
        let ids: [Int32]
        let embedding: [Float]
    }

    let cases: [Case]

    static func load() throws -> Reference {
        let url = try #require(Bundle.module.url(forResource: "minilm-reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }
}
