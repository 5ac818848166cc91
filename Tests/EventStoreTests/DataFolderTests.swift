@testable import EventStore
import Foundation
import Testing

/// Opening a data folder: one writer at a time, and clear refusals for anything that is not a log.
@Suite struct DataFolderTests {
    @Test func aNewFolderGetsTheExpectedLayout() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            defer { store.close() }
            let fm = FileManager.default
            #expect(fm.fileExists(atPath: folder.dataFile))
            #expect(fm.fileExists(atPath: folder.sub("writer.lock")))
            let mode = try #require(try fm.attributesOfItem(atPath: folder.keyFile)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0)
            #expect(try String(contentsOfFile: folder.sub("writer.lock"), encoding: .utf8) == "pid \(getpid())\n")
        }
    }

    @Test func aSecondWriterIsRefusedWithAClearMessage() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            let error = #expect(throws: EventStoreError.self) { try folder.open() }
            #expect(error == .folderLocked(path: folder.path, holder: "pid \(getpid())"))
            #expect(error?.description == "\(folder.path) is open for writing by another process (pid \(getpid())); stop it first or use a read-only command")
            // The refused attempt must not have disturbed the first writer.
            try await store.appendSome(1, to: "a")
            store.close()
            // Once closed, the folder is free again.
            let again = try folder.open()
            defer { again.close() }
            #expect(again.lastPosition == 1)
        }
    }

    @Test func aMissingFolderIsNotCreatedWhenCreateIsOff() async throws {
        try await TestFolder.with { folder in
            #expect(throws: EventStoreError.dataFolderMissing(path: folder.path)) {
                try EventStore(.init(folder: folder.dataFolder, create: false))
            }
            #expect(throws: EventStoreError.dataFolderMissing(path: folder.path)) { try folder.openReadOnly() }
            #expect(!FileManager.default.fileExists(atPath: folder.path))
        }
    }

    @Test func aForeignNonEmptyFolderIsRefused() async throws {
        try await TestFolder.with { folder in
            try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
            try Data("hello".utf8).write(to: URL(fileURLWithPath: folder.sub("notes.txt")))
            let error = #expect(throws: EventStoreError.self) { try folder.open() }
            guard case .notAPortalDataFolder(let path, let reason)? = error else {
                Issue.record("expected notAPortalDataFolder, got \(String(describing: error))")
                return
            }
            #expect(path == folder.path)
            #expect(reason.contains("notes.txt"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
        }
    }

    @Test func aFileInsteadOfAFolderIsRefused() async throws {
        try await TestFolder.with { folder in
            try FileManager.default.createDirectory(atPath: (folder.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path))
            #expect(throws: EventStoreError.notAPortalDataFolder(path: folder.path, reason: "it is a file")) { try folder.open() }
        }
    }

    @Test func anEmptyFolderIsUsed() async throws {
        try await TestFolder.with { folder in
            try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
            let store = try folder.open()
            defer { store.close() }
            try await store.appendSome(1, to: "a")
        }
    }

    @Test func aForeignLMDBEnvironmentIsRefused() async throws {
        try await TestFolder.with { folder in
            try FileManager.default.createDirectory(atPath: folder.sub("log"), withIntermediateDirectories: true)
            _ = try MasterKey.load(path: folder.keyFile, create: true)
            try ForeignEnvironment.create(at: folder.sub("log"), database: "invoices")
            let error = #expect(throws: EventStoreError.self) { try folder.open() }
            guard case .notAPortalDataFolder(_, let reason)? = error else {
                Issue.record("expected notAPortalDataFolder, got \(String(describing: error))")
                return
            }
            #expect(reason == "it has no 'events' database")
        }
    }

    @Test func aFirstStartThatDiedBeforeItsDatabasesIsFinished() async throws {
        try await TestFolder.with { folder in
            try FileManager.default.createDirectory(atPath: folder.sub("log"), withIntermediateDirectories: true)
            _ = try MasterKey.load(path: folder.keyFile, create: true)
            try ForeignEnvironment.create(at: folder.sub("log"), database: nil)   // the file, and nothing in it
            let store = try folder.open()
            defer { store.close() }
            _ = try await store.appendSome(1, to: "a")
            #expect(try store.verify().isOK)
        }
    }

    @Test func aFirstStartThatDiedBeforeItsFormatMarkerIsFinished() async throws {
        try await TestFolder.with { folder in
            try FileManager.default.createDirectory(atPath: folder.sub("log"), withIntermediateDirectories: true)
            _ = try MasterKey.load(path: folder.keyFile, create: true)
            do {   // the databases are committed, the marker is not
                let env = try LMDBEnvironment(path: folder.sub("log"), readOnly: false, createDatabases: true, initialMapSize: 1 << 20)
                env.close()
            }
            let store = try folder.open()
            defer { store.close() }
            _ = try await store.appendSome(1, to: "a")
            store.close()
            let reopened = try folder.openReadOnly()
            defer { reopened.close() }
            #expect(reopened.lastPosition == 1)
        }
    }

    @Test func readingAFolderThatHoldsSomethingElseSaysSo() async throws {
        try await TestFolder.with { folder in
            try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: folder.sub("notes.txt"), contents: Data("hello".utf8))
            let error = #expect(throws: EventStoreError.self) { try folder.openReadOnly() }
            guard case .notAPortalDataFolder(_, let reason)? = error else {
                Issue.record("expected notAPortalDataFolder, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("holds no log") && reason.contains("notes.txt"))
        }
    }

    @Test func anUnknownFormatIsRefused() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            try store.env.write { txn in try txn.put(.meta, key: Array(MetaKey.format.utf8), value: Array("customer-portal-log/99".utf8)) }
            store.close()
            let expected = EventStoreError.unsupportedFormat(path: folder.path, found: "customer-portal-log/99", supported: EventStore.formatName)
            #expect(throws: expected) { try folder.open() }
            #expect(throws: expected) { try folder.openReadOnly() }
            // The refused writer released the folder lock.
            #expect(throws: expected) { try folder.open() }
        }
    }

    @Test func aLogWithoutFormatMarkerIsRefused() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            _ = try store.env.write { txn in try txn.delete(.meta, key: Array(MetaKey.format.utf8)) }
            store.close()
            #expect(throws: EventStoreError.notAPortalDataFolder(path: folder.path, reason: "its log has no format marker")) { try folder.open() }
        }
    }

    @Test func aKeyFileReadableByOthersIsRefused() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            store.close()
            #expect(chmod(folder.keyFile, 0o644) == 0)
            let error = #expect(throws: EventStoreError.self) { try folder.open() }
            guard case .keyFile(let path, let reason)? = error else {
                Issue.record("expected keyFile, got \(String(describing: error))")
                return
            }
            #expect(path == folder.keyFile)
            #expect(reason.contains("chmod 600"))
            #expect(throws: EventStoreError.self) { try folder.openReadOnly() }
            #expect(chmod(folder.keyFile, 0o600) == 0)
            let fixed = try folder.open()   // the refusal left no lock behind
            fixed.close()
        }
    }

    @Test func aMissingOrMalformedKeyFileIsRefused() async throws {
        try await TestFolder.with { folder in
            try folder.open().close()
            try FileManager.default.removeItem(atPath: folder.keyFile)
            #expect(throws: EventStoreError.self) { try folder.open() }
            let fd = open(folder.keyFile, O_WRONLY | O_CREAT, 0o600)
            #expect(write(fd, "not a key\n", 10) == 10)
            close(fd)
            let error = #expect(throws: EventStoreError.self) { try folder.open() }
            #expect(error == .keyFile(path: folder.keyFile, reason: "is not a portal master key file"))
        }
    }

    @Test func aClosedStoreRefusesWorkAndReopensCleanly() async throws {
        try await TestFolder.with { folder in
            let first = try folder.open()
            try await first.appendSome(2, to: "a")
            first.close()
            await #expect(throws: EventStoreError.closed) { try await first.appendSome(1, to: "a") }
            #expect(throws: EventStoreError.closed) { try first.readAll() }
            // The old handle is still referenced while the folder is opened again.
            let second = try folder.open()
            try await second.appendSome(1, to: "a")
            #expect(try second.read(stream: "a").map(\.position) == [1, 2, 3])
            second.close()
            withExtendedLifetime(first) {}
            let third = try folder.openReadOnly()
            defer { third.close() }
            #expect(try third.verify().eventsChecked == 3)
            await #expect(throws: EventStoreError.readOnly) { try await third.appendSome(1, to: "a") }
        }
    }
}
