import Crypto
import CryptoExtras
import Foundation
import JWTKit

/// The provider's signing keys: RSA keys for RS256 (the newest signs, older ones stay
/// published after a rotation), a P-256 key for ES256, and an RSA key that is never
/// published, for forged signatures.
actor ProviderKeys {
    private struct RSAKeyEntry {
        var kid: String
        var key: JWTKit.Insecure.RSA.PrivateKey
    }

    private var rsaKeys: [RSAKeyEntry]
    private let ecKey = ES256PrivateKey()
    private let ecKID = "ec-1"
    private let unpublishedKey: JWTKit.Insecure.RSA.PrivateKey

    init() throws {
        rsaKeys = [RSAKeyEntry(kid: "rsa-1", key: try Self.makeRSAKey())]
        unpublishedKey = try Self.makeRSAKey()
    }

    private static func makeRSAKey() throws -> JWTKit.Insecure.RSA.PrivateKey {
        try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
    }

    /// The `kid` of the RSA key that signs now.
    var currentKID: String { rsaKeys[rsaKeys.count - 1].kid }

    /// Adds a new RSA signing key; the old ones stay published so earlier tokens still verify.
    /// - Returns: The new key's `kid`.
    func rotate() throws -> String {
        let kid = "rsa-\(rsaKeys.count + 1)"
        rsaKeys.append(RSAKeyEntry(kid: kid, key: try Self.makeRSAKey()))
        return kid
    }

    /// The public JWKS document.
    func jwks() throws -> JWKSDocument {
        var keys: [JWKSDocument.Key] = try rsaKeys.reversed().map { entry in
            let (modulus, exponent) = try entry.key.publicKey.getKeyPrimitives()
            return .init(kty: "RSA", use: "sig", alg: "RS256", kid: entry.kid, n: Base64URL.encode(modulus), e: Base64URL.encode(exponent))
        }
        if let parameters = ecKey.publicKey.parameters {
            keys.append(.init(kty: "EC", use: "sig", alg: "ES256", kid: ecKID, crv: "P-256", x: parameters.x, y: parameters.y))
        }
        return JWKSDocument(keys: keys)
    }

    /// Signs an ID token, honouring the misbehaviours that concern the signature.
    func sign(_ payload: IDTokenPayload, misbehaviours: Set<Misbehaviour>, clientSecret: String) async throws -> String {
        if misbehaviours.contains(.algNone) {
            return try Self.compact(header: #"{"alg":"none","typ":"JWT"}"#, payload: payload) { _ in [] }
        }
        if misbehaviours.contains(.algHS256) {
            // Made by hand: jwt-kit rightly asserts on HMAC keys shorter than 32 bytes, and a
            // forger would use the client secret whatever its length.
            let key = SymmetricKey(data: Data(clientSecret.utf8))
            return try Self.compact(header: #"{"alg":"HS256","typ":"JWT","kid":"\#(currentKID)"}"#, payload: payload) { input in
                Array(HMAC<SHA256>.authenticationCode(for: input, using: key))
            }
        }
        let keys = JWTKeyCollection()
        let kid: String
        if misbehaviours.contains(.es256) {
            kid = ecKID
            await keys.add(ecdsa: ecKey, kid: JWKIdentifier(string: kid))
        } else {
            let key = misbehaviours.contains(.unpublishedKey) ? unpublishedKey : rsaKeys[rsaKeys.count - 1].key
            kid = misbehaviours.contains(.unknownKID) ? "not-published" : currentKID
            await keys.add(rsa: key, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        }
        if misbehaviours.contains(.noKID) {
            // Without a kid, jwt-kit signs with the collection's default key, the only one here.
            return try await keys.sign(payload, header: ["typ": "JWT"])
        }
        return try await keys.sign(payload, kid: JWKIdentifier(string: kid), header: ["typ": "JWT"])
    }

    /// `base64url(header).base64url(payload).base64url(signature(signing input))`.
    private static func compact(header: String, payload: IDTokenPayload, signature: ([UInt8]) -> [UInt8]) throws -> String {
        let input = Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(try JSONEncoder().encode(payload))
        return input + "." + Base64URL.encode(signature(Array(input.utf8)))
    }
}

/// `GET /jwks`: RFC 7517 key set with public members only.
struct JWKSDocument: Codable, Sendable {
    struct Key: Codable, Sendable {
        var kty: String
        var use: String
        var alg: String
        var kid: String
        var n: String?
        var e: String?
        var crv: String?
        var x: String?
        var y: String?
    }

    var keys: [Key]
}
