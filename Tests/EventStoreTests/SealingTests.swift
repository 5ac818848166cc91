import EventStore
import Foundation
import Testing

/// Personal data is sealed under its subject's key; erasing the subject makes it unreadable for good.
@Suite struct SealingTests {
    static let name = "Ada Lovelace-\(UUID().uuidString.prefix(8))"
    static let email = "ada.\(UUID().uuidString.prefix(8))@example.org"
    static let ip = "203.0.113.77"
    static var personal: [UInt8] { Array(#"{"name":"\#(name)","email":"\#(email)"}"#.utf8) }

    static func registered(_ subject: String, ip: String? = SealingTests.ip) -> NewEvent {
        Fixtures.event("AccountRegistered", #"{"plan":"basic"}"#, sealed: SealedPayload(subject: subject, data: personal), clientIP: ip)
    }

    @Test func sealedDataAndClientIPRoundTrip() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let sent = Self.registered("account-1")
            _ = try await store.append(to: "account-1", expected: .noStream, events: [sent])
            let event = try #require(try store.event(at: 1))
            #expect(event.sealed == .plaintext(subject: "account-1", data: Self.personal))
            #expect(event.metadata == sent.metadata)
            #expect(event.dataString == #"{"plan":"basic"}"#)
            #expect(event.id == sent.id && event.type == "AccountRegistered" && event.schemaVersion == 1)

            // Without unsealing, neither the data nor the address is shown.
            let sealed = try #require(try store.event(at: 1, unseal: false))
            #expect(sealed.sealed == .sealed(subject: "account-1"))
            #expect(sealed.metadata.clientIP == nil)
        }
    }

    @Test(arguments: [("203.0.113.77", "203.0.113.0/24"), ("2001:db8:85a3:1234:5678:8a2e:370:7334", "2001:db8:85a3::/48")])
    func unsealedEventsKeepOnlyTheNetwork(_ ip: String, _ network: String) async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            _ = try await store.append(to: "audit", expected: .any, events: [Fixtures.event("PageViewed", clientIP: ip)])
            #expect(try store.event(at: 1)?.metadata.clientIP == network)
            store.close()
            #expect(try folder.rawLog().indices(of: Array(ip.utf8)).isEmpty)
        }
    }

    @Test func theDataFileHoldsNoPersonalPlaintext() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            for i in 0..<5 { _ = try await store.append(to: "account-\(i)", expected: .noStream, events: [Self.registered("account-\(i)")]) }
            store.close()
            let raw = try folder.rawLog()
            for secret in [Self.name, Self.email, Self.ip] {
                #expect(raw.indices(of: Array(secret.utf8)).isEmpty, "\(secret) found in data.mdb")
            }
            #expect(!raw.indices(of: Array(#"{"plan":"basic"}"#.utf8)).isEmpty)   // the search itself works
        }
    }

    @Test func erasingASubjectShredsItsDataAndKeepsHistory() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            _ = try await store.append(to: "account-1", expected: .noStream, events: [Self.registered("account-1")])
            _ = try await store.append(to: "account-2", expected: .noStream, events: [Self.registered("account-2")])
            _ = try await store.append(to: "account-1", expected: .exact(1), events: [
                Fixtures.event("AddressChanged", sealed: SealedPayload(subject: "account-1", data: Array("new address".utf8)), clientIP: "198.51.100.1"),
            ])

            let erasure = try await store.eraseSubject("account-1", recording: [
                StreamAppend(stream: "account-1", expected: .exact(2), events: [Fixtures.event("AccountErased")]),
                StreamAppend(stream: "erasures", expected: .any, events: [Fixtures.event("SubjectErased", #"{"subject":"account-1"}"#)]),
            ])
            #expect(erasure.positions == [4, 5])
            try expectErased(store)

            await #expect(throws: EventStoreError.subjectErased("account-1")) {
                _ = try await store.append(to: "account-1", expected: .any, events: [Self.registered("account-1")])
            }
            #expect(store.lastPosition == 5)
            // Other subjects keep sealing.
            _ = try await store.append(to: "account-2", expected: .any, events: [Self.registered("account-2")])
            #expect(try store.event(at: 6)?.sealed.data == Self.personal)
            store.close()

            let reopened = try folder.open()
            try expectErased(reopened)
            await #expect(throws: EventStoreError.subjectErased("account-1")) {
                _ = try await reopened.append(to: "elsewhere", expected: .any, events: [Self.registered("account-1")])
            }
            #expect(try reopened.verify().isOK)
            #expect(try reopened.statistics().erasedSubjects == 1)
            reopened.close()

            let readOnly = try folder.openReadOnly()
            defer { readOnly.close() }
            try expectErased(readOnly)
        }
    }

    private func expectErased(_ store: EventStore) throws {
        #expect(try store.isErased(subject: "account-1"))
        #expect(try !store.isErased(subject: "account-2"))
        let all = try store.readAll()
        #expect(all[0].sealed == .erased(subject: "account-1"))
        #expect(all[0].metadata.clientIP == nil)
        #expect(all[0].dataString == #"{"plan":"basic"}"#)   // the public part and the shape stay
        #expect(all[2].sealed == .erased(subject: "account-1"))
        #expect(all[1].sealed == .plaintext(subject: "account-2", data: Self.personal))
        #expect(all[1].metadata.clientIP == Self.ip)
        #expect(all[3].type == "AccountErased" && all[3].stream == "account-1" && all[3].streamVersion == 3)
        #expect(all[4].type == "SubjectErased" && all[4].stream == "erasures")
    }

    @Test func anErasureWhoseRecordingFailsErasesNothing() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            _ = try await store.append(to: "account-1", expected: .noStream, events: [Self.registered("account-1")])
            await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "account-1", expected: .exact(7), actual: 1)) {
                _ = try await store.eraseSubject("account-1", recording: [
                    StreamAppend(stream: "account-1", expected: .exact(7), events: [Fixtures.event("AccountErased")]),
                ])
            }
            #expect(try !store.isErased(subject: "account-1"))
            #expect(try store.event(at: 1)?.sealed.data == Self.personal)
        }
    }

    @Test func aRefusedSealLeavesNoNewKeyBehind() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            _ = try await store.eraseSubject("gone", recording: [StreamAppend(stream: "erasures", expected: .any, events: [Fixtures.event("SubjectErased")])])
            let before = try store.statistics()
            // New subjects whose names sort before and after the erased one, so no order of
            // checking can hide a key written ahead of the refusal.
            let events = ["a-new", "m-new", "z-new"].map { Self.registered($0) } + [Self.registered("gone")]
            await #expect(throws: EventStoreError.subjectErased("gone")) {
                try await store.append(to: "mixed", expected: .any, events: events)
            }
            let after = try store.statistics()
            #expect(after.subjects == before.subjects)
            #expect(after.events == before.events)
        }
    }

    @Test func anErasureAndALaterSealInTheSameGroupCommit() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            _ = try await store.append(to: "account-1", expected: .noStream, events: [Self.registered("account-1")])
            // Race an erasure against many sealed appends: each append either precedes the erasure
            // in the log (and then reads as erased) or is refused. None may stay readable.
            let outcomes = try await Array(0..<30).concurrentMap { i -> UInt64? in
                if i == 15 {
                    _ = try await store.eraseSubject("account-1", recording: [StreamAppend(stream: "erasures", expected: .any, events: [Fixtures.event("SubjectErased")])])
                    return nil
                }
                do {
                    return try await store.append(to: "more-\(i)", expected: .any, events: [Self.registered("account-1")]).positions[0]
                } catch EventStoreError.subjectErased { return nil }
            }
            for position in outcomes.compactMap({ $0 }) {
                #expect(try store.event(at: position)?.sealed == .erased(subject: "account-1"))
            }
            #expect(try store.readAll().allSatisfy { $0.sealed.data == nil })
        }
    }

    @Test func aReadOnlyStoreWithoutTheKeyLeavesDataSealed() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            _ = try await store.append(to: "account-1", expected: .noStream, events: [Self.registered("account-1")])
            _ = try await store.eraseSubject("account-2", recording: [StreamAppend(stream: "account-2", expected: .any, events: [Self.registered("account-2")])])
            store.close()

            let keyless = try folder.openReadOnly(withKey: false)
            defer { keyless.close() }
            #expect(keyless.masterKey == nil)
            let all = try keyless.readAll()
            #expect(all.map(\.sealed) == [.sealed(subject: "account-1"), .erased(subject: "account-2")])
            #expect(all.allSatisfy { $0.metadata.clientIP == nil })
            #expect(try keyless.verify().isOK)
            await #expect(throws: EventStoreError.readOnly) { try await keyless.appendSome(1, to: "x") }
        }
    }

    @Test func aDifferentKeyFileIsRefusedWhenUnsealing() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            _ = try await store.append(to: "account-1", expected: .noStream, events: [Self.registered("account-1")])
            store.close()
            let otherKey = folder.sub("../other.key")
            _ = try MasterKey.load(path: otherKey, create: true)
            let wrong = try EventStore(.init(folder: folder.dataFolder, readOnly: true, create: false, keyFile: otherKey))
            defer { wrong.close() }
            #expect(throws: EventStoreError.self) { try wrong.event(at: 1) }
            #expect(try wrong.event(at: 1, unseal: false)?.sealed == .sealed(subject: "account-1"))
        }
    }
}
