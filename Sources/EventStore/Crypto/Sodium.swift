import CSodium

/// The portal's small wrapper over libsodium. No raw pointer leaves it; every call's return code is checked.
public enum Sodium {
    private static let initialized: Bool = sodium_init() >= 0

    /// Ensures libsodium is initialised (idempotent); throws when it cannot be.
    public static func ready() throws {
        guard initialized else { throw EventStoreError.crypto("sodium_init failed") }
    }

    /// Cryptographically secure random bytes.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        _ = initialized
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) }
        return out
    }

    /// BLAKE2b with an optional key; `outputLength` 16…64 bytes.
    public static func blake2b(_ parts: [UnsafeRawBufferPointer], key: [UInt8]? = nil, outputLength: Int = 32) -> [UInt8] {
        _ = initialized
        // The state struct is 64-byte aligned, which Swift cannot import: allocate it by size.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
        defer { raw.deallocate() }
        let state = OpaquePointer(raw)
        var out = [UInt8](repeating: 0, count: outputLength)
        if let key {
            key.withUnsafeBufferPointer { _ = crypto_generichash_init(state, $0.baseAddress, key.count, outputLength) }
        } else {
            _ = crypto_generichash_init(state, nil, 0, outputLength)
        }
        for p in parts where p.count > 0 {
            _ = crypto_generichash_update(state, p.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(p.count))
        }
        _ = crypto_generichash_final(state, &out, outputLength)
        return out
    }

    /// BLAKE2b over one byte array.
    public static func blake2b(_ bytes: [UInt8], key: [UInt8]? = nil, outputLength: Int = 32) -> [UInt8] {
        bytes.withUnsafeBytes { blake2b([$0], key: key, outputLength: outputLength) }
    }

    /// Compares two byte strings in time that depends only on their length.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in sodium_memcmp(pa.baseAddress!, pb.baseAddress!, a.count) == 0 } }
    }

    // MARK: XChaCha20-Poly1305 (IETF)

    public static let aeadKeyLength = Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    public static let aeadNonceLength = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    static let aeadTagLength = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)

    /// Encrypts `plaintext` with a fresh random nonce; returns nonce ‖ ciphertext ‖ tag.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], additionalData: [UInt8]) throws -> [UInt8] {
        guard key.count == aeadKeyLength else { throw EventStoreError.crypto("sealing key must be \(aeadKeyLength) bytes") }
        let nonce = randomBytes(aeadNonceLength)
        var out = [UInt8](repeating: 0, count: plaintext.count + aeadTagLength)
        var outLength: UInt64 = 0
        let rc = crypto_aead_xchacha20poly1305_ietf_encrypt(
            &out, &outLength, plaintext, UInt64(plaintext.count), additionalData, UInt64(additionalData.count), nil, nonce, key)
        guard rc == 0 else { throw EventStoreError.crypto("crypto_aead_xchacha20poly1305_ietf_encrypt returned \(rc)") }
        return nonce + out.prefix(Int(outLength))
    }

    /// Decrypts what ``seal(_:key:additionalData:)`` produced; nil when the tag does not verify.
    public static func open(_ sealed: [UInt8], key: [UInt8], additionalData: [UInt8]) -> [UInt8]? {
        guard key.count == aeadKeyLength, sealed.count >= aeadNonceLength + aeadTagLength else { return nil }
        let nonce = Array(sealed.prefix(aeadNonceLength))
        let cipher = Array(sealed.dropFirst(aeadNonceLength))
        var out = [UInt8](repeating: 0, count: cipher.count - aeadTagLength)
        var outLength: UInt64 = 0
        let rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
            &out, &outLength, nil, cipher, UInt64(cipher.count), additionalData, UInt64(additionalData.count), nonce, key)
        return rc == 0 ? Array(out.prefix(Int(outLength))) : nil
    }

    // MARK: Argon2id password hashing

    /// Cost of a password hash. The default is above OWASP's minimum for Argon2id (m = 19 MiB, t = 2).
    public struct PasswordCost: Sendable, Equatable {
        public var opsLimit: UInt64
        public var memLimitBytes: Int
        public init(opsLimit: UInt64, memLimitBytes: Int) {
            self.opsLimit = opsLimit
            self.memLimitBytes = memLimitBytes
        }
        /// t = 2, m = 64 MiB (libsodium's "interactive" memory is 64 MiB with t = 2).
        public static let standard = PasswordCost(opsLimit: 2, memLimitBytes: 64 << 20)
        /// OWASP's floor: t = 2, m = 19 MiB.
        public static let owaspMinimum = PasswordCost(opsLimit: 2, memLimitBytes: 19 << 20)
    }

    /// Hashes a password with Argon2id into the self-describing `$argon2id$…` string. Slow by design:
    /// call it off the event loop.
    public static func hashPassword(_ password: String, cost: PasswordCost) throws -> String {
        _ = initialized
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let pw = Array(password.utf8CString)
        let rc = pw.withUnsafeBufferPointer {
            crypto_pwhash_str_alg(&out, $0.baseAddress!, UInt64(pw.count - 1), cost.opsLimit, cost.memLimitBytes, crypto_pwhash_ALG_ARGON2ID13)
        }
        guard rc == 0 else { throw EventStoreError.crypto("crypto_pwhash_str_alg failed (out of memory?)") }
        let length = out.firstIndex(of: 0) ?? out.count
        return String(decoding: out[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Verifies a password against a stored `$argon2id$…` string (constant time in libsodium). Slow by design.
    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        _ = initialized
        let pw = Array(password.utf8CString)
        return hash.withCString { h in
            pw.withUnsafeBufferPointer { crypto_pwhash_str_verify(h, $0.baseAddress!, UInt64(pw.count - 1)) == 0 }
        }
    }

    /// Whether a stored hash was made with different parameters than `cost` and should be upgraded.
    public static func passwordNeedsRehash(_ hash: String, cost: PasswordCost) -> Bool {
        hash.withCString { crypto_pwhash_str_needs_rehash($0, cost.opsLimit, cost.memLimitBytes) != 0 }
    }

    // MARK: Ed25519

    /// A new Ed25519 key pair: (32-byte seed, 32-byte public key).
    public static func ed25519KeyPair(seed: [UInt8]? = nil) throws -> (seed: [UInt8], publicKey: [UInt8]) {
        _ = initialized
        let seed = seed ?? randomBytes(Int(crypto_sign_SEEDBYTES))
        guard seed.count == Int(crypto_sign_SEEDBYTES) else { throw EventStoreError.crypto("Ed25519 seed must be 32 bytes") }
        var pk = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        var sk = [UInt8](repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
        guard crypto_sign_seed_keypair(&pk, &sk, seed) == 0 else { throw EventStoreError.crypto("crypto_sign_seed_keypair failed") }
        sodium_memzero(&sk, sk.count)
        return (seed, pk)
    }

    /// Signs `message` with the key pair derived from `seed`; returns the 64-byte detached signature.
    public static func ed25519Sign(_ message: [UInt8], seed: [UInt8]) throws -> [UInt8] {
        var pk = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        var sk = [UInt8](repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
        guard seed.count == Int(crypto_sign_SEEDBYTES), crypto_sign_seed_keypair(&pk, &sk, seed) == 0 else {
            throw EventStoreError.crypto("crypto_sign_seed_keypair failed")
        }
        defer { sodium_memzero(&sk, sk.count) }
        var sig = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        guard crypto_sign_detached(&sig, nil, message, UInt64(message.count), sk) == 0 else { throw EventStoreError.crypto("crypto_sign_detached failed") }
        return sig
    }

    /// Checks a detached Ed25519 signature.
    public static func ed25519Verify(_ signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == Int(crypto_sign_BYTES), publicKey.count == Int(crypto_sign_PUBLICKEYBYTES) else { return false }
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }
}
