import EventStore
import Foundation
import Testing

/// A multi-stream append is all or nothing.
@Suite struct AtomicAppendTests {
    @Test func aFailedExpectationOnTheSecondStreamWritesNeither() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            try await store.appendSome(1, to: "taken")
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await store.append([
                    StreamAppend(stream: "fresh", expected: .noStream, events: Fixtures.events(2)),
                    StreamAppend(stream: "taken", expected: .noStream, events: Fixtures.events(1)),
                ])
            }
            #expect(error == .wrongExpectedVersion(stream: "taken", expected: .noStream, actual: 1))
            #expect(try store.streamVersion("fresh") == nil)
            #expect(try store.streamVersion("taken") == 1)
            #expect(try store.read(stream: "fresh").isEmpty)
            #expect(store.lastPosition == 1)
            #expect(try store.verify().isOK)

            // The stream really is still free: the next append gets the next position.
            let ok = try await store.append(to: "fresh", expected: .noStream, events: Fixtures.events(1))
            #expect(ok.positions == [2])
        }
    }

    @Test func aFailedAppendDoesNotAffectOthersInTheSameGroupCommit() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            // Half of these fail (odd streams already exist); the rest must commit around them.
            for i in stride(from: 1, to: 40, by: 2) { try await store.appendSome(1, to: "s\(i)") }
            let outcomes = try await Array(0..<40).concurrentMap { i -> Bool in
                do {
                    _ = try await store.append([
                        StreamAppend(stream: "t\(i)", expected: .noStream, events: Fixtures.events(2)),
                        StreamAppend(stream: "s\(i)", expected: .noStream, events: Fixtures.events(1)),
                    ])
                    return true
                } catch EventStoreError.wrongExpectedVersion { return false }
            }
            for i in 0..<40 {
                #expect(outcomes[i] == (i % 2 == 0))
                #expect(try store.streamVersion("t\(i)") == (i % 2 == 0 ? 2 : nil))
            }
            #expect(store.lastPosition == 20 + 20 * 3)
            #expect(try store.verify() .isOK)
        }
    }

    @Test func exactlyOneConcurrentReservationWins() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            // "One account per e-mail": each attempt opens its own account and reserves the address.
            let attempts = try await Array(0..<32).concurrentMap { i -> Bool in
                do {
                    _ = try await store.append([
                        StreamAppend(stream: "account-\(i)", expected: .noStream, events: [Fixtures.event("AccountOpened")]),
                        StreamAppend(stream: "email-ada@example.org", expected: .noStream, events: [Fixtures.event("EmailReserved", #"{"account":\#(i)}"#)]),
                    ])
                    return true
                } catch let EventStoreError.wrongExpectedVersion(stream, expected, actual) {
                    #expect(stream == "email-ada@example.org" && expected == .noStream && actual == 1)
                    return false
                }
            }
            #expect(attempts.filter { $0 }.count == 1)
            let winner = try #require(attempts.firstIndex(of: true))
            #expect(try store.read(stream: "email-ada@example.org").map(\.dataString) == [#"{"account":\#(winner)}"#])
            for i in 0..<32 { #expect(try store.streamVersion("account-\(i)") == (i == winner ? 1 : nil)) }
            #expect(store.lastPosition == 2)
        }
    }

    @Test func malformedAppendsAreRefused() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let bad: [[StreamAppend]] = [
                [],
                [StreamAppend(stream: "", expected: .any, events: Fixtures.events(1))],
                [StreamAppend(stream: String(repeating: "x", count: 201), expected: .any, events: Fixtures.events(1))],
                [StreamAppend(stream: "a", expected: .any, events: [])],
                [StreamAppend(stream: "a", expected: .any, events: Fixtures.events(1)),
                 StreamAppend(stream: "a", expected: .any, events: Fixtures.events(1))],
                [StreamAppend(stream: "a", expected: .any, events: [Fixtures.event("")])],
                [StreamAppend(stream: "a", expected: .any, events: [Fixtures.event(sealed: SealedPayload(subject: "", data: []))])],
            ]
            for appends in bad {
                let error = await #expect(throws: EventStoreError.self) { try await store.append(appends) }
                guard case .invalidAppend = error else {
                    Issue.record("expected invalidAppend for \(appends), got \(String(describing: error))")
                    continue
                }
            }
            #expect(store.lastPosition == 0)
        }
    }

    @Test func aCheckpointStoredWithAnAppendIsAllOrNothing() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let first = try await store.append([StreamAppend(stream: "sent", expected: .noStream, events: [Fixtures.event()])],
                                               checkpoint: "outbox", position: 41, snapshot: [7])
            #expect(try store.checkpoint(name: "outbox")?.position == 41)
            await #expect(throws: EventStoreError.self) {
                _ = try await store.append([StreamAppend(stream: "sent", expected: .noStream, events: [Fixtures.event()])],
                                           checkpoint: "outbox", position: 99)
            }
            // The refused append left the checkpoint where it was.
            #expect(try store.checkpoint(name: "outbox")?.position == 41)
            #expect(store.lastPosition == first.lastPosition)
        }
    }
}
