import Foundation

extension OIDCRelyingParty {
    /// Finishes a sign-in: checks the callback against the stored request, exchanges the
    /// code at the token endpoint and validates the ID token.
    ///
    /// The checks, in order: the request was started with this provider; `state` matches
    /// (compared in constant time); the callback's `iss`, if any, is this issuer; the provider
    /// reported no error; the request is younger than
    /// ``OIDCProviderConfiguration/maximumRequestAge``; then the code exchange (with the PKCE
    /// verifier) and the ID token checks of ``verifyIDToken(_:nonce:now:)``.
    ///
    /// Delete `pending` from storage before calling this, whatever the result: a pending
    /// request must serve one callback only.
    /// - Parameters:
    ///   - pending: What ``startAuthorization(now:)`` returned and the portal stored.
    ///   - callback: The parameters of the request to the redirect URI.
    ///   - now: The current time.
    /// - Returns: The verified identity.
    /// - Throws: ``OIDCError`` naming the check that failed.
    public func completeAuthorization(
        _ pending: OIDCPendingAuthorization, callback: OIDCCallback, now: Date = Date()
    ) async throws(OIDCError) -> OIDCVerifiedClaims {
        let issuer = configuration.issuerIdentifier
        guard pending.issuer == issuer else {
            throw .callbackIssuerMismatch(expected: pending.issuer, found: issuer)
        }
        guard let state = callback.state, ConstantTime.equals(state, pending.state) else { throw .stateMismatch }
        if let callbackIssuer = callback.issuer, callbackIssuer != issuer {
            throw .callbackIssuerMismatch(expected: issuer, found: callbackIssuer)
        }
        if let error = callback.error {
            throw .providerError(error: error, description: callback.errorDescription)
        }
        let age = now.timeIntervalSince(pending.createdAt)
        guard age <= configuration.maximumRequestAge, age >= -configuration.allowedClockSkew else {
            throw .requestExpired(ageSeconds: Int(age), limitSeconds: Int(configuration.maximumRequestAge))
        }
        guard let code = callback.code, !code.isEmpty else {
            throw .malformedCallback("it has neither a code nor an error")
        }
        let idToken = try await exchange(code: code, pending: pending, now: now)
        return try await verifyIDToken(idToken, nonce: pending.nonce, now: now)
    }

    /// Redeems the code at the token endpoint and returns the raw ID token.
    func exchange(code: String, pending: OIDCPendingAuthorization, now: Date) async throws(OIDCError) -> String {
        let endpoint = try await metadata(now: now).tokenEndpoint
        var fields: [(name: String, value: String)] = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", pending.redirectURI),
            ("code_verifier", pending.codeVerifier),
        ]
        var credentials: OIDCBasicCredentials?
        switch configuration.clientAuthentication {
        case .clientSecretBasic:
            // RFC 6749 §2.3.1: both parts are form-encoded before they are joined and base64-encoded.
            credentials = OIDCBasicCredentials(
                username: FormEncoding.escape(configuration.clientID),
                password: FormEncoding.escape(configuration.clientSecret)
            )
        case .clientSecretPost:
            fields.append(("client_id", configuration.clientID))
            fields.append(("client_secret", configuration.clientSecret))
        }
        let response = try await send(endpoint) { [fields, credentials] client in
            try await client.postForm(endpoint, fields: fields, basicAuth: credentials)
        }
        return try TokenResponse.idToken(from: response)
    }
}
