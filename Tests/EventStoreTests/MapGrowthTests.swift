import EventStore
import Foundation
import Testing

/// The memory map grows by itself when the log outgrows it; no caller ever sees `MDB_MAP_FULL`.
@Suite struct MapGrowthTests {
    @Test func appendingSeveralMegabytesToATinyMapSucceeds() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open(initialMapSize: 1 << 20)
            defer { store.close() }
            let blob = String(repeating: "x", count: 20_000)
            // Concurrent writers, so growth also happens in the middle of a group commit.
            let results = try await Array(0..<8).concurrentMap { w -> [UInt64] in
                var positions: [UInt64] = []
                for n in 0..<40 {
                    let r = try await store.append(to: "big-\(w)", expected: .any, events: [
                        Fixtures.event("Blob", #"{"w":\#(w),"n":\#(n),"blob":"\#(blob)"}"#),
                        Fixtures.event("Small", #"{"w":\#(w),"n":\#(n)}"#, sealed: SealedPayload(subject: "subject-\(w)", data: Array("p\(n)".utf8))),
                    ])
                    positions += r.positions
                }
                return positions
            }
            #expect(results.flatMap { $0 }.sorted() == Array(1...640))
            let stats = try store.statistics()
            #expect(stats.mapBytes > 1 << 20)
            #expect(stats.usedBytes > 6 << 20)
            #expect(stats.events == 640)

            let all = try store.readAll()
            #expect(all.count == 640)
            for event in all where event.type == "Blob" { #expect(event.data.count > 20_000) }
            for event in all where event.type == "Small" { #expect(event.sealed.data != nil) }
            #expect(try store.verify().isOK)
        }
    }

    @Test func oneAppendLargerThanTheWholeMapSucceeds() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open(initialMapSize: 1 << 20)
            defer { store.close() }
            let events = (0..<5).map { i in Fixtures.event("Blob", #"{"blob":"\#(String(repeating: "y", count: 1 << 20))","i":\#(i)}"#) }
            let result = try await store.append(to: "huge", expected: .noStream, events: events)
            #expect(result.positions == [1, 2, 3, 4, 5])
            #expect(try store.read(stream: "huge").map(\.data.count) == events.map(\.data.count))
        }
    }

    @Test func theGrownLogReopensWithTheSmallInitialSize() async throws {
        try await TestFolder.with { folder in
            do {
                let store = try folder.open(initialMapSize: 1 << 20)
                defer { store.close() }
                for _ in 0..<10 { _ = try await store.append(to: "a", expected: .any, events: [Fixtures.event("Blob", String(repeating: "z", count: 400_000))]) }
            }
            let reopened = try folder.open(initialMapSize: 1 << 20)
            #expect(try reopened.readAll().count == 10)
            try await reopened.appendSome(1, to: "a")
            reopened.close()
            let readOnly = try EventStore(.init(folder: folder.dataFolder, readOnly: true, create: false, initialMapSize: 1 << 20))
            defer { readOnly.close() }
            #expect(try readOnly.readAll().count == 11)
        }
    }
}
