import ArgumentParser
import Foundation
import Semantics

/// Where the sentence encoder's files are: `--model DIR`, else `PORTAL_MODEL_DIR`, else
/// `.build-model` in the working folder when it exists (what `make model` fills).
struct ModelOption: ParsableArguments {
    @Option(name: .customLong("model"), help: ArgumentHelp(
        "Sentence encoder folder, for search by meaning (env PORTAL_MODEL_DIR; default .build-model when it exists, else lexical-only).",
        valueName: "DIR"))
    var model: String?

    /// A folder named on purpose (flag or environment variable), which must then hold the model.
    var explicitFolder: String? { Self.explicitFolder(model) }

    /// The folder to load, or nil for lexical-only (no folder named and no default folder).
    func resolved() -> String? { Self.resolved(model) }

    static func explicitFolder(_ flag: String?) -> String? {
        if let flag, !flag.isEmpty { return flag }
        if let folder = ProcessInfo.processInfo.environment[ModelFiles.environmentVariable], !folder.isEmpty { return folder }
        return nil
    }

    /// The same without a flag (for commands that open the portal in-process, such as an offline rebuild).
    static func resolved(_ flag: String? = nil) -> String? {
        if let folder = explicitFolder(flag) { return folder }
        let fallback = ModelFiles.defaultFolder
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: fallback, isDirectory: &isFolder) && isFolder.boolValue ? fallback : nil
    }

    /// The folder to report on (status, stats) even when it does not exist.
    var described: String { explicitFolder ?? ModelFiles.defaultFolder }
}
