import Domain
import EventStore
import Foundation
import Projections
import Synchronization
import Testing

/// Counts what it applies, so tests can see which events a run replayed.
final class CountingProjection: Projection {
    let name: String
    let version: Int
    let eventTypes: Set<String>?
    let failOn: UInt64?
    private let state = Mutex<(count: Int, positions: [UInt64])>((0, []))

    init(name: String = "counter", version: Int = 1, eventTypes: Set<String>? = nil, failOn: UInt64? = nil) {
        self.name = name
        self.version = version
        self.eventTypes = eventTypes
        self.failOn = failOn
    }

    struct Failure: Error {}

    func apply(_ event: RecordedEvent) throws {
        if event.position == failOn { throw Failure() }
        state.withLock { s in
            s.count += 1
            s.positions.append(event.position)
        }
    }
    var count: Int { state.withLock { $0.count } }
    var positions: [UInt64] { state.withLock { $0.positions } }
    func snapshot() throws -> [UInt8] { try SnapshotCodec.encode(count, version: version) }
    func restore(from snapshot: [UInt8]) throws {
        let n = try SnapshotCodec.decode(Int.self, from: snapshot)
        state.withLock { $0 = (n, []) }
    }
    func reset() { state.withLock { $0 = (0, []) } }
}

@Suite("Projection runner")
struct ProjectionRunnerTests {
    func fill(_ log: TestLog, _ n: Int) async throws {
        for i in 0..<n { try await log.append(EmailAddressReserved(accountID: IDs.account(i)), to: "email-\(i)") }
    }

    @Test func restartReplaysOnlyTheTail() async throws {
        let log = try TestLog()
        try await fill(log, 10)
        let first = CountingProjection()
        await try log.fold([first]).stop()  // stop writes the checkpoint
        #expect(first.count == 10)
        #expect(try log.store.checkpoint(name: "counter")?.position == 10)

        try await fill(log, 3)
        let second = CountingProjection()
        let runner = try await log.fold([second])
        await runner.stop()
        #expect(second.count == 13)          // 10 from the snapshot…
        #expect(second.positions == [11, 12, 13])  // …and only the tail applied
    }

    @Test func aSnapshotOfAnotherVersionIsRebuiltFromTheStart() async throws {
        let log = try TestLog()
        try await fill(log, 5)
        await try log.fold([CountingProjection(version: 1)]).stop()
        let upgraded = CountingProjection(version: 2)
        await try log.fold([upgraded]).stop()
        #expect(upgraded.positions == [1, 2, 3, 4, 5])
    }

    @Test func readYourWrites() async throws {
        let log = try TestLog()
        let counter = CountingProjection()
        let runner = ProjectionRunner(store: log.store, projections: [counter])
        try runner.start()
        let position = try await log.append(EmailAddressReserved(accountID: IDs.account(1)), to: "email-1")
        #expect(await runner.waitUntil(position, timeout: .seconds(10)))
        #expect(counter.positions.contains(position))
        #expect(await runner.waitUntil(position + 100, timeout: .milliseconds(200)) == false)
        await runner.stop()
    }

    @Test func typeFiltersSkipOtherEventsButAdvanceThePosition() async throws {
        let log = try TestLog()
        try await fill(log, 4)
        try await log.append(DuplicateRegistrationAttempted(accountID: IDs.account(1)), to: "x")
        let only = CountingProjection(eventTypes: [DuplicateRegistrationAttempted.eventType])
        let runner = try await log.fold([only])
        #expect(only.positions == [5])
        #expect(runner.status().first?.position == 5)
        #expect(runner.status().first?.isCaughtUp == true)
        await runner.stop()
    }

    @Test func rebuildStartsOverFromZero() async throws {
        let log = try TestLog()
        try await fill(log, 6)
        let counter = CountingProjection()
        let runner = try await log.fold([counter])
        try await runner.rebuild("counter")
        #expect(await runner.waitUntil(6, timeout: .seconds(10)))
        #expect(counter.positions == [1, 2, 3, 4, 5, 6])
        await #expect(throws: ProjectionError.self) { try await runner.rebuild("nope") }
        await runner.stop()
    }

    @Test func aFailingEventStopsTheProjectionAndIsReported() async throws {
        let log = try TestLog()
        try await fill(log, 5)
        let failing = CountingProjection(failOn: 3)
        let runner = ProjectionRunner(store: log.store, projections: [failing])
        try runner.start()
        #expect(await runner.waitUntil(5, timeout: .milliseconds(500)) == false)
        let status = try #require(runner.status().first)
        #expect(status.failure?.contains("position 3") == true)
        #expect(status.isCaughtUp == false)
        #expect(failing.positions == [1, 2])
        await runner.stop()
    }

    @Test func liveEventsArriveAfterCatchUp() async throws {
        let log = try TestLog()
        try await fill(log, 3)
        let counter = CountingProjection()
        let runner = try await log.fold([counter])
        try await fill(log, 3)
        #expect(await runner.waitUntil(6, timeout: .seconds(10)))
        #expect(counter.positions == [1, 2, 3, 4, 5, 6])
        await runner.stop()
    }
}
