import Foundation

/// Personal data to be encrypted under a data subject's own key.
public struct SealedPayload: Sendable, Equatable {
    /// The data subject (e.g. `account-<uuid>`); erasing it makes this payload unreadable.
    public var subject: String
    /// Plaintext bytes (JSON) to seal.
    public var data: [UInt8]

    public init(subject: String, data: [UInt8]) {
        self.subject = subject
        self.data = data
    }
}

/// An event to append.
public struct NewEvent: Sendable, Equatable {
    /// Unique id; resending the same id makes the append a no-op. Prefer ``UUIDv7`` ids: they keep
    /// the id index's inserts near its end.
    public var id: UUID
    public var type: String
    public var schemaVersion: UInt16
    /// Public data (JSON bytes).
    public var data: [UInt8]
    public var metadata: EventMetadata
    public var sealed: SealedPayload?

    public init(id: UUID, type: String, schemaVersion: UInt16 = 1, data: [UInt8], metadata: EventMetadata = .init(), sealed: SealedPayload? = nil) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
        self.sealed = sealed
    }
}

/// Events for one stream, with the version the stream is expected to be at.
public struct StreamAppend: Sendable, Equatable {
    public var stream: String
    public var expected: ExpectedVersion
    public var events: [NewEvent]

    public init(stream: String, expected: ExpectedVersion, events: [NewEvent]) {
        self.stream = stream
        self.expected = expected
        self.events = events
    }
}

/// The outcome of an append.
public struct AppendResult: Sendable, Equatable {
    /// Global positions of the appended events, in the order given.
    public var positions: [UInt64]
    /// Each stream's version after the append, in the order given.
    public var streamVersions: [String: UInt64]
    /// True when every event id was already stored and nothing was written.
    public var wasDuplicate: Bool

    public var lastPosition: UInt64 { positions.last ?? 0 }
}
