@testable import BlobStore
import Foundation
import Testing

/// What goes in comes out: whole, by range, chunk by chunk, and in the documented format.
@Suite struct BlobRoundTripTests {
    static let sizes = [0, 1, 100, 65_535, 65_536, 65_537, 131_072, 3 * 1024 * 1024 + 17]

    @Test(arguments: sizes)
    func storesAndReadsBackEveryByte(size: Int) throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let data = randomBytes(size, seed: UInt64(size) + 1)
            let stored = try store.store(data, subject: "account-1", piece: 7_777)
            #expect(stored.size == size)
            #expect(stored.address.count == 64)

            let reader = try store.open(subject: "account-1", address: stored.address)
            #expect(reader.size == size)
            #expect(try reader.readAll() == data)

            var chunks: [[UInt8]] = []
            while let chunk = try reader.next() { chunks.append(chunk) }
            #expect(chunks.joined().elementsEqual(data))
            #expect(chunks.allSatisfy { $0.count <= 64 * 1024 && !$0.isEmpty })
            #expect(chunks.count == (size + 65_535) / 65_536)
        }
    }

    @Test func theFileFollowsTheSpecifiedFormat() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let subject = "account-6f1c"
            let data = randomBytes(200_000, seed: 42)
            let stored = try store.store(data, subject: subject)

            // Keys and names as specified, computed here with libsodium directly.
            let subjectKey = Libsodium.keyedBlake2b(Array("blob-subject/v1".utf8) + Array(subject.utf8), key: folder.key, length: 32)
            let folderName = Libsodium.hex(Libsodium.keyedBlake2b(Array("blob-folder/v1".utf8) + Array(subject.utf8), key: folder.key, length: 16))
            #expect(stored.address == Libsodium.hex(Libsodium.keyedBlake2b(data, key: subjectKey, length: 32)))
            let relative = "\(folderName)/\(stored.address.prefix(2))/\(stored.address)"
            #expect(folder.blobFiles() == [relative])

            // Header, then 64 KiB chunks of 17 bytes overhead each, decryptable by libsodium's own sequential pull.
            let file = try folder.bytes(of: relative)
            #expect(file.count == 24 + 200_000 + 4 * 17)
            let addressBytes = (0..<32).map { UInt8(stored.address.dropFirst($0 * 2).prefix(2), radix: 16)! }
            let finalAD = Array("blob-final/v1".utf8) + addressBytes
            #expect(Libsodium.decryptSequentially(file, key: subjectKey, finalAdditionalData: finalAD) == data)
            #expect(Libsodium.decryptSequentially(file, key: subjectKey, finalAdditionalData: Array("blob-final/v1".utf8)) == nil)

            // The plaintext does not appear on disk.
            #expect(!file.contains(subsequence: data[1000..<1032]))
        }
    }

    @Test func rangesAcrossChunkBoundariesDecryptOnlyWhatTheyNeed() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let size = 5 * 65_536 + 1234
            let data = randomBytes(size, seed: 7)
            let stored = try store.store(data, subject: "account-2", piece: 65_536)
            let reader = try store.open(subject: "account-2", address: stored.address)
            var ranges: [Range<Int>] = [
                0..<0, 0..<1, 65_535..<65_537, 65_536..<131_072, 65_535..<(3 * 65_536 + 1),
                (size - 1)..<size, (5 * 65_536)..<size, 100..<(size - 100), 0..<size, size..<size,
            ]
            var generator = SeededGenerator(seed: 99)
            for _ in 0..<60 {
                let a = Int.random(in: 0...size, using: &generator)
                let b = Int.random(in: 0...size, using: &generator)
                ranges.append(min(a, b)..<max(a, b))
            }
            for range in ranges {
                #expect(try reader.read(range: range) == Array(data[range]), "range \(range)")
            }
            #expect(throws: BlobStoreError.invalidRange(0..<(size + 1), size: size)) { try reader.read(range: 0..<(size + 1)) }
            #expect(throws: BlobStoreError.invalidRange(-1..<3, size: size)) { try reader.read(range: -1..<3) }
        }
    }

    @Test func seekingRestartsChunkIterationAtAnyOffset() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let data = randomBytes(3 * 65_536 + 10, seed: 8)
            let reader = try store.open(subject: "s", address: try store.store(data, subject: "s").address)
            let start = try reader.seek(toChunkContaining: 2 * 65_536 + 5)
            #expect(start == 2 * 65_536)
            #expect(try reader.next() == Array(data[start..<(start + 65_536)]))
            #expect(try reader.next() == Array(data[(3 * 65_536)...]))
            #expect(try reader.next() == nil)
        }
    }

    @Test func theSameFileIsStoredOncePerSubjectUnderUnrelatedAddressesAcrossSubjects() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let data = randomBytes(70_000, seed: 3)
            let first = try store.store(data, subject: "account-a")
            let again = try store.store(data, subject: "account-a", piece: 333)
            let other = try store.store(data, subject: "account-b")
            #expect(first.address == again.address)
            #expect(first.address != other.address)
            #expect(folder.blobFiles().count == 2)
            #expect(folder.temporaryFiles().isEmpty)
            #expect(try store.open(subject: "account-b", address: other.address).readAll() == data)
            // An address is only valid with its own subject.
            #expect(throws: BlobStoreError.notFound) { try store.open(subject: "account-b", address: first.address) }

            let usage = try store.usage()
            #expect(usage.blobs == 2)
            #expect(usage.bytes == 2 * BlobFormat.fileLength(plaintextSize: 70_000))
        }
    }

    @Test func anotherStoreWithTheSameKeyReadsTheBlobsAndAnotherKeyDoesNot() throws {
        try StoreFolder.with { folder in
            let stored = try folder.open().store([1, 2, 3], subject: "account-1")
            #expect(try folder.open().open(subject: "account-1", address: stored.address).readAll() == [1, 2, 3])
            let otherKey = try BlobStore(directory: folder.url, key: [UInt8](repeating: 9, count: 32))
            #expect(!otherKey.exists(subject: "account-1", address: stored.address))
        }
    }

    @Test func nonContiguousCollectionsAreWrittenToo() throws {
        try StoreFolder.with { folder in
            let store = try folder.open()
            let writer = try store.writer(subject: "s", limit: 1000)
            try writer.write((0..<100).map { UInt8($0) }.lazy.map { $0 })
            try writer.write(Array(100..<200).map { UInt8($0) })
            let stored = try writer.finish()
            #expect(try store.open(subject: "s", address: stored.address).readAll() == (0..<200).map { UInt8($0) })
        }
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence: ArraySlice<UInt8>) -> Bool {
        guard subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { self[$0..<($0 + subsequence.count)].elementsEqual(subsequence) }
    }
}
