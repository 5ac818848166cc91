/// The trailer's `/ID`: a 16-byte fingerprint of the file's body (FNV-1a, 128-bit), so the same document always
/// gets the same identifier and different documents practically never share one. Not a cryptographic hash: the ID
/// only tells files apart, it proves nothing.
enum DocumentID {
    static func fingerprint(_ bytes: [UInt8]) -> [UInt8] {
        var hash: UInt128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D
        let prime: UInt128 = 0x0000_0000_0100_0000_0000_0000_0000_013B
        for byte in bytes {
            hash ^= UInt128(byte)
            hash &*= prime
        }
        return (0..<16).map { UInt8(truncatingIfNeeded: hash >> UInt128(8 * (15 - $0))) }
    }
}
