import Foundation

/// The portal's side of "Sign in with …" for one configured OpenID Connect provider:
/// authorization code flow with PKCE, `state` and `nonce`, and full ID token validation.
///
/// Create one per configured provider and keep it for the life of the process: it caches the
/// provider's discovery document and keys. It is an actor, so concurrent sign-ins share the
/// cache safely.
///
/// ```swift
/// let party = try OIDCRelyingParty(configuration: config)
/// // GET /auth/oidc/<provider>/start
/// let request = try await party.startAuthorization()
/// session.pendingOIDC = request.pending              // server-side, this browser only
/// return .redirect(to: request.url.absoluteString)
/// // GET /auth/oidc/<provider>/callback?code=…&state=…
/// let pending = session.takePendingOIDC()            // remove it: one use only
/// let claims = try await party.completeAuthorization(pending, callback: OIDCCallback(query: request.uri.query ?? ""))
/// // link or create the account for (claims.issuer, claims.subject)
/// ```
public actor OIDCRelyingParty {
    /// The provider's configuration.
    public nonisolated let configuration: OIDCProviderConfiguration
    let httpClient: any OIDCHTTPClient
    var cachedMetadata: (metadata: OIDCProviderMetadata, fetchedAt: Date)?
    var cachedKeys: (keys: ProviderKeySet, fetchedAt: Date)?

    /// Creates a relying party; nothing is fetched until it is needed.
    /// - Parameters:
    ///   - configuration: The provider's configuration; checked with ``OIDCProviderConfiguration/validate()``.
    ///   - httpClient: The client for discovery, keys and the token endpoint.
    /// - Throws: ``OIDCError/invalidConfiguration(_:)`` or ``OIDCError/unsupportedURL(_:)``.
    public init(
        configuration: OIDCProviderConfiguration,
        httpClient: any OIDCHTTPClient = URLSessionOIDCHTTPClient()
    ) throws(OIDCError) {
        try configuration.validate()
        self.configuration = configuration
        self.httpClient = httpClient
    }

    /// Runs one HTTP exchange, reporting any failure as an ``OIDCError``.
    func send(_ url: URL, _ exchange: (any OIDCHTTPClient) async throws -> OIDCHTTPResponse) async throws(OIDCError) -> OIDCHTTPResponse {
        do {
            return try await exchange(httpClient)
        } catch let error as OIDCError {
            throw error
        } catch {
            throw .network(url: url.absoluteString, reason: String(describing: error))
        }
    }

    /// `GET url`, requiring status 200.
    func fetch(_ url: URL) async throws(OIDCError) -> Data {
        let response = try await send(url) { try await $0.get(url) }
        guard response.status == 200 else { throw .unexpectedStatus(url: url.absoluteString, status: response.status) }
        return response.body
    }
}
