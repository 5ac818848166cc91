import CSodium

/// libsodium's `crypto_secretstream_xchacha20poly1305`, the push (encrypting) side.
///
/// Every message is authenticated and bound to its position in the stream: reordering, dropping, or
/// truncating messages makes the pull side fail.
struct SecretStreamPush {
    private var state = crypto_secretstream_xchacha20poly1305_state()
    /// The random 24-byte stream header; it must be stored before the first message.
    let header: [UInt8]

    init(key: [UInt8]) throws(BlobStoreError) {
        guard key.count == Int(crypto_secretstream_xchacha20poly1305_keybytes()) else { throw .crypto("secretstream key must be 32 bytes") }
        var header = [UInt8](repeating: 0, count: BlobFormat.headerLength)
        let rc = crypto_secretstream_xchacha20poly1305_init_push(&state, &header, key)
        guard rc == 0 else { throw .crypto("crypto_secretstream_xchacha20poly1305_init_push returned \(rc)") }
        self.header = header
    }

    /// Encrypts one message; the result is `plaintext.count + BlobFormat.overhead` bytes.
    mutating func push(_ plaintext: UnsafeRawBufferPointer, final: Bool, additionalData: [UInt8]) throws(BlobStoreError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: plaintext.count + BlobFormat.overhead)
        var outLength: UInt64 = 0
        let tag = final ? crypto_secretstream_xchacha20poly1305_tag_final() : crypto_secretstream_xchacha20poly1305_tag_message()
        let message = plaintext.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let rc = crypto_secretstream_xchacha20poly1305_push(
            &state, &out, &outLength, message, UInt64(plaintext.count),
            additionalData, UInt64(additionalData.count), tag)
        guard rc == 0, Int(outLength) == out.count else { throw .crypto("crypto_secretstream_xchacha20poly1305_push returned \(rc)") }
        return out
    }
}

/// The pull (decrypting) side, able to start at any message.
///
/// Seeking works because libsodium's per-message state is small and public in its header: the key derived from
/// the stream header, a 32-bit little-endian counter (1 for the first message) and an 8-byte "inonce" that starts
/// as header bytes 16..<24 and is XORed with the first 8 bytes of each message's Poly1305 tag (the last 16 bytes of
/// the ciphertext). So the state before message `i` is rebuilt from the tags of messages `0..<i` without
/// decrypting them, and a tampered earlier tag still makes message `i` fail. (libsodium would also rekey when the
/// counter wraps at 2^32 messages; ``BlobFormat/maxChunks`` keeps blobs far below that.)
struct SecretStreamPull {
    private var state = crypto_secretstream_xchacha20poly1305_state()

    /// The state before the first message.
    init(header: [UInt8], key: [UInt8]) throws(BlobStoreError) {
        guard header.count == BlobFormat.headerLength, key.count == Int(crypto_secretstream_xchacha20poly1305_keybytes()) else {
            throw .corrupt
        }
        let rc = crypto_secretstream_xchacha20poly1305_init_pull(&state, header, key)
        guard rc == 0 else { throw .corrupt }
    }

    /// The initial inonce (header bytes 16..<24) as a value that ``advance(_:pastTag:)`` updates.
    static func initialInonce(header: [UInt8]) -> UInt64 {
        header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: BlobFormat.headerLength - 8, as: UInt64.self) }
    }

    /// The inonce after a message whose 16-byte Poly1305 tag is `tag`.
    static func advance(_ inonce: UInt64, pastTag tag: UnsafeRawBufferPointer) -> UInt64 {
        inonce ^ tag.loadUnaligned(as: UInt64.self)
    }

    /// The state before message `index`, given the inonce at that point (from ``advance(_:pastTag:)``).
    func positioned(atMessage index: Int, inonce: UInt64) -> SecretStreamPull {
        precondition(MemoryLayout<crypto_secretstream_xchacha20poly1305_state>.size == crypto_secretstream_xchacha20poly1305_statebytes(),
                     "libsodium's secretstream state layout changed")
        precondition(index >= 0 && index < BlobFormat.maxChunks)
        var copy = self
        withUnsafeMutableBytes(of: &copy.state.nonce) { nonce in
            nonce.storeBytes(of: UInt32(index + 1).littleEndian, toByteOffset: 0, as: UInt32.self)
            nonce.storeBytes(of: inonce, toByteOffset: 4, as: UInt64.self)
        }
        return copy
    }

    /// Decrypts and authenticates the next message; throws ``BlobStoreError/corrupt`` when it does not verify.
    mutating func pull(_ ciphertext: UnsafeRawBufferPointer, additionalData: [UInt8]) throws(BlobStoreError) -> (plaintext: [UInt8], final: Bool) {
        guard ciphertext.count >= BlobFormat.overhead, let base = ciphertext.baseAddress else { throw .corrupt }
        var out = [UInt8](repeating: 0, count: ciphertext.count - BlobFormat.overhead)
        var outLength: UInt64 = 0
        var tag: UInt8 = 0
        let rc = crypto_secretstream_xchacha20poly1305_pull(
            &state, &out, &outLength, &tag, base.assumingMemoryBound(to: UInt8.self), UInt64(ciphertext.count),
            additionalData, UInt64(additionalData.count))
        guard rc == 0, Int(outLength) == out.count else { throw .corrupt }
        if tag == crypto_secretstream_xchacha20poly1305_tag_final() { return (out, true) }
        guard tag == crypto_secretstream_xchacha20poly1305_tag_message() else { throw .corrupt }
        return (out, false)
    }
}
