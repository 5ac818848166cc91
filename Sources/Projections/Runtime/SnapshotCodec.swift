import Foundation

/// Snapshots as JSON, behind a 4-byte version prefix so a projection can tell whether a stored
/// snapshot is one it understands.
public enum SnapshotCodec {
    public static func encode<T: Encodable>(_ value: T, version: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        withUnsafeBytes(of: UInt32(version).littleEndian) { out.append(contentsOf: $0) }
        out += try JSONEncoder().encode(value)
        return out
    }

    /// The snapshot's version, or nil for bytes too short to hold one.
    public static func version(of bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return Int(bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) })
    }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(bytes.dropFirst(4)))
    }
}
