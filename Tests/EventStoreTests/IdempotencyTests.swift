import EventStore
import Foundation
import Testing

/// A retried append (same event ids) is answered with the original positions and writes nothing.
@Suite struct IdempotencyTests {
    @Test func resendingTheSameIdsReturnsTheOriginalPositions() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            try await store.appendSome(3, to: "other")
            let appends = [
                StreamAppend(stream: "a", expected: .noStream, events: Fixtures.events(2)),
                StreamAppend(stream: "b", expected: .noStream, events: Fixtures.events(1)),
            ]
            let first = try await store.append(appends)
            #expect(first.positions == [4, 5, 6] && first.streamVersions == ["a": 2, "b": 1] && !first.wasDuplicate)
            let last = store.lastPosition

            // The expectations no longer hold, but a retry is recognised by its ids before they are checked.
            let again = try await store.append(appends)
            #expect(again.positions == [4, 5, 6] && again.streamVersions == ["a": 2, "b": 1] && again.wasDuplicate)
            #expect(store.lastPosition == last)
            #expect(try store.readAll().count == 6)
            #expect(try store.streamVersion("a") == 2)
        }
    }

    @Test func resendsInTheSameGroupCommitWriteOnce() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let events = Fixtures.events(3)
            let results = try await Array(0..<20).concurrentMap { _ in
                try await store.append(to: "retried", expected: .any, events: events)
            }
            #expect(Set(results.map(\.positions)) == [[1, 2, 3]])
            #expect(results.filter { !$0.wasDuplicate }.count == 1)
            #expect(store.lastPosition == 3)
        }
    }

    @Test func partiallyKnownIdsAreAConflict() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let original = Fixtures.events(2)
            _ = try await store.append(to: "a", expected: .any, events: original)
            let changed = [original[0], Fixtures.event()]
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await store.append(to: "a", expected: .any, events: changed)
            }
            guard case .idempotencyConflict(let id, _) = error else {
                Issue.record("expected idempotencyConflict, got \(String(describing: error))")
                return
            }
            #expect(id == original[0].id.uuidString)
            #expect(store.lastPosition == 2)
        }
    }

    @Test func anIdCannotAppearTwiceInOneAppend() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let event = Fixtures.event()
            await #expect(throws: EventStoreError.self) {
                _ = try await store.append([
                    StreamAppend(stream: "a", expected: .any, events: [event]),
                    StreamAppend(stream: "b", expected: .any, events: [event]),
                ])
            }
            #expect(store.lastPosition == 0)
        }
    }
}
