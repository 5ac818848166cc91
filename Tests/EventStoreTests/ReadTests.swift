import EventStore
import Foundation
import Testing

/// Reading the log, a stream or one event; checkpoints and statistics.
///
/// The time limit only turns a hang into a failure; nothing here asserts a duration.
@Suite(.timeLimit(.minutes(5))) struct ReadTests {
    @Test func readingTheLogInBatchesWithATypeFilter() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            for i in 0..<10 { try await store.appendSome(1, to: "s", type: i % 3 == 0 ? "A" : "B") }
            let first = try store.read(after: 0, limit: 4)
            #expect(first.events.map(\.position) == [1, 2, 3, 4] && first.through == 4)
            let filtered = try store.read(after: 4, limit: 4, types: ["A"])
            #expect(filtered.events.map(\.position) == [7] && filtered.through == 8)
            let end = try store.read(after: 10)
            #expect(end.events.isEmpty && end.through == 10)
            #expect(try store.event(at: 11) == nil)
            #expect(try store.event(at: 0) == nil)
        }
    }

    @Test func readingAStreamForwardsAndBackwards() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            for i in 0..<6 {
                try await store.appendSome(1, to: "a")
                try await store.appendSome(1, to: "b\(i)")   // neighbours in the stream index
            }
            let a = try store.read(stream: "a")
            #expect(a.map(\.streamVersion) == [1, 2, 3, 4, 5, 6])
            #expect(a.map(\.position) == [1, 3, 5, 7, 9, 11])
            #expect(try store.read(stream: "a", from: 4).map(\.streamVersion) == [4, 5, 6])
            #expect(try store.read(stream: "a", from: 2, limit: 2).map(\.streamVersion) == [2, 3])
            #expect(try store.read(stream: "a", direction: .backwards).map(\.streamVersion) == [6, 5, 4, 3, 2, 1])
            #expect(try store.read(stream: "a", from: 3, direction: .backwards).map(\.streamVersion) == [3, 2, 1])
            #expect(try store.read(stream: "a", from: 99, direction: .backwards, limit: 2).map(\.streamVersion) == [6, 5])
            #expect(try store.read(stream: "a", from: 7).isEmpty)
            #expect(try store.read(stream: "b0", direction: .backwards).map(\.position) == [2])
            #expect(try store.read(stream: "nope").isEmpty)
            #expect(try store.streamVersion("nope") == nil)
        }
    }

    /// Long streams are read through the sparse index and the records' back-links: every window,
    /// in both directions, must come out exactly as the versions say.
    @Test func longStreamsReadCorrectlyAcrossIndexStrides() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            for _ in 0..<5 {
                try await store.appendSome(61, to: "long")
                try await store.appendSome(3, to: "other")  // interleaved, so positions are not consecutive
            }
            let all = try store.read(stream: "long", limit: 10_000)
            #expect(all.map(\.streamVersion) == Array(1...305))
            #expect(all.allSatisfy { $0.stream == "long" })
            for from: UInt64 in [1, 2, 63, 64, 65, 66, 128, 129, 130, 200, 256, 257, 300, 305] {
                for limit in [1, 7, 64, 65, 500] {
                    let forwards = try store.read(stream: "long", from: from, limit: limit)
                    let expectedForwards = Array(from...min(305, from + UInt64(limit) - 1))
                    #expect(forwards.map(\.streamVersion) == expectedForwards, "forwards from \(from) limit \(limit)")
                    let backwards = try store.read(stream: "long", from: from, direction: .backwards, limit: limit)
                    let low = from >= UInt64(limit) ? from - UInt64(limit) + 1 : 1
                    #expect(backwards.map(\.streamVersion) == Array((low...from).reversed()), "backwards from \(from) limit \(limit)")
                }
            }
            #expect(try store.read(stream: "long", from: 306).isEmpty)
            #expect(try store.verify().isOK)
        }
    }

    @Test func checkpointsAreStoredResetAndCounted() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            #expect(try store.checkpoint(name: "tickets") == nil)
            try await store.saveCheckpoint(name: "tickets", position: 42, snapshot: [1, 2, 3])
            try await store.saveCheckpoint(name: "sla", position: 7, snapshot: [])
            let saved = try #require(try store.checkpoint(name: "tickets"))
            #expect(saved.position == 42 && saved.snapshot == [1, 2, 3])
            try await store.saveCheckpoint(name: "tickets", position: 43, snapshot: [9])
            #expect(try store.checkpoint(name: "tickets")?.position == 43)
            #expect(try store.statistics().checkpoints == ["tickets": 43, "sla": 7])
            try await store.resetCheckpoint(name: "sla")
            #expect(try store.checkpoint(name: "sla") == nil)
            #expect(store.lastPosition == 0)   // checkpoints are not events
            store.close()

            let reopened = try folder.openReadOnly()
            defer { reopened.close() }
            #expect(try reopened.checkpoint(name: "tickets")?.snapshot == [9])
            await #expect(throws: EventStoreError.readOnly) { try await reopened.saveCheckpoint(name: "x", position: 1, snapshot: []) }
        }
    }

    @Test func statisticsCountEventsStreamsAndSubjects() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            try await store.appendSome(3, to: "a", type: "A")
            try await store.appendSome(2, to: "b", type: "B")
            _ = try await store.append(to: "c", expected: .any, events: [Fixtures.event("C", sealed: SealedPayload(subject: "p1", data: [1]))])
            _ = try await store.eraseSubject("p2", recording: [StreamAppend(stream: "c", expected: .any, events: [Fixtures.event("C")])])
            let stats = try store.statistics()
            #expect(stats.events == 7)
            #expect(stats.streams == 3)
            #expect(stats.subjects == 1 && stats.erasedSubjects == 1)
            #expect(stats.eventsByType == ["A": 3, "B": 2, "C": 2])
            #expect(stats.fileBytes > 0 && stats.usedBytes > 0 && stats.mapBytes >= stats.usedBytes)
        }
    }

    @Test func waitForEventsReturnsOnceTheLogGrows() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let waiter = Task { try await store.waitForEvents(after: 0) }
            try await store.appendSome(2, to: "a")
            #expect(try await waiter.value >= 1)
            #expect(try await store.waitForEvents(after: 1) == 2)   // already there: returns at once
        }
    }

    @Test func aReadOnlyStoreSeesWhatWasWritten() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            try await store.appendSome(4, to: "a")
            store.close()
            let readOnly = try folder.openReadOnly()
            defer { readOnly.close() }
            #expect(readOnly.lastPosition == 4)
            #expect(try await readOnly.waitForEvents(after: 3) == 4)
            var seen: [UInt64] = []
            for try await event in readOnly.subscribe(after: 1) {
                seen.append(event.position)
                if seen.count == 3 { break }
            }
            #expect(seen == [2, 3, 4])
        }
    }
}
