import Foundation

/// Ways the test provider can break the protocol on purpose, so that tests can prove the
/// relying party notices. Chosen per sign-in with the `test_misbehave` authorization
/// parameter, or for every sign-in with `--misbehave` or `POST /test/misbehave`.
enum Misbehaviour: String, Sendable, Codable, CaseIterable {
    /// Sign with a key that is not in the JWKS, under the published `kid`.
    case unpublishedKey = "unpublished-key"
    /// Sign with the real key but name a `kid` the JWKS does not have.
    case unknownKID = "unknown-kid"
    /// Omit `kid` from the header (valid while only one key fits).
    case noKID = "no-kid"
    /// `aud` names another client.
    case wrongAudience = "wrong-audience"
    /// `aud` names this client and another, with `azp` = this client (valid).
    case extraAudience = "extra-audience"
    /// `aud` names this client and another, without `azp`.
    case extraAudienceWithoutAZP = "extra-audience-without-azp"
    /// `iss` is another issuer.
    case wrongIssuer = "wrong-issuer"
    /// The ID token expired half an hour ago.
    case expired
    /// `iat` is an hour in the future.
    case issuedInFuture = "issued-in-future"
    /// `nonce` differs from the one requested.
    case wrongNonce = "wrong-nonce"
    /// `nonce` is left out.
    case missingNonce = "missing-nonce"
    /// An unsigned token: `alg: none`.
    case algNone = "alg-none"
    /// HS256 with the client secret as key.
    case algHS256 = "alg-hs256"
    /// Sign with the published P-256 key, ES256 (valid).
    case es256
    /// `email_verified` as the string "true"/"false" (valid).
    case emailVerifiedAsString = "email-verified-as-string"
    /// The token response has no `id_token`.
    case noIDToken = "no-id-token"
    /// The authorization response carries another issuer in `iss` (RFC 9207).
    case wrongCallbackIssuer = "wrong-callback-issuer"

    /// Parses a comma-separated list; nil if a name is unknown.
    static func parse(_ list: some StringProtocol) -> Set<Misbehaviour>? {
        var result: Set<Misbehaviour> = []
        for name in list.split(separator: ",") {
            guard let value = Misbehaviour(rawValue: name.trimmingCharacters(in: .whitespaces)) else { return nil }
            result.insert(value)
        }
        return result
    }
}
