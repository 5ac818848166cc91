import Foundation

/// A compact little-endian writer for snapshots of large projections, where JSON would cost tens of
/// megabytes and seconds per checkpoint.
public struct BinarySnapshotWriter {
    public private(set) var bytes: [UInt8] = []

    public init(version: Int, capacity: Int = 0) {
        bytes.reserveCapacity(capacity + 4)
        append(UInt32(version))
    }

    public mutating func append<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ uuid: UUID) {
        Swift.withUnsafeBytes(of: uuid.uuid) { bytes.append(contentsOf: $0) }
    }

    /// Floats as little-endian IEEE 754 bit patterns, copied in one go (vectors of thousands of numbers).
    public mutating func append(floats: [Float]) {
        #if _endian(little)
        floats.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for x in floats { append(x.bitPattern) }
        #endif
    }

    public mutating func append(_ string: String) {
        let utf8 = Array(string.utf8)
        append(UInt32(utf8.count))
        bytes += utf8
    }
}

/// Reads what ``BinarySnapshotWriter`` wrote; throws on truncated input instead of trapping.
public struct BinarySnapshotReader {
    private let bytes: [UInt8]
    private var offset = 4

    public struct Truncated: Error {}

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { offset >= bytes.count }

    public mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { throw Truncated() }
        defer { offset += size }
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    /// `count` floats written by ``BinarySnapshotWriter/append(floats:)``.
    public mutating func readFloats(count: Int) throws -> [Float] {
        let size = count * MemoryLayout<Float>.size
        guard count >= 0, offset + size <= bytes.count else { throw Truncated() }
        defer { offset += size }
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                for i in 0..<count {
                    buffer[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + i * 4, as: UInt32.self)))
                }
            }
            initialized = count
        }
    }

    /// Skips `count` bytes.
    public mutating func skip(_ count: Int) throws {
        guard count >= 0, offset + count <= bytes.count else { throw Truncated() }
        offset += count
    }

    public mutating func readUUID() throws -> UUID {
        guard offset + 16 <= bytes.count else { throw Truncated() }
        defer { offset += 16 }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: bytes[offset..<(offset + 16)]) }
        return UUID(uuid: raw)
    }

    public mutating func readString() throws -> String {
        let count = Int(try read(UInt32.self))
        guard offset + count <= bytes.count else { throw Truncated() }
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }
}
