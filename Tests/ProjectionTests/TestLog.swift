import Domain
import EventStore
import Foundation
import Projections
import Synchronization

/// A fresh log in a temporary folder, with helpers to append domain events as the portal does.
final class TestLog: @unchecked Sendable {
    // Only touched from the test's own task.
    let folder: String
    let store: EventStore

    /// A log whose records get their times from `clock` (the real clock by default).
    init(clock: LogClock? = nil) throws {
        folder = NSTemporaryDirectory() + "projection-tests-" + UUID().uuidString
        var options = EventStore.Options(folder: DataFolder(path: folder))
        if let clock { options.clock = { clock.micros } }
        store = try EventStore(options)
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Appends one event to `stream`, sealing its personal part under `subject`.
    @discardableResult
    func append(_ event: some DomainEvent, to stream: String, subject: String? = nil, ip: String? = "203.0.113.9") async throws -> UInt64 {
        let encoded = try EventCatalog.encode(event)
        let sealed = subject.map { SealedPayload(subject: $0, data: encoded.personal ?? Array("{}".utf8)) }
        let new = NewEvent(id: UUIDv7.make(), type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data,
                           metadata: EventMetadata(actor: "test", clientIP: ip), sealed: sealed)
        return try await store.append(to: stream, expected: .any, events: [new]).lastPosition
    }

    /// Registers an account the way the portal does (reservation + registration).
    @discardableResult
    func register(_ id: AccountID, key: EmailKey, email: String = "ann@example.com") async throws -> UInt64 {
        try await append(EmailAddressReserved(accountID: id), to: key.reservationStream)
        return try await append(
            CustomerRegistered(accountID: id, emailKey: key, personal: .init(email: email, name: "Ann", passwordHash: "$argon2id$x")),
            to: id.stream, subject: id.stream)
    }

    /// Runs `projections` until they have applied everything in the log, then stops the runner.
    func fold(_ projections: [any Projection]) async throws -> ProjectionRunner {
        let runner = ProjectionRunner(store: store, projections: projections)
        try runner.start()
        _ = await runner.waitUntil(store.lastPosition, timeout: .seconds(30))
        return runner
    }
}

/// The time a test's log records its events at; it moves only when the test moves it.
final class LogClock: Sendable {
    private let now: Mutex<Date>
    init(_ start: Date) { now = Mutex(start) }
    var date: Date { now.withLock { $0 } }
    var micros: Int64 { Int64(date.timeIntervalSince1970 * 1_000_000) }
    /// Moves the clock `seconds` on from where it is.
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

enum IDs {
    static func account(_ n: Int) -> AccountID { AccountID(UUID(uuidString: String(format: "0190f5d2-0000-7000-8000-%012d", n))!) }
    static func key(_ n: Int) -> EmailKey { EmailKey(String(format: "%040d", n)) }
}
