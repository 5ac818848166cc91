import Foundation

/// Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits.
///
/// Ids made close in time sort close together, so the event-id index grows at its right edge
/// instead of touching random B-tree pages — one of the layout choices that lets group commit scale.
public enum UUIDv7 {
    public static func make(milliseconds: UInt64 = UInt64(Date().timeIntervalSince1970 * 1000)) -> UUID {
        // Two 64-bit draws instead of one per byte: this runs for every event appended.
        var rng = SystemRandomNumberGenerator()
        var raw = (rng.next() as UInt64, rng.next() as UInt64)
        return withUnsafeMutableBytes(of: &raw) { b -> UUID in
            for i in 0..<6 { b[i] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - UInt64(i)))) }
            b[6] = (b[6] & 0x0F) | 0x70
            b[8] = (b[8] & 0x3F) | 0x80
            return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
        }
    }
}
