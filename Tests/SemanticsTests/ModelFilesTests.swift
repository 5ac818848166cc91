import Foundation
import Semantics
import Testing

@Suite("The model folder and its hashes")
struct ModelFilesTests {
    @Test("PORTAL_MODEL_DIR names the folder; without it, .build-model in the checkout")
    func location() {
        #expect(ModelFiles.folder(environment: ["PORTAL_MODEL_DIR": "/srv/model"], baseFolder: "/x") == "/srv/model")
        #expect(ModelFiles.folder(environment: [:], baseFolder: "/x") == "/x/.build-model")
    }

    @Test("an inspection reports each file as missing, changed or verified")
    func inspection() throws {
        let folder = try temporaryFolder()
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/config.json"))
        let checks = Dictionary(uniqueKeysWithValues: ModelFiles.inspect(folder: folder).map { ($0.name, $0) })
        #expect(Set(checks.keys) == ["model.safetensors", "tokenizer.json", "config.json"])
        #expect(checks["model.safetensors"]?.found == nil)
        #expect(checks["config.json"]?.found == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        #expect(checks["config.json"]?.isVerified == false)
        if TestModel.isInstalled {
            #expect(ModelFiles.inspect(folder: TestModel.folder).allSatisfy { $0.isVerified })
        }
    }

    @Test("a folder without the files is refused, naming the missing one")
    func missing() throws {
        let folder = try temporaryFolder()
        #expect(throws: ModelFilesError.missingFile(folder: folder, file: "model.safetensors")) {
            try ModelFiles(folder: folder)
        }
    }

    @Test("the installed model passes the hash check", .enabled(if: TestModel.isInstalled, "the model is not installed"))
    func installed() throws {
        try ModelFiles(folder: TestModel.folder).verify()
        let config = try ModelFiles(folder: TestModel.folder).config()
        #expect(config.hiddenSize == 384 && config.layerCount == 6 && config.headCount == 12)
        #expect(config.layerNormEpsilon == 1e-12)
    }

    @Test("a copy of the model with one byte of config.json changed is refused, naming the file",
          .enabled(if: TestModel.isInstalled, "the model is not installed"))
    func changedByte() throws {
        let folder = try temporaryFolder()
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder + "/model.safetensors", withDestinationPath: TestModel.folder + "/model.safetensors")
        try manager.copyItem(atPath: TestModel.folder + "/tokenizer.json", toPath: folder + "/tokenizer.json")
        var config = try Data(contentsOf: URL(fileURLWithPath: TestModel.folder + "/config.json"))
        let index = try #require(config.firstIndex(of: UInt8(ascii: "6")))
        config[index] = UInt8(ascii: "7")
        try config.write(to: URL(fileURLWithPath: folder + "/config.json"))

        let files = try ModelFiles(folder: folder)
        let error = #expect(throws: ModelFilesError.self) { try files.verify() }
        guard case let .hashMismatch(file, _, expected)? = error else {
            Issue.record("expected a hash mismatch, got \(String(describing: error))")
            return
        }
        #expect(file == folder + "/config.json")
        #expect(expected == "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41")
        #expect(error?.description.contains("config.json has been changed") == true)
        #expect(throws: ModelFilesError.self) { try SentenceEncoder(files: files) }
        try? manager.removeItem(atPath: folder)
    }

    func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
