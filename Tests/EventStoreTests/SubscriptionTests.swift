import EventStore
import Foundation
import Testing

/// Subscribers see every committed event exactly once, in order, while appends run.
///
/// The time limit only turns a hang into a failure; nothing here asserts a duration.
@Suite(.timeLimit(.minutes(5))) struct SubscriptionTests {
    /// Collects the first `count` events a subscription delivers.
    private static func collect(_ subscription: EventSubscription, count: Int) async throws -> [RecordedEvent] {
        var seen: [RecordedEvent] = []
        for try await event in subscription {
            seen.append(event)
            if seen.count == count { break }
        }
        return seen
    }

    @Test func noGapNoDuplicateWhileAppendsRun() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let writers = 16, perWriter = 40
            let total = writers * perWriter + 10
            try await store.appendSome(10, to: "before")   // something to catch up on first

            try await withThrowingTaskGroup(of: [UInt64].self) { group in
                // One subscriber starts before the appends, others join while they run.
                group.addTask { try await Self.collect(store.subscribe(after: 0, batchSize: 7), count: total).map(\.position) }
                for w in 0..<writers {
                    group.addTask {
                        for n in 0..<perWriter {
                            _ = try await store.append(to: "w\(w)", expected: .any, events: [Fixtures.event("Tick", #"{"n":\#(n)}"#)])
                        }
                        return []
                    }
                }
                for late in 0..<3 {
                    group.addTask {
                        _ = try await store.waitForEvents(after: UInt64(10 + late * 100))
                        return try await Self.collect(store.subscribe(after: 0, batchSize: 1 + late * 50), count: total).map(\.position)
                    }
                }
                var subscribers = 0
                for try await positions in group where !positions.isEmpty {
                    #expect(positions == Array(1...UInt64(total)))
                    subscribers += 1
                }
                #expect(subscribers == 4)
            }
        }
    }

    @Test func typeFilterDeliversOnlyThoseTypesWithoutGaps() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let subscriber = Task {
                try await Self.collect(store.subscribe(after: 0, types: ["Wanted"], batchSize: 5), count: 60)
            }
            var wanted: [UInt64] = []
            for i in 0..<200 {
                let type = i % 10 < 3 ? "Wanted" : "Other"
                let result = try await store.append(to: "s\(i % 7)", expected: .any, events: [Fixtures.event(type)])
                if type == "Wanted" { wanted.append(result.positions[0]) }
            }
            let seen = try await subscriber.value
            #expect(seen.allSatisfy { $0.type == "Wanted" })
            #expect(seen.map(\.position) == wanted)
        }
    }

    @Test func subscribingAfterAPositionStartsRightAfterIt() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            try await store.appendSome(30, to: "a")
            let seen = try await Self.collect(store.subscribe(after: 25), count: 5)
            #expect(seen.map(\.position) == [26, 27, 28, 29, 30])
        }
    }

    @Test func closingTheStoreEndsALiveSubscription() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            try await store.appendSome(3, to: "a")
            let (progress, reported) = AsyncStream.makeStream(of: Int.self)
            let subscriber = Task {
                var count = 0
                for try await _ in store.subscribe(after: 0) {
                    count += 1
                    reported.yield(count)
                }
                reported.finish()
                return count
            }
            for await count in progress where count == 3 { break }
            // Caught up: the subscriber now waits for more (or is about to read again); closing ends it.
            store.close()
            #expect(try await subscriber.value == 3)
        }
    }

    @Test func cancellingEndsAWaitingSubscription() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let subscriber = Task {
                for try await _ in store.subscribe(after: 0) {}
            }
            subscriber.cancel()
            await #expect(throws: CancellationError.self) { try await subscriber.value }
        }
    }
}
