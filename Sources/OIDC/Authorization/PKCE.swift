import Crypto

/// Proof Key for Code Exchange (RFC 7636) with the S256 method.
enum PKCE {
    /// A fresh verifier: 32 random bytes as 43 base64url characters, the RFC's recommendation.
    static func makeVerifier() -> String { SecureRandom.token(byteCount: 32) }

    /// `BASE64URL(SHA256(ASCII(verifier)))`.
    static func challenge(for verifier: String) -> String {
        Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
    }

    /// The only method the relying party uses; `plain` would defeat the purpose.
    static let method = "S256"
}
