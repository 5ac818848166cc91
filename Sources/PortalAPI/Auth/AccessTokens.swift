import Domain
import EventStore
import Foundation
import JWTKit

/// Issues and checks short-lived EdDSA (Ed25519) access tokens.
///
/// The signing key is derived from the master key, so it needs no file of its own and survives
/// restarts; its `kid` is a hash of the public key. Verification pins the algorithm: a token whose
/// header names any other algorithm or key is refused before its signature is looked at.
public final class AccessTokens: Sendable {
    private let keys: JWTKeyCollection
    public let kid: String
    public let lifetime: Duration
    public let publicKey: [UInt8]

    public init(masterKey: MasterKey, lifetime: Duration) async throws {
        let seed = masterKey.derive(purpose: "access-token-ed25519/v1")
        let pair = try Sodium.ed25519KeyPair(seed: seed)
        publicKey = pair.publicKey
        kid = "portal-" + String(Sodium.blake2b(pair.publicKey, outputLength: 16).hex.prefix(12))
        let key = try EdDSA.PrivateKey(d: Base64URL.encode(seed), curve: .ed25519)
        keys = await JWTKeyCollection().add(eddsa: key, kid: JWKIdentifier(string: kid))
        self.lifetime = lifetime
    }

    /// A signed token for a session, and its lifetime in seconds.
    public func issue(account: AccountID, session: UUID, passwordChangeRequired: Bool = false, now exact: Date = Date()) async throws -> (token: String, expiresIn: Int) {
        let now = Date(timeIntervalSince1970: exact.timeIntervalSince1970.rounded(.down))
        let seconds = Int(lifetime.components.seconds)
        let claims = AccessClaims(
            sub: .init(value: account.description), sid: session.uuidString.lowercased(), iat: .init(value: now),
            exp: .init(value: now.addingTimeInterval(TimeInterval(seconds))), iss: .init(value: AccessClaims.issuer), typ: "access",
            pcr: passwordChangeRequired ? true : nil)
        return (try await keys.sign(claims, kid: JWKIdentifier(string: kid)), seconds)
    }

    /// The verified claims of `token`, or nil when it is malformed, forged, expired or not ours.
    public func verify(_ token: String) async -> AccessClaims? {
        guard token.utf8.count < 4096 else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(String(parts[0])),
              let header = try? JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any],
              header["alg"] as? String == "EdDSA", header["kid"] as? String == kid
        else { return nil }
        return try? await keys.verify(token, as: AccessClaims.self)
    }
}

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s).map(Array.init)
    }
}
