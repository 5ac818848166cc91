import EventStore
import Foundation
import Testing

/// Many concurrent writers share transactions, yet the log stays gapless and every stream consecutive.
///
/// The time limit only turns a hang into a failure; nothing here asserts a duration.
@Suite(.timeLimit(.minutes(5))) struct GroupCommitTests {
    @Test func concurrentAppendsGetUniqueGaplessPositions() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let tasks = 64, appendsPerTask = 50
            let perTask = try await Array(0..<tasks).concurrentMap { t -> [(position: UInt64, version: UInt64)] in
                var acknowledged: [(UInt64, UInt64)] = []
                for n in 0..<appendsPerTask {
                    // Tasks share eight streams, so appends to one stream interleave across batches.
                    let stream = "shared-\(t % 8)"
                    let result = try await store.append(to: stream, expected: .any, events: [Fixtures.event("Tick", #"{"t":\#(t),"n":\#(n)}"#)])
                    acknowledged.append((result.positions[0], result.streamVersions[stream]!))
                }
                return acknowledged
            }
            let total = tasks * appendsPerTask
            let positions = perTask.flatMap { $0.map(\.position) }
            #expect(positions.sorted() == Array(1...UInt64(total)))
            #expect(store.lastPosition == UInt64(total))
            // Each task saw its own appends in order.
            for acknowledged in perTask {
                #expect(acknowledged.map(\.position) == acknowledged.map(\.position).sorted())
            }

            let all = try store.readAll()
            #expect(all.map(\.position) == Array(1...UInt64(total)))
            for s in 0..<8 {
                let stream = try store.read(stream: "shared-\(s)", limit: .max)
                #expect(stream.map(\.streamVersion) == Array(1...UInt64(stream.count)))
                #expect(stream.map(\.position) == stream.map(\.position).sorted())
                #expect(try store.streamVersion("shared-\(s)") == UInt64(stream.count))
            }
            // Each acknowledged (position, version) is what the log holds.
            for (t, acknowledged) in perTask.enumerated() {
                for (n, ack) in acknowledged.enumerated() {
                    let event = all[Int(ack.position) - 1]
                    #expect(event.streamVersion == ack.version)
                    #expect(event.dataString == #"{"t":\#(t),"n":\#(n)}"#)
                }
            }
            let report = try store.verify()
            #expect(report.isOK && report.eventsChecked == UInt64(total) && report.headHash == all.last!.hash.hex)
        }
    }

    @Test func concurrentExactAppendsToOneStreamNeverOverwrite() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            // Every writer retries with the version it last saw: optimistic concurrency under contention.
            let wins = try await Array(0..<16).concurrentMap { w -> Int in
                var wins = 0
                while wins < 10 {
                    let version = try store.streamVersion("contended")
                    do {
                        _ = try await store.append(to: "contended", expected: version.map { .exact($0) } ?? .noStream,
                                                   events: [Fixtures.event("Tick", #"{"w":\#(w)}"#)])
                        wins += 1
                    } catch EventStoreError.wrongExpectedVersion {}
                }
                return wins
            }
            #expect(wins.reduce(0, +) == 160)
            #expect(try store.streamVersion("contended") == 160)
            #expect(try store.read(stream: "contended", limit: 1000).map(\.streamVersion) == Array(1...160))
        }
    }

    @Test func closingWhileAppendsRunAnswersEveryCaller() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            let outcomes = try await withThrowingTaskGroup(of: [UInt64?].self) { group in
                for w in 0..<16 {
                    group.addTask {
                        var outcomes: [UInt64?] = []
                        for _ in 0..<50 {
                            do {
                                outcomes.append(try await store.appendSome(1, to: "w\(w)").positions[0])
                            } catch EventStoreError.closed {
                                outcomes.append(nil)
                            }
                        }
                        return outcomes
                    }
                }
                _ = try await store.waitForEvents(after: 100)
                store.close()
                return try await group.reduce(into: []) { $0 += $1 }
            }
            // Every caller was answered; what was acknowledged is in the log, and nothing else.
            let acknowledged = outcomes.compactMap { $0 }
            #expect(outcomes.count == 800)
            #expect(acknowledged.count >= 101)
            let reopened = try folder.openReadOnly()
            defer { reopened.close() }
            #expect(acknowledged.sorted() == Array(1...reopened.lastPosition))
            #expect(try reopened.verify().isOK)
        }
    }
}
