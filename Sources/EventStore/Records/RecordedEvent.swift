import Foundation

/// What became of a record's sealed part when it was read.
public enum SealedContent: Sendable, Equatable {
    /// The record carries no personal data.
    case none
    /// Decrypted personal data.
    case plaintext(subject: String, data: [UInt8])
    /// The subject was erased: the data can never be read again.
    case erased(subject: String)
    /// Still encrypted: unsealing was not asked for, or the store has no key file.
    case sealed(subject: String)

    public var subject: String? {
        switch self {
        case .none: return nil
        case .plaintext(let s, _), .erased(let s), .sealed(let s): return s
        }
    }

    public var data: [UInt8]? {
        if case .plaintext(_, let d) = self { return d }
        return nil
    }
}

/// One event as stored in the log.
public struct RecordedEvent: Sendable, Equatable {
    /// Global position, gapless from 1.
    public var position: UInt64
    public var stream: String
    /// Version within the stream, from 1.
    public var streamVersion: UInt64
    public var id: UUID
    public var type: String
    public var schemaVersion: UInt16
    /// Store time in microseconds since 1970; never goes backwards.
    public var recordedAtMicros: Int64
    public var metadata: EventMetadata
    /// Public JSON bytes.
    public var data: [UInt8]
    public var sealed: SealedContent
    /// BLAKE2b-256 chain hash of this record.
    public var hash: [UInt8]

    public var recordedAt: Date { Date(timeIntervalSince1970: Double(recordedAtMicros) / 1_000_000) }
}
