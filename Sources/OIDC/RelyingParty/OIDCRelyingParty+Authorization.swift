import Foundation

extension OIDCRelyingParty {
    /// Starts a sign-in: fresh `state`, `nonce` and PKCE verifier, and the authorization URL.
    ///
    /// The URL carries `response_type=code`, `client_id`, `redirect_uri`, `scope`, `state`,
    /// `nonce`, `code_challenge` and `code_challenge_method=S256`.
    /// - Parameter now: The start time recorded in the pending request.
    /// - Returns: The URL to redirect the browser to, and the values to keep server-side.
    /// - Throws: Discovery errors (the endpoint comes from the discovery document).
    public func startAuthorization(now: Date = Date()) async throws(OIDCError) -> OIDCAuthorizationRequest {
        let metadata = try await metadata(now: now)
        let pending = OIDCPendingAuthorization(
            issuer: configuration.issuerIdentifier,
            state: SecureRandom.token(),
            nonce: SecureRandom.token(),
            codeVerifier: PKCE.makeVerifier(),
            redirectURI: configuration.redirectURI.absoluteString,
            createdAt: now
        )
        let parameters: [(name: String, value: String)] = [
            ("response_type", "code"),
            ("client_id", configuration.clientID),
            ("redirect_uri", pending.redirectURI),
            ("scope", configuration.requestedScopes.joined(separator: " ")),
            ("state", pending.state),
            ("nonce", pending.nonce),
            ("code_challenge", PKCE.challenge(for: pending.codeVerifier)),
            ("code_challenge_method", PKCE.method),
        ]
        guard var components = URLComponents(url: metadata.authorizationEndpoint, resolvingAgainstBaseURL: false) else {
            throw .invalidProviderMetadata("authorization_endpoint is not a valid URL")
        }
        // Keep any query the provider's endpoint already has (OAuth 2.0 §3.1 allows one).
        let existing = components.percentEncodedQuery.map { $0 + "&" } ?? ""
        components.percentEncodedQuery = existing + FormEncoding.encode(parameters)
        guard let url = components.url else {
            throw .invalidProviderMetadata("authorization_endpoint is not a valid URL")
        }
        return OIDCAuthorizationRequest(url: url, pending: pending)
    }
}
