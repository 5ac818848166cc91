import Foundation

/// Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits.
///
/// Ids made close in time sort close together, so the event-id index grows at its right edge
/// instead of touching random B-tree pages — one of the layout choices that lets group commit scale.
public enum UUIDv7 {
    public static func make(milliseconds: UInt64 = UInt64(Date().timeIntervalSince1970 * 1000)) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in 6..<16 { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - UInt64(i)))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
