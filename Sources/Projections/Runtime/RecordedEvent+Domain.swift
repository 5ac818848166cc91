import Domain
import EventStore

extension RecordedEvent {
    /// Decodes the record into its domain event, with personal fields when they were unsealed.
    public func domainEvent() throws -> any DomainEvent {
        try EventCatalog.decode(type: type, schemaVersion: schemaVersion, data: data, personal: sealed.data)
    }

    /// Decodes the record as a specific event type.
    public func decode<E: DomainEvent>(as: E.Type) throws -> E {
        guard let e = try domainEvent() as? E else {
            throw EventCatalog.CodingError.malformed(type, "expected \(E.eventType)")
        }
        return e
    }
}
