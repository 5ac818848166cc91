import EventStore
import Foundation
import Synchronization
import Testing

/// The store clock never goes backwards, even when the system clock does.
@Suite struct RecordedAtTests {
    /// A clock that plays back the given readings, then repeats the last one.
    final class SteppingClock: Sendable {
        private let readings: Mutex<[Int64]>
        init(_ readings: [Int64]) { self.readings = Mutex(readings) }
        var function: @Sendable () -> Int64 {
            { self.readings.withLock { r in r.count > 1 ? r.removeFirst() : r[0] } }
        }
    }

    @Test func recordedAtNeverGoesBackwards() async throws {
        try await TestFolder.with { folder in
            let clock = SteppingClock([1_000, 5_000, 9_000, 2_000, 1_500, 12_000, 3_000, 3_000, 20_000, 100])
            let store = try folder.open(clock: clock.function)
            for _ in 0..<9 { try await store.appendSome(2, to: "a") }
            let times = try store.readAll().map(\.recordedAtMicros)
            store.close()
            #expect(times == times.sorted())
            #expect(times.first! >= 1_000)
            #expect(times.last == 20_000)

            // After a restart with a clock far behind, the log still does not go back in time.
            let early = try folder.open(clock: { 42 })
            defer { early.close() }
            try await early.appendSome(3, to: "a")
            let later = try early.readAll().map(\.recordedAtMicros)
            #expect(later == later.sorted())
            #expect(later.suffix(3).allSatisfy { $0 == 20_000 })
        }
    }

    @Test func recordedAtFollowsTheClockWhenItMovesForward() async throws {
        try await TestFolder.with { folder in
            let clock = SteppingClock([1_000, 2_000, 3_000, 4_000, 5_000])
            let store = try folder.open(clock: clock.function)
            defer { store.close() }
            for _ in 0..<3 { try await store.appendSome(1, to: "a") }
            let times = try store.readAll().map(\.recordedAtMicros)
            #expect(times.count == 3)
            #expect(Set(times).count == 3)
            #expect(times == times.sorted())
            #expect(try store.event(at: 1)!.recordedAt == Date(timeIntervalSince1970: Double(times[0]) / 1_000_000))
        }
    }
}
