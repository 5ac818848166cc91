import CSodium

/// SHA-256 of a byte buffer, computed by libsodium and written as 64 lower-case hex digits.
enum SHA256Digest {
    static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        if let base = bytes.baseAddress {
            // Fed in slices: crypto_hash_sha256_update takes the length as an unsigned long long,
            // and bounded slices keep a page fault storm from holding one huge call.
            var offset = 0
            while offset < bytes.count {
                let length = min(1 << 24, bytes.count - offset)
                crypto_hash_sha256_update(&state, base.advanced(by: offset).assumingMemoryBound(to: UInt8.self), UInt64(length))
                offset += length
            }
        }
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        crypto_hash_sha256_final(&state, &digest)
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
