import Domain
import EventStore
import Projections

/// Turns domain events into log records: public JSON, and — for events in a data subject's stream —
/// the personal part (or `{}`) sealed under the subject's key, which also seals the client IP.
enum EventEnvelope {
    static func make(_ event: some DomainEvent, subject: String?, metadata: EventMetadata) throws -> NewEvent {
        let encoded = try EventCatalog.encode(event)
        let sealed = subject.map { SealedPayload(subject: $0, data: encoded.personal ?? Array("{}".utf8)) }
        return NewEvent(id: UUIDv7.make(), type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data, metadata: metadata, sealed: sealed)
    }
}
