import Foundation

/// One "Sign in with …" provider as an administrator configures it.
///
/// Only the issuer, client id, client secret and redirect URI are needed; everything else is
/// read from the provider's discovery document.
public struct OIDCProviderConfiguration: Sendable, Codable, Hashable {
    /// The issuer identifier, compared byte for byte with the discovery document and ID tokens.
    public var issuer: URL
    /// The client id the provider assigned to the portal.
    public var clientID: String
    /// The client secret. Used only to authenticate at the token endpoint, never as a key.
    public var clientSecret: String
    /// The portal's callback URL, registered at the provider.
    public var redirectURI: URL
    /// Scopes to request; `openid` is added if missing.
    public var scopes: [String]
    /// The name on the sign-in button ("Sign in with \(displayName)").
    public var displayName: String
    /// How to authenticate at the token endpoint.
    public var clientAuthentication: OIDCClientAuthentication
    /// How far the provider's clock may be ahead or behind, for `exp` and `iat`.
    public var allowedClockSkew: TimeInterval
    /// How long a sign-in may take from ``OIDCRelyingParty/startAuthorization(now:)`` to the callback.
    public var maximumRequestAge: TimeInterval
    /// How long discovery metadata and keys are reused before they are fetched again.
    public var cacheLifetime: TimeInterval
    /// Allows plain `http` to hosts other than loopback. Only for closed test networks.
    public var allowsInsecureHTTP: Bool

    /// Creates a provider configuration.
    /// - Parameters:
    ///   - issuer: The issuer URL exactly as the provider writes it in `iss`.
    ///   - clientID: The client id.
    ///   - clientSecret: The client secret.
    ///   - redirectURI: The portal's registered callback URL.
    ///   - scopes: Scopes to request; defaults to `openid email profile`.
    ///   - displayName: The provider's name for the sign-in button.
    ///   - clientAuthentication: Token endpoint authentication; defaults to `client_secret_basic`.
    ///   - allowedClockSkew: Tolerance for `exp` and `iat`; defaults to 60 seconds.
    ///   - maximumRequestAge: Time allowed for the whole sign-in; defaults to 10 minutes.
    ///   - cacheLifetime: Reuse period for discovery metadata and keys; defaults to one hour.
    ///   - allowsInsecureHTTP: Accept `http` for non-loopback hosts; defaults to `false`.
    public init(
        issuer: URL,
        clientID: String,
        clientSecret: String,
        redirectURI: URL,
        scopes: [String] = ["openid", "email", "profile"],
        displayName: String,
        clientAuthentication: OIDCClientAuthentication = .clientSecretBasic,
        allowedClockSkew: TimeInterval = 60,
        maximumRequestAge: TimeInterval = 600,
        cacheLifetime: TimeInterval = 3600,
        allowsInsecureHTTP: Bool = false
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.displayName = displayName
        self.clientAuthentication = clientAuthentication
        self.allowedClockSkew = allowedClockSkew
        self.maximumRequestAge = maximumRequestAge
        self.cacheLifetime = cacheLifetime
        self.allowsInsecureHTTP = allowsInsecureHTTP
    }

    /// The issuer as the string that `iss` and the discovery document must equal.
    public var issuerIdentifier: String { issuer.absoluteString }

    /// The scopes actually requested: the configured ones with `openid` first.
    public var requestedScopes: [String] {
        ["openid"] + scopes.filter { $0 != "openid" && !$0.isEmpty }
    }

    /// `<issuer>/.well-known/openid-configuration`, without doubling a trailing slash
    /// (OpenID Connect Discovery §4).
    public var discoveryURL: URL? {
        var base = issuerIdentifier
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + "/.well-known/openid-configuration")
    }

    /// Checks what can be checked without the network.
    /// - Throws: ``OIDCError/invalidConfiguration(_:)`` or ``OIDCError/unsupportedURL(_:)``.
    public func validate() throws(OIDCError) {
        guard !clientID.isEmpty else { throw .invalidConfiguration("the client id is empty") }
        guard !clientSecret.isEmpty else { throw .invalidConfiguration("the client secret is empty") }
        guard issuer.query == nil, issuer.fragment == nil else {
            throw .invalidConfiguration("the issuer \(issuerIdentifier) must not have a query or fragment")
        }
        try URLPolicy(allowsInsecureHTTP: allowsInsecureHTTP).check(issuer)
        guard redirectURI.scheme == "https" || redirectURI.scheme == "http", redirectURI.host != nil else {
            throw .invalidConfiguration("the redirect URI \(redirectURI.absoluteString) is not an http(s) URL")
        }
        guard redirectURI.fragment == nil else {
            throw .invalidConfiguration("the redirect URI must not have a fragment")
        }
        guard allowedClockSkew >= 0, maximumRequestAge > 0, cacheLifetime >= 0 else {
            throw .invalidConfiguration("clock skew, request age and cache lifetime must not be negative")
        }
    }
}
