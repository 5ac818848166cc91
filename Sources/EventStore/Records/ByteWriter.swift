/// Little-endian writing helpers for the record envelope.
extension Array where Element == UInt8 {
    @inline(__always) mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    @inline(__always) mutating func appendBE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always) func loadLE<T: FixedWidthInteger>(at offset: Int, as: T.Type) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    @inline(__always) func loadBE<T: FixedWidthInteger>(at offset: Int, as: T.Type) -> T {
        T(bigEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

/// Big-endian key for a stream number and version: sorts numerically, so one stream's entries are adjacent.
@inline(__always) func streamIndexKey(streamNumber: UInt64, version: UInt64) -> [UInt8] {
    var key: [UInt8] = []
    key.reserveCapacity(16)
    key.appendBE(streamNumber)
    key.appendBE(version)
    return key
}
