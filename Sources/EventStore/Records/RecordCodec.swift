import Foundation

/// The binary envelope of a stored record.
///
/// Replay must learn an event's position, stream and type without touching JSON, so those sit in a
/// fixed little-endian header followed by the variable fields, the public JSON, the sealed bytes and
/// the 32-byte chain hash:
///
/// ```
/// 0  u8  format (2)          1  u8  flags (bit 0: sealed part present)
/// 2  u16 schema version      4  u64 position       12 u64 stream version
/// 20 i64 recorded-at (µs)    28 16  event id       44 u64 position of the stream's previous event (0: none)
/// 52 u16 stream length       54 u16 type length    56 u16 metadata length
/// 58 u16 subject length      60 u32 data length    64 u32 sealed length
/// 68 stream, type, metadata, subject, data, sealed, then the 32-byte hash
/// ```
/// The hash covers every byte before it (the "canonical bytes") plus the previous record's hash.
/// The back-link lets the stream index stay sparse (see ``StreamIndex``).
enum RecordCodec {
    static let format: UInt8 = 2
    static let headerSize = 68
    static let hashSize = 32
    static let maxStreamLength = 200
    static let maxTypeLength = 200

    struct Fields {
        var position: UInt64
        var streamVersion: UInt64
        var recordedAtMicros: Int64
        var id: UUID
        var previousInStream: UInt64
        var type: [UInt8]
        var schemaVersion: UInt16
        var stream: [UInt8]
        var metadata: [UInt8]
        var subject: [UInt8]
        var data: [UInt8]
        var sealed: [UInt8]?
    }

    /// Encodes a record without its hash (the canonical bytes).
    static func encodeCanonical(_ f: Fields) -> [UInt8] {
        let stream = f.stream, type = f.type, subject = f.subject
        var out: [UInt8] = []
        out.reserveCapacity(headerSize + stream.count + type.count + f.metadata.count + subject.count + f.data.count + (f.sealed?.count ?? 0) + hashSize)
        out.append(format)
        out.append(f.sealed == nil ? 0 : 1)
        out.appendLE(f.schemaVersion)
        out.appendLE(f.position)
        out.appendLE(f.streamVersion)
        out.appendLE(f.recordedAtMicros)
        withUnsafeBytes(of: f.id.uuid) { out.append(contentsOf: $0) }
        out.appendLE(f.previousInStream)
        out.appendLE(UInt16(stream.count))
        out.appendLE(UInt16(type.count))
        out.appendLE(UInt16(f.metadata.count))
        out.appendLE(UInt16(subject.count))
        out.appendLE(UInt32(f.data.count))
        out.appendLE(UInt32(f.sealed?.count ?? 0))
        out += stream
        out += type
        out += f.metadata
        out += subject
        out += f.data
        if let sealed = f.sealed { out += sealed }
        return out
    }
}

/// A non-copying view of an encoded record in the memory map, valid only inside the read transaction.
struct RecordView {
    let bytes: UnsafeRawBufferPointer
    let streamRange: Range<Int>, typeRange: Range<Int>, metadataRange: Range<Int>
    let subjectRange: Range<Int>, dataRange: Range<Int>, sealedRange: Range<Int>

    /// Parses the header and checks that every length fits; throws on a malformed record.
    init(_ bytes: UnsafeRawBufferPointer, expectedPosition: UInt64) throws {
        self.bytes = bytes
        guard bytes.count >= RecordCodec.headerSize + RecordCodec.hashSize else {
            throw EventStoreError.corruptRecord(position: expectedPosition, reason: "record is \(bytes.count) bytes, shorter than a header")
        }
        guard bytes[0] == RecordCodec.format else {
            throw EventStoreError.corruptRecord(position: expectedPosition, reason: "unknown record format \(bytes[0])")
        }
        var cursor = RecordCodec.headerSize
        func take(_ n: Int) -> Range<Int> { defer { cursor += n }; return cursor..<(cursor + n) }
        streamRange = take(Int(bytes.loadLE(at: 52, as: UInt16.self)))
        typeRange = take(Int(bytes.loadLE(at: 54, as: UInt16.self)))
        metadataRange = take(Int(bytes.loadLE(at: 56, as: UInt16.self)))
        subjectRange = take(Int(bytes.loadLE(at: 58, as: UInt16.self)))
        dataRange = take(Int(bytes.loadLE(at: 60, as: UInt32.self)))
        sealedRange = take(Int(bytes.loadLE(at: 64, as: UInt32.self)))
        guard cursor + RecordCodec.hashSize == bytes.count else {
            throw EventStoreError.corruptRecord(position: expectedPosition, reason: "field lengths add up to \(cursor + RecordCodec.hashSize) bytes, record has \(bytes.count)")
        }
    }

    var position: UInt64 { bytes.loadLE(at: 4, as: UInt64.self) }
    var streamVersion: UInt64 { bytes.loadLE(at: 12, as: UInt64.self) }
    var schemaVersion: UInt16 { bytes.loadLE(at: 2, as: UInt16.self) }
    var recordedAtMicros: Int64 { bytes.loadLE(at: 20, as: Int64.self) }
    var hasSealed: Bool { bytes[1] & 1 == 1 }
    /// Position of the previous event of the same stream; 0 for a stream's first event.
    var previousInStream: UInt64 { bytes.loadLE(at: 44, as: UInt64.self) }
    var id: UUID {
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[28..<44])) }
        return UUID(uuid: raw)
    }
    var canonical: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - RecordCodec.hashSize)]) }
    var hash: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - RecordCodec.hashSize)...]) }

    func string(_ range: Range<Int>) -> String { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
    func array(_ range: Range<Int>) -> [UInt8] { Array(UnsafeRawBufferPointer(rebasing: bytes[range])) }

    /// Compares the type name without building a String.
    func typeEquals(_ utf8: [UInt8]) -> Bool {
        UnsafeRawBufferPointer(rebasing: bytes[typeRange]).elementsEqual(utf8)
    }
}
