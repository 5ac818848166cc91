import CSodium

/// Incremental BLAKE2b (libsodium's `crypto_generichash`), keyed or not.
///
/// A class because it owns a C state that must not be copied: libsodium's state struct is 64-byte aligned,
/// which Swift cannot import, so it is allocated by size and freed in `deinit`.
final class Blake2b {
    private let state: UnsafeMutableRawPointer
    private let outputLength: Int
    private var finished = false

    /// - Parameters:
    ///   - key: 16…64 bytes, or nil for the unkeyed hash.
    ///   - outputLength: 16…64 bytes.
    init(key: [UInt8]?, outputLength: Int) {
        precondition((16...64).contains(outputLength), "BLAKE2b output must be 16…64 bytes")
        precondition(key.map { (16...64).contains($0.count) } ?? true, "BLAKE2b key must be 16…64 bytes")
        self.outputLength = outputLength
        state = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
        let rc: Int32
        if let key {
            rc = key.withUnsafeBufferPointer { crypto_generichash_init(OpaquePointer(state), $0.baseAddress, key.count, outputLength) }
        } else {
            rc = crypto_generichash_init(OpaquePointer(state), nil, 0, outputLength)
        }
        // Only invalid lengths make it fail, and those are checked above.
        precondition(rc == 0, "crypto_generichash_init returned \(rc)")
    }

    deinit {
        sodium_memzero(state, crypto_generichash_statebytes())
        state.deallocate()
    }

    func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "BLAKE2b state used after finalize")
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = crypto_generichash_update(OpaquePointer(state), base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    func finalize() -> [UInt8] {
        precondition(!finished, "BLAKE2b state finalized twice")
        finished = true
        var out = [UInt8](repeating: 0, count: outputLength)
        _ = crypto_generichash_final(OpaquePointer(state), &out, outputLength)
        return out
    }

    /// One-shot keyed hash over the concatenation of `parts`.
    static func hash(_ parts: [UInt8]..., key: [UInt8], outputLength: Int) -> [UInt8] {
        let h = Blake2b(key: key, outputLength: outputLength)
        for part in parts { h.update(part) }
        return h.finalize()
    }
}

enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes lower-case hex only; nil for anything else (odd length, upper case, other characters).
    static func decodeLowercase(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = value(utf8[i]), let lo = value(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
