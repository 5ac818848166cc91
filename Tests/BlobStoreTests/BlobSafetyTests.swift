@testable import BlobStore
import Foundation
import Testing

/// Tampering, hostile input, limits, crashes and erasure.
@Suite struct BlobSafetyTests {
    /// A three-chunk blob and the path of its file.
    private func storedBlob(in folder: StoreFolder, _ store: BlobStore, subject: String = "account-1") throws -> (StoredBlob, String, [UInt8]) {
        let data = randomBytes(2 * 65_536 + 500, seed: 11)
        let stored = try store.store(data, subject: subject)
        let path = try #require(folder.blobFiles().first { $0.hasSuffix(stored.address) })
        return (stored, path, data)
    }

    @Test func aFlippedByteAnywhereIsDetected() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let (stored, path, data) = try storedBlob(in: folder, store)
            let original = try folder.bytes(of: path)
            let chunk = 65_536 + 17
            let positions = [0, 23, 24, 24 + 1000, 24 + chunk - 1, 24 + chunk + 5, 24 + 2 * chunk - 3, 24 + 2 * chunk + 10, original.count - 1]
            for position in positions {
                var tampered = original
                tampered[position] ^= 0x01
                try folder.write(tampered, to: path)
                // Either opening fails, or reading the whole blob does; nothing altered is ever returned.
                #expect(throws: BlobStoreError.corrupt, "byte \(position)") {
                    let reader = try store.open(subject: "account-1", address: stored.address)
                    _ = try reader.readAll()
                }
            }
            try folder.write(original, to: path)
            #expect(try store.open(subject: "account-1", address: stored.address).readAll() == data)
        }
    }

    @Test func aRangeInAnIntactChunkStillReadsWhileTheDamagedChunkIsRefused() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let (stored, path, data) = try storedBlob(in: folder, store)
            var tampered = try folder.bytes(of: path)
            tampered[24 + 65_536 + 17 + 100] ^= 0x80  // inside chunk 1's ciphertext, not its tag
            try folder.write(tampered, to: path)
            let reader = try store.open(subject: "account-1", address: stored.address)
            #expect(try reader.read(range: 0..<1000) == Array(data[0..<1000]))
            #expect(try reader.read(range: (2 * 65_536)..<(2 * 65_536 + 500)) == Array(data[(2 * 65_536)...]))
            #expect(throws: BlobStoreError.corrupt) { try reader.read(range: 65_536..<65_540) }
            #expect(throws: BlobStoreError.corrupt) { try reader.read(range: 65_000..<70_000) }
        }
    }

    @Test func truncatedFilesDoNotOpen() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let (stored, path, _) = try storedBlob(in: folder, store)
            let original = try folder.bytes(of: path)
            // Cut at a chunk boundary (a smaller but well-formed length), inside a chunk, and to less than a header.
            for length in [24 + 2 * (65_536 + 17), 24 + 65_536 + 17 + 40, 24 + 17, 10, 0] {
                try folder.write(Array(original.prefix(length)), to: path)
                #expect(throws: BlobStoreError.corrupt, "length \(length)") {
                    _ = try store.open(subject: "account-1", address: stored.address)
                }
            }
        }
    }

    @Test func aFileCopiedToAnotherAddressOrSubjectDoesNotOpen() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let (stored, path, _) = try storedBlob(in: folder, store)
            let other = try store.store([1, 2, 3], subject: "account-1")
            let otherPath = try #require(folder.blobFiles().first { $0.hasSuffix(other.address) })
            try folder.write(try folder.bytes(of: path), to: otherPath)
            #expect(throws: BlobStoreError.corrupt) { _ = try store.open(subject: "account-1", address: other.address) }

            let foreign = try store.store([4, 5, 6], subject: "account-2")
            let foreignPath = try #require(folder.blobFiles().first { $0.hasSuffix(foreign.address) })
            let planted = foreignPath.split(separator: "/").dropLast(2).joined(separator: "/") + "/" + stored.address.prefix(2)
            try FileManager.default.createDirectory(atPath: folder.path + "/" + planted, withIntermediateDirectories: true)
            try folder.write(try folder.bytes(of: path), to: planted + "/" + stored.address)
            #expect(throws: BlobStoreError.corrupt) { _ = try store.open(subject: "account-2", address: stored.address) }
        }
    }

    @Test(arguments: [
        "../../etc/passwd", "", "abc", String(repeating: "a", count: 63), String(repeating: "a", count: 65),
        String(repeating: "g", count: 64), String(repeating: "A", count: 64), "../" + String(repeating: "a", count: 61),
        String(repeating: "a", count: 62) + "/.", String(repeating: "a", count: 63) + "\0", String(repeating: "é", count: 32),
    ])
    func hostileAddressesAreNotFound(address: String) throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let stored = try store.store(Array("secret".utf8), subject: "account-1")
            #expect(throws: BlobStoreError.notFound) { _ = try store.open(subject: "account-1", address: address) }
            #expect(!store.exists(subject: "account-1", address: address))
            // The upper-case form of a real address is refused too.
            #expect(throws: BlobStoreError.notFound) { _ = try store.open(subject: "account-1", address: stored.address.uppercased()) }
            #expect(store.exists(subject: "account-1", address: stored.address))
        }
    }

    @Test func anUnknownWellFormedAddressIsNotFound() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            #expect(throws: BlobStoreError.notFound) { _ = try store.open(subject: "account-1", address: String(repeating: "0", count: 64)) }
        }
    }

    @Test func subjectsMustBeOneTo256Bytes() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            #expect(throws: BlobStoreError.invalidSubject) { _ = try store.writer(subject: "", limit: 10) }
            #expect(throws: BlobStoreError.invalidSubject) { _ = try store.writer(subject: String(repeating: "x", count: 257), limit: 10) }
            _ = try store.writer(subject: String(repeating: "x", count: 256), limit: 10)
        }
    }

    @Test func theKeyMustBe32Bytes() throws {
        try StoreFolder.with { folder in
            #expect(throws: BlobStoreError.invalidKey) { _ = try BlobStore(directory: folder.url, key: [UInt8](repeating: 1, count: 31)) }
        }
    }

    @Test func goingPastTheLimitMidStreamLeavesNothingBehind() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let writer = try store.writer(subject: "account-1", limit: 150_000)
            try writer.write(randomBytes(100_000, seed: 1))
            #expect(folder.temporaryFiles().count == 1)
            #expect(throws: BlobStoreError.tooLarge(limit: 150_000)) { try writer.write(randomBytes(50_001, seed: 2)) }
            #expect(folder.files().isEmpty)
            #expect(throws: BlobStoreError.writerClosed) { try writer.write([1]) }
            #expect(throws: BlobStoreError.writerClosed) { _ = try writer.finish() }
            #expect(try store.usage().blobs == 0)
        }
    }

    @Test func exactlyTheLimitIsAccepted() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let stored = try store.store(randomBytes(150_000, seed: 1), subject: "a", limit: 150_000, piece: 150_000)
            #expect(stored.size == 150_000)
        }
    }

    @Test func cancellingOrDroppingAWriterRemovesItsTemporaryFile() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let writer = try store.writer(subject: "account-1", limit: 1 << 20)
            try writer.write(randomBytes(70_000, seed: 5))
            writer.cancel()
            #expect(folder.files().isEmpty)
            var dropped: BlobWriter? = try store.writer(subject: "account-1", limit: 1 << 20)
            try dropped?.write([1, 2, 3])
            #expect(folder.temporaryFiles().count == 1)
            dropped = nil
            #expect(folder.files().isEmpty)
        }
    }

    @Test func openingTheStoreRemovesTemporaryFilesOfDeadWritersOnly() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            // A writer in progress (its temporary file is locked) ...
            let live = try store.writer(subject: "account-1", limit: 1 << 20)
            try live.write(randomBytes(1000, seed: 1))
            // ... and what a crashed process left: an unlocked partial file.
            try folder.write(randomBytes(5000, seed: 2), to: "tmp/0123456789abcdef.part")
            #expect(folder.temporaryFiles().count == 2)

            _ = try folder.open()
            #expect(folder.temporaryFiles().count == 1)
            #expect(!folder.temporaryFiles().contains("tmp/0123456789abcdef.part"))
            #expect(folder.blobFiles().isEmpty)

            let stored = try live.finish()
            #expect(try store.open(subject: "account-1", address: stored.address).readAll() == randomBytes(1000, seed: 1))
        }
    }

    @Test func erasureRemovesExactlyThatSubjectsBlobs() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let shared = randomBytes(1000, seed: 77)
            let a = try [shared, randomBytes(70_000, seed: 1), randomBytes(10, seed: 2)].map { try store.store($0, subject: "account-a") }
            let b = try [shared, randomBytes(20, seed: 3)].map { try store.store($0, subject: "account-b") }
            #expect(try store.usage().blobs == 5)

            #expect(try store.deleteAll(subject: "account-a") == 3)
            for blob in a { #expect(!store.exists(subject: "account-a", address: blob.address)) }
            for blob in b { #expect(store.exists(subject: "account-b", address: blob.address)) }
            #expect(try store.open(subject: "account-b", address: b[0].address).readAll() == shared)
            #expect(try store.usage().blobs == 2)
            #expect(try store.deleteAll(subject: "account-a") == 0)

            // The subject can store again afterwards (a new upload after erasure is a new decision of the caller).
            let again = try store.store(shared, subject: "account-a")
            #expect(again.address == a[0].address)
        }
    }

    @Test func folderNamesRevealNothingAndPermissionsAreOwnerOnly() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let stored = try store.store([1, 2, 3], subject: "account-4f2a9c")
            let top = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(top.count == 2 && top.contains("tmp"))
            let subjectFolder = try #require(top.first { $0 != "tmp" })
            #expect(subjectFolder.count == 32 && subjectFolder.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            #expect(!subjectFolder.contains("4f2a9c"))

            func mode(_ relative: String) throws -> Int {
                let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + relative)
                return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
            }
            #expect(try mode("") == 0o700)
            #expect(try mode("/tmp") == 0o700)
            #expect(try mode("/" + subjectFolder) == 0o700)
            #expect(try mode("/\(subjectFolder)/\(stored.address.prefix(2))/\(stored.address)") == 0o600)
        }
    }

    @Test func aWriterTellsTheSniffedTypeOfWhatWasStored() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            #expect(try store.store(Samples.png, subject: "s").sniffedType == .png)
            #expect(try store.store(Samples.pdf, subject: "s", piece: 3).sniffedType == .pdf)
            #expect(try store.store(Samples.exe, subject: "s").sniffedType == .executable)
            #expect(try store.store([], subject: "s").sniffedType == nil)
        }
    }
}
