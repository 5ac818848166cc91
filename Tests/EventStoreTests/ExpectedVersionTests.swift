import EventStore
import Testing

/// Optimistic concurrency: every expectation against an absent and a present stream.
@Suite struct ExpectedVersionTests {
    /// (expectation, holds against an absent stream, holds against a stream at version 2)
    static let cases: [(ExpectedVersion, Bool, Bool)] = [
        (.any, true, true),
        (.noStream, true, false),
        (.exists, false, true),
        (.exact(1), false, false),
        (.exact(2), false, true),
        (.exact(3), false, false),
    ]

    @Test(arguments: 0..<cases.count)
    func expectationAgainstAbsentAndPresentStream(_ index: Int) async throws {
        let (expected, holdsWhenAbsent, holdsAtTwo) = Self.cases[index]
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            try await store.appendSome(2, to: "present")

            try await check(store, stream: "absent", expected: expected, holds: holdsWhenAbsent, actual: nil)
            try await check(store, stream: "present", expected: expected, holds: holdsAtTwo, actual: 2)
        }
    }

    private func check(_ store: EventStore, stream: String, expected: ExpectedVersion, holds: Bool, actual: UInt64?) async throws {
        let before = store.lastPosition
        if holds {
            let result = try await store.append(to: stream, expected: expected, events: Fixtures.events(1))
            #expect(result.positions == [before + 1])
            #expect(result.streamVersions[stream] == (actual ?? 0) + 1)
            #expect(try store.streamVersion(stream) == (actual ?? 0) + 1)
        } else {
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await store.append(to: stream, expected: expected, events: Fixtures.events(1))
            }
            #expect(error == .wrongExpectedVersion(stream: stream, expected: expected, actual: actual))
            #expect(store.lastPosition == before)
            #expect(try store.streamVersion(stream) == actual)
        }
    }

    @Test func errorMessageNamesStreamExpectationAndActualVersion() {
        let present = EventStoreError.wrongExpectedVersion(stream: "ticket-7", expected: .exact(3), actual: 5)
        #expect(present.description == "stream 'ticket-7' was expected to be at version 3, but it is at version 5")
        let absent = EventStoreError.wrongExpectedVersion(stream: "ticket-8", expected: .exists, actual: nil)
        #expect(absent.description == "stream 'ticket-8' was expected to be present, but it does not exist")
    }

    @Test func versionsCountFromOneAndPositionsAreGlobal() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let a = try await store.append(to: "a", expected: .noStream, events: Fixtures.events(2))
            let b = try await store.append(to: "b", expected: .noStream, events: Fixtures.events(1))
            let a2 = try await store.append(to: "a", expected: .exact(2), events: Fixtures.events(1))
            #expect(a.positions == [1, 2] && a.streamVersions == ["a": 2])
            #expect(b.positions == [3] && b.streamVersions == ["b": 1])
            #expect(a2.positions == [4] && a2.streamVersions == ["a": 3])
            #expect(try store.read(stream: "a").map(\.streamVersion) == [1, 2, 3])
            #expect(try store.read(stream: "a").map(\.position) == [1, 2, 4])
        }
    }
}
