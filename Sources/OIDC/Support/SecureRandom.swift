/// Random values for `state`, `nonce` and the PKCE verifier.
///
/// `SystemRandomNumberGenerator` reads the operating system's CSPRNG (`getrandom` on Linux,
/// `arc4random_buf` on Darwin), which is what unguessable protocol values need.
enum SecureRandom {
    /// `byteCount` random bytes as base64url text (32 bytes give 43 characters, 256 bits).
    static func token(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Base64URL.encode(bytes)
    }
}
