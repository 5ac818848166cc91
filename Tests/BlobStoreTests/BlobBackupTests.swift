import BlobStore
import Foundation
import Testing

@Suite("Backing up blobs")
struct BlobBackupTests {
    func put(_ store: BlobStore, _ subject: String, _ bytes: [UInt8]) throws -> String {
        let writer = try store.writer(subject: subject, limit: 1 << 20)
        try writer.write(bytes)
        return try writer.finish().address
    }

    @Test func aCopyOpensWithTheSameKeyAndLeavesUploadsInProgressOut() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let a = try put(store, "account-1", Array("first file".utf8))
            let b = try put(store, "account-2", [UInt8](repeating: 7, count: 100_000))
            let pending = try store.writer(subject: "account-1", limit: 1000)
            try pending.write(Array("not finished".utf8))

            let target = folder.url.deletingLastPathComponent().appendingPathComponent("backup-blobs")
            let copied = try BlobStore.copyAll(from: folder.url, to: target)
            #expect(copied.blobs == 2)
            #expect(copied.bytes == (try store.usage().bytes))

            let restored = try BlobStore(directory: target, key: folder.key)
            #expect(try restored.open(subject: "account-1", address: a).readAll() == Array("first file".utf8))
            #expect(try restored.open(subject: "account-2", address: b).readAll() == [UInt8](repeating: 7, count: 100_000))
            #expect(try restored.usage().blobs == 2, "the upload in progress was not copied")
            _ = pending
        }
    }

    @Test func aMissingStoreCopiesNothingAndAFullDestinationIsRefused() throws {
        try StoreFolder.with { folder in
            let parent = folder.url.deletingLastPathComponent()
            #expect(try BlobStore.copyAll(from: parent.appendingPathComponent("none"), to: parent.appendingPathComponent("out")) == (0, 0))
            let store = try folder.open()
            _ = try put(store, "account-1", Array("x".utf8))
            let full = parent.appendingPathComponent("full")
            try FileManager.default.createDirectory(at: full, withIntermediateDirectories: true)
            try Data("keep".utf8).write(to: full.appendingPathComponent("other.txt"))
            #expect(throws: BlobStoreError.self) { try BlobStore.copyAll(from: folder.url, to: full) }
            #expect(FileManager.default.fileExists(atPath: full.appendingPathComponent("other.txt").path))
        }
    }
}
