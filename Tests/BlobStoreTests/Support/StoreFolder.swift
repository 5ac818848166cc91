import BlobStore
import Foundation

/// A fresh store in a uniquely named temporary directory, removed after the test (tests run in parallel).
struct StoreFolder {
    let url: URL
    let key: [UInt8]

    var path: String { url.path }

    @discardableResult
    static func with<R>(_ body: (StoreFolder) throws -> R) throws -> R {
        let parent = NSTemporaryDirectory() + "blobstore-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        var generator = SeededGenerator(seed: UInt64.random(in: 1...UInt64.max))
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return try body(StoreFolder(url: URL(fileURLWithPath: parent + "/blobs"), key: key))
    }

    func open() throws -> BlobStore {
        try BlobStore(directory: url, key: key)
    }

    /// Every regular file under the store, as paths relative to it.
    func files() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        var out: [String] = []
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(relative)
            }
        }
        return out.sorted()
    }

    /// The stored files outside `tmp/`.
    func blobFiles() -> [String] { files().filter { !$0.hasPrefix("tmp/") } }

    func temporaryFiles() -> [String] { files().filter { $0.hasPrefix("tmp/") } }

    func bytes(of relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url.appendingPathComponent(relative)))
    }

    func write(_ bytes: [UInt8], to relative: String) throws {
        try Data(bytes).write(to: url.appendingPathComponent(relative))
    }
}

extension BlobStore {
    /// Stores `data`, handing it to the writer in pieces of `piece` bytes.
    func store(_ data: [UInt8], subject: String, limit: Int = 64 << 20, piece: Int = 10_000) throws -> StoredBlob {
        let writer = try writer(subject: subject, limit: limit)
        var start = 0
        repeat {
            let end = min(start + piece, data.count)
            try writer.write(data[start..<end])
            start = end
        } while start < data.count
        return try writer.finish()
    }
}

/// SplitMix64: reproducible pseudo-random test data.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var generator = SeededGenerator(seed: seed)
    var out = [UInt8]()
    out.reserveCapacity(count + 8)
    while out.count < count {
        withUnsafeBytes(of: generator.next()) { out.append(contentsOf: $0) }
    }
    return Array(out.prefix(count))
}
