import EventStore
import Foundation
import Testing

/// Backups are consistent copies taken while writers run.
///
/// The time limit only turns a hang into a failure; nothing here asserts a duration.
@Suite(.timeLimit(.minutes(5))) struct BackupTests {
    @Test(arguments: [false, true])
    func aBackupTakenDuringAppendsVerifiesAndOpens(includeKey: Bool) async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            _ = try await store.append(to: "account-1", expected: .noStream, events: [
                Fixtures.event("AccountRegistered", sealed: SealedPayload(subject: "account-1", data: Array("Ada".utf8)), clientIP: "192.0.2.1"),
            ])
            let destination = folder.sub("../backup")
            let writers = Task {
                _ = try await Array(0..<8).concurrentMap { w in
                    for n in 0..<60 {
                        _ = try await store.append(to: "w\(w)", expected: .any, events: [
                            Fixtures.event("Tick", #"{"n":\#(n)}"#, sealed: n % 5 == 0 ? SealedPayload(subject: "s\(w)", data: [UInt8(n)]) : nil),
                        ])
                    }
                }
            }
            _ = try await store.waitForEvents(after: 50)
            let report = try store.backup(to: destination, includeKey: includeKey)
            try await writers.value
            #expect(report.verify.isOK)
            #expect(report.verify.eventsChecked >= 51)
            #expect(report.bytes > 0)
            #expect(report.destination == DataFolder(path: destination).path)
            #expect(FileManager.default.fileExists(atPath: destination + "/master.key") == includeKey)

            let copy = try EventStore(.init(folder: DataFolder(path: destination), readOnly: true, create: false))
            defer { copy.close() }
            let copied = try copy.readAll()
            #expect(copied.count == Int(report.verify.eventsChecked))
            #expect(copied.map(\.position) == Array(1...UInt64(copied.count)))
            // The backup is a prefix of the live log, record for record.
            #expect(copied.map(\.hash) == (try store.readAll(unseal: false).prefix(copied.count).map(\.hash)))
            #expect(copied[0].sealed == (includeKey ? .plaintext(subject: "account-1", data: Array("Ada".utf8)) : .sealed(subject: "account-1")))
            #expect(copied[0].metadata.clientIP == (includeKey ? "192.0.2.1" : nil))
            #expect(copy.masterKey != nil || !includeKey)
        }
    }

    @Test func aRestoredBackupTakesNewAppends() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            try await store.appendSome(5, to: "a")
            _ = try await store.append(to: "p", expected: .noStream, events: [Fixtures.event(sealed: SealedPayload(subject: "p", data: [7]))])
            let destination = folder.sub("../restored")
            _ = try store.backup(to: destination, includeKey: true)
            store.close()

            let restored = try EventStore(.init(folder: DataFolder(path: destination), create: false))
            defer { restored.close() }
            let result = try await restored.append(to: "a", expected: .exact(5), events: Fixtures.events(1))
            #expect(result.positions == [7])
            _ = try await restored.append(to: "p", expected: .exact(1), events: [Fixtures.event(sealed: SealedPayload(subject: "p", data: [8]))])
            #expect(try restored.read(stream: "p").map(\.sealed.data) == [[7], [8]])
            #expect(try restored.verify().isOK)
        }
    }

    @Test func aBackupRefusesANonEmptyDestination() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let destination = folder.sub("../occupied")
            try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: destination + "/file"))
            #expect(throws: EventStoreError.self) { try store.backup(to: destination, includeKey: false) }
        }
    }
}
