import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the programs of Debian's poppler-utils (pdftotext, pdftoppm, pdfinfo): an independent PDF reader, so a
/// file they read without complaint is a PDF, not merely what our own code expects.
enum Poppler {
    static let package = "poppler-utils"

    /// The program's path on PATH. Throws, naming the package, when it is missing: the tests that need it must
    /// fail, not pass without having read anything.
    static func executable(_ name: String) throws -> String {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw TestFailure(
            "\(name) was not found on PATH (\(searchPath)); install the Debian package \(package): apt-get install -y \(package)"
        )
    }

    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    /// Runs `name` to its end, its output and errors through files in `folder`.
    static func run(_ name: String, _ arguments: [String], in folder: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable(name))
        process.arguments = arguments
        let outPath = folder + "/\(name).out", errPath = folder + "/\(name).err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Result(status: process.terminationStatus, output: read(outPath), errors: read(errPath))
    }
}

/// A temporary folder, removed by the caller.
struct TemporaryFolder {
    let path: String

    init(_ prefix: String) throws {
        path = NSTemporaryDirectory() + "\(prefix)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func appending(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
