import EventStore
import Foundation

/// A fresh, uniquely named directory under the system's temporary folder, removed after the test.
///
/// Swift Testing runs tests in parallel, and LMDB allows one environment per file per process, so
/// every test works in a folder of its own.
struct TestFolder {
    let path: String

    var dataFolder: DataFolder { DataFolder(path: path) }
    var dataFile: String { path + "/log/data.mdb" }
    var keyFile: String { path + "/master.key" }

    /// A path inside the folder (which itself is not created).
    func sub(_ name: String) -> String { path + "/" + name }

    static func with<R>(_ body: (TestFolder) async throws -> R) async throws -> R {
        let path = NSTemporaryDirectory() + "eventstore-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(TestFolder(path: path + "/data"))
    }
}

extension TestFolder {
    /// Opens (creating if needed) a writable store in the folder.
    func open(initialMapSize: Int = 16 << 20, clock: (@Sendable () -> Int64)? = nil) throws -> EventStore {
        var options = EventStore.Options(folder: dataFolder, initialMapSize: initialMapSize)
        if let clock { options.clock = clock }
        return try EventStore(options)
    }

    /// Opens the existing log read-only; `withKey: false` points at a key file that does not exist.
    func openReadOnly(withKey: Bool = true) throws -> EventStore {
        try EventStore(.init(folder: dataFolder, readOnly: true, create: false, keyFile: withKey ? nil : path + "/no-such.key"))
    }

    /// The raw bytes of the LMDB data file.
    func rawLog() throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: dataFile)))
    }

    /// Flips the lowest bit of one byte of the LMDB data file, in place.
    func flipLowBit(ofByteAt offset: Int) throws {
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: dataFile))
        defer { try? file.close() }
        try file.seek(toOffset: UInt64(offset))
        guard let byte = try file.read(upToCount: 1)?.first else { throw CocoaError(.fileReadUnknown) }
        try file.seek(toOffset: UInt64(offset))
        try file.write(contentsOf: [byte ^ 0x01])
        try file.synchronize()
    }
}
