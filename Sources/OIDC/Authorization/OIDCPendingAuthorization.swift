import Foundation

/// What the portal keeps server-side between sending the browser to the provider and the
/// provider sending it back. It holds secrets (`nonce`, `codeVerifier`): store it in the
/// server-side session of the browser that started the sign-in, never in a URL, and delete
/// it when the callback arrives, whatever the outcome, so it is used once.
public struct OIDCPendingAuthorization: Sendable, Codable, Hashable {
    /// The issuer this sign-in was started with; the callback is checked against it.
    public var issuer: String
    /// The `state` sent to the provider; the callback must bring it back.
    public var state: String
    /// The `nonce` sent to the provider; the ID token must contain it.
    public var nonce: String
    /// The PKCE verifier; only its SHA-256 went to the provider.
    public var codeVerifier: String
    /// The redirect URI used, sent again with the code as RFC 6749 §4.1.3 requires.
    public var redirectURI: String
    /// When the sign-in started.
    public var createdAt: Date

    /// Creates a pending authorization (``OIDCRelyingParty/startAuthorization(now:)`` makes
    /// the real ones; this exists for storage layers and tests).
    public init(issuer: String, state: String, nonce: String, codeVerifier: String, redirectURI: String, createdAt: Date) {
        self.issuer = issuer
        self.state = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.redirectURI = redirectURI
        self.createdAt = createdAt
    }
}
