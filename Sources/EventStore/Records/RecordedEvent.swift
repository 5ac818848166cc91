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
    /// Metadata bytes as stored; decoded on demand, since most readers (projections) never look.
    let rawMetadata: [UInt8]
    /// The client IP from the sealed part, when it was unsealed.
    let sealedIP: String?
    /// Public JSON bytes.
    public var data: [UInt8]
    public var sealed: SealedContent
    let chainHash: ChainHash

    /// Who caused the event and from where; the client IP only when it was unsealed (or its network,
    /// for events that seal nothing).
    public var metadata: EventMetadata {
        var m = rawMetadata.withUnsafeBytes { MetadataCodec.decode($0) }
        if let sealedIP { m.clientIP = sealedIP }
        return m
    }

    /// BLAKE2b-256 chain hash of this record.
    public var hash: [UInt8] { chainHash.bytes }

    public var recordedAt: Date { Date(timeIntervalSince1970: Double(recordedAtMicros) / 1_000_000) }
}

/// A 32-byte hash held inline, so reading a record costs no allocation for it.
struct ChainHash: Sendable, Equatable {
    let a: UInt64, b: UInt64, c: UInt64, d: UInt64

    init(_ bytes: UnsafeRawBufferPointer) {
        a = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        b = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        c = bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        d = bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        out.withUnsafeMutableBytes { p in
            p.storeBytes(of: a, toByteOffset: 0, as: UInt64.self)
            p.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            p.storeBytes(of: c, toByteOffset: 16, as: UInt64.self)
            p.storeBytes(of: d, toByteOffset: 24, as: UInt64.self)
        }
        return out
    }
}

/// Type names seen while reading one batch: most records share a handful of types, so each name's
/// String is made once and shared.
final class TypeNames {
    private var known: [([UInt8], String)] = []

    func name(_ bytes: UnsafeRawBufferPointer) -> String {
        for (b, s) in known where b.count == bytes.count && b.elementsEqual(bytes) { return s }
        let s = String(decoding: bytes, as: UTF8.self)
        if known.count < 32 { known.append((Array(bytes), s)) }
        return s
    }
}
