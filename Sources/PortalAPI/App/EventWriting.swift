import Domain
import EventStore
import Foundation

/// What the knowledge-base and tutorial services share to write: appending domain events (the personal parts
/// sealed under `subject`) and deciding again when another writer got to the stream first.
protocol EventWriting {
    var store: EventStore { get }
}

extension EventWriting {
    /// Tries a decide-and-append a few times while it loses optimistic-concurrency races; other errors pass.
    func retrying<T>(attempts: Int = 5, _ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do { return try await body() } catch let e as EventStoreError {
                guard case .wrongExpectedVersion = e, attempt < attempts - 1 else { throw e }
                attempt += 1
            }
        }
    }

    func append(_ events: [any DomainEvent], stream: String, expected: ExpectedVersion, actor: String, subject: String? = nil) async throws -> UInt64 {
        try await store.append([StreamAppend(stream: stream, expected: expected,
                                             events: try events.map { try EventEnvelope.make($0, subject: subject, metadata: EventMetadata(actor: actor)) })]).lastPosition
    }
}
