import CSodium

/// Little-endian writing of the fields of a stored model.
struct ModelByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Float) { append(value.bitPattern) }
    mutating func append(_ value: Double) { append(value.bitPattern) }

    mutating func append(_ text: String) {
        let utf8 = Array(text.utf8)
        append(UInt32(utf8.count))
        bytes += utf8
    }

    mutating func append(_ values: [Float]) {
        bytes.reserveCapacity(bytes.count + values.count * 4)
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in values { append(value) }
        #endif
    }
}

/// Bounds-checked little-endian reading of a stored model's payload: every read names the field
/// it was reading when the bytes run out.
struct ModelByteReader {
    let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int

    init(_ bytes: [UInt8], from offset: Int, to end: Int) {
        self.bytes = bytes
        self.offset = offset
        self.end = end
    }

    var remaining: Int { end - offset }

    mutating func integer<T: FixedWidthInteger>(_: T.Type, _ field: String) throws(IntentModelFormatError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw .truncated(field) }
        var value: T = 0
        for i in 0..<size { value |= T(bytes[offset + i]) << (8 * i) }
        offset += size
        return value
    }

    mutating func float(_ field: String) throws(IntentModelFormatError) -> Float {
        Float(bitPattern: try integer(UInt32.self, field))
    }

    mutating func double(_ field: String) throws(IntentModelFormatError) -> Double {
        Double(bitPattern: try integer(UInt64.self, field))
    }

    mutating func string(_ field: String) throws(IntentModelFormatError) -> String {
        let length = Int(try integer(UInt32.self, field))
        guard remaining >= length else { throw .truncated(field) }
        guard let text = String(validating: bytes[offset..<(offset + length)], as: UTF8.self) else { throw .invalidText(field) }
        offset += length
        return text
    }

    /// A count of items each at least `minimumSize` bytes long, refused when the rest of the payload
    /// cannot hold that many (so a hostile count never makes a huge allocation).
    mutating func count(_ field: String, minimumSize: Int) throws(IntentModelFormatError) -> Int {
        let count = try integer(UInt64.self, field)
        guard count <= UInt64(remaining / max(1, minimumSize)) else { throw .truncated(field) }
        return Int(count)
    }

    mutating func strings(_ field: String) throws(IntentModelFormatError) -> [String] {
        let count = try count(field, minimumSize: 4)
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count { strings.append(try string(field)) }
        return strings
    }

    mutating func floats(_ count: Int, _ field: String) throws(IntentModelFormatError) -> [Float] {
        guard count >= 0, remaining / 4 >= count else { throw .truncated(field) }
        var values = [Float](repeating: 0, count: count)
        #if _endian(little)
        values.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count * 4)]))
            }
        }
        offset += count * 4
        #else
        for i in 0..<count { values[i] = try float(field) }
        #endif
        return values
    }
}

/// SHA-256 (libsodium) of a byte range.
enum ModelChecksum {
    static let size = Int(crypto_hash_sha256_BYTES)

    static func of(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeBufferPointer { buffer in
            _ = crypto_hash_sha256(&digest, buffer.baseAddress, UInt64(buffer.count))
        }
        return digest
    }
}
