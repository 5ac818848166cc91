import Foundation
import Testing
@testable import ZipArchive

/// An archive written to a temporary file, checked by tools that did not write it: Info-ZIP's `unzip` and
/// Python's `zipfile`.
struct ArchiveFile {
    let folder: String
    var path: String { folder + "/archive.zip" }

    static func with<R>(_ body: (ArchiveFile) throws -> R) throws -> R {
        let folder = NSTemporaryDirectory() + "zip-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(ArchiveFile(folder: folder))
    }

    /// Writes an archive through a sink that appends to the file.
    func write(limits: Zip64Limits = Zip64Limits(), _ build: (inout ZipWriter) throws -> Void) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var writer = ZipWriter(sink: { bytes in try handle.write(contentsOf: Data(bytes)) }, limits: limits)
        try build(&writer)
        try writer.finish()
    }

    func bytes() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// `unzip -t`: tests every entry's CRC; fails the test unless it says "No errors detected".
    func checkWithUnzip(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try Tool.run("unzip", ["-t", path])
        #expect(result.status == 0, "unzip -t failed:\n\(result.output)", sourceLocation: sourceLocation)
        #expect(result.output.contains("No errors detected"), "\(result.output)", sourceLocation: sourceLocation)
    }

    /// `python3 -m zipfile -t`, which reads every entry and checks its CRC.
    func checkWithPython(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try Tool.run("python3", ["-m", "zipfile", "-t", path])
        #expect(result.status == 0, "python3 -m zipfile -t failed:\n\(result.output)", sourceLocation: sourceLocation)
        #expect(result.output.contains("Done testing"), "\(result.output)", sourceLocation: sourceLocation)
    }

    struct Entry: Decodable, Equatable {
        let name: String
        let size: Int
        let crc: UInt32
        /// zlib.crc32 of the bytes Python read back: an independent check of our CRC.
        let dataCRC: UInt32
        let flags: Int
        let dateTime: [Int]
        let hasZip64Extra: Bool
        let contentHex: String?
    }

    /// Every entry as Python's zipfile reads it (contents as hex when under 1 KiB).
    func entriesReadByPython() throws -> [Entry] {
        let script = """
            import json, struct, sys, zipfile, zlib
            def has_zip64(extra):
                i = 0
                while i + 4 <= len(extra):
                    tag, size = struct.unpack('<HH', extra[i:i+4])
                    if tag == 1: return True
                    i += 4 + size
                return False
            out = []
            with zipfile.ZipFile(sys.argv[1]) as z:
                for info in z.infolist():
                    data = z.read(info)
                    out.append({'name': info.filename, 'size': info.file_size, 'crc': info.CRC, 'dataCRC': zlib.crc32(data),
                                'flags': info.flag_bits, 'dateTime': list(info.date_time), 'hasZip64Extra': has_zip64(info.extra),
                                'contentHex': data.hex() if len(data) < 1024 else None})
            print(json.dumps(out))
            """
        let result = try Tool.run("python3", ["-c", script, path])
        try #require(result.status == 0, "python3 could not read the archive:\n\(result.output)")
        return try JSONDecoder().decode([Entry].self, from: Data(result.output.utf8))
    }
}

enum Tool {
    /// Runs a program found on PATH; the output is stdout and stderr together.
    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 {
            Issue.record("\(name) is not installed (apt-get install -y \(name == "python3" ? "python3" : name))")
        }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Reproducible pseudo-random bytes (SplitMix64).
func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var out = [UInt8]()
    out.reserveCapacity(count + 8)
    while out.count < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        withUnsafeBytes(of: z ^ (z >> 31)) { out.append(contentsOf: $0) }
    }
    return Array(out.prefix(count))
}

extension String {
    var hex: String { utf8.map { String(format: "%02x", $0) }.joined() }
}
