import EventStore
import Foundation
import Testing

/// `verify()` recomputes the hash chain and names the first position that does not hold.
@Suite struct VerifyTests {
    @Test func aGoodLogVerifies() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let empty = try store.verify()
            #expect(empty.isOK && empty.eventsChecked == 0 && empty.headHash == [UInt8](repeating: 0, count: 32).hex)
            for i in 0..<20 {
                _ = try await store.append(to: "s\(i % 3)", expected: .any, events: [
                    Fixtures.event("Tick", #"{"i":\#(i)}"#, sealed: i % 2 == 0 ? SealedPayload(subject: "p\(i % 4)", data: [1, 2, 3]) : nil, clientIP: "192.0.2.\(i)"),
                ])
            }
            let report = try store.verify()
            #expect(report.isOK)
            #expect(report.eventsChecked == 20)
            #expect(report.headHash == (try store.event(at: 20)?.hash.hex))
        }
    }

    @Test func theChainLinksEachRecordToThePreviousOne() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            try await store.appendSome(3, to: "a")
            let hashes = try store.readAll().map(\.hash)
            #expect(hashes.allSatisfy { $0.count == 32 })
            #expect(Set(hashes).count == 3)
        }
    }

    @Test(arguments: [1, 37, 80])
    func aFlippedByteIsReportedAtItsPosition(_ target: Int) async throws {
        try await TestFolder.with { folder in
            let marker = "MARKER-\(UUID().uuidString)"
            do {
                let store = try folder.open()
                defer { store.close() }
                for i in 1...80 {
                    let json = i == target ? #"{"note":"\#(marker)"}"# : #"{"i":\#(i)}"#
                    _ = try await store.append(to: "s\(i % 5)", expected: .any, events: [Fixtures.event("Tick", json)])
                }
                #expect(try store.verify().isOK)
            }

            // Change one byte of the marker on disk. LMDB copies pages on write, so an older copy of
            // the record may linger in a free page: change every copy, only the live one matters.
            let needle = Array(marker.utf8)
            let hits = try folder.rawLog().indices(of: needle)
            try #require(!hits.isEmpty)
            for hit in hits { try folder.flipLowBit(ofByteAt: hit + needle.count - 1) }

            let readOnly = try folder.openReadOnly()
            defer { readOnly.close() }
            let report = try readOnly.verify()
            let problem = try #require(report.firstProblem)
            #expect(problem.position == UInt64(target))
            #expect(problem.reason.contains("hash"))
            #expect(report.eventsChecked == UInt64(target - 1))
        }
    }
}

extension Array where Element == UInt8 {
    /// Start indices of every occurrence of `needle`.
    func indices(of needle: [UInt8]) -> [Int] {
        guard let first = needle.first, needle.count <= count else { return [] }
        var found: [Int] = []
        var i = 0
        while i <= count - needle.count {
            if self[i] == first && self[i..<(i + needle.count)].elementsEqual(needle) { found.append(i) }
            i += 1
        }
        return found
    }
}
