import Foundation
import OIDC
import Testing

@Suite("Code redemption at the token endpoint", .testProvider)
struct TokenEndpointTests {
    @Test("a code works once; the second redemption is refused with invalid_grant")
    func reusedCode() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization()
        let callback = try await Browser().approve(request.url)
        _ = try await party.completeAuthorization(request.pending, callback: callback)
        let error = await expectOIDCError("token_endpoint_error") { try await party.completeAuthorization(request.pending, callback: callback) }
        #expect(error == .tokenEndpointError(status: 400, error: "invalid_grant", description: "the authorization code was already used"))
    }

    @Test("a verifier that does not match the challenge is refused")
    func wrongVerifier() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization()
        let other = try await party.startAuthorization()
        let callback = try await Browser().approve(request.url)
        var pending = request.pending
        pending.codeVerifier = other.pending.codeVerifier
        let error = await expectOIDCError("token_endpoint_error") { try await party.completeAuthorization(pending, callback: callback) }
        #expect(error == .tokenEndpointError(status: 400, error: "invalid_grant", description: "code_verifier does not match code_challenge"))
    }

    @Test("a redemption without code_verifier is refused")
    func missingVerifier() async throws {
        let provider = try sharedProvider()
        let party = try provider.relyingParty()
        let request = try await party.startAuthorization()
        let callback = try await Browser().approve(request.url)
        let response = try await URLSessionOIDCHTTPClient().postForm(
            provider.url("/token"),
            fields: [("grant_type", "authorization_code"), ("code", callback.code!), ("redirect_uri", provider.redirectURI.absoluteString),
                     ("client_id", provider.clientID), ("client_secret", provider.clientSecret)],
            basicAuth: nil
        )
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self).contains("code_verifier is required"))
    }

    @Test("a redirect URI other than the authorization request's is refused")
    func redirectURIMismatch() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization()
        let callback = try await Browser().approve(request.url)
        var pending = request.pending
        pending.redirectURI = "http://127.0.0.1:9/elsewhere"
        let error = await expectOIDCError("token_endpoint_error") { try await party.completeAuthorization(pending, callback: callback) }
        #expect(error == .tokenEndpointError(status: 400, error: "invalid_grant", description: "redirect_uri does not match the authorization request"))
    }

    @Test("a wrong client secret is refused with invalid_client")
    func wrongSecret() async throws {
        let provider = try sharedProvider()
        for authentication in OIDCClientAuthentication.allCases {
            let party = try provider.relyingParty(clientSecret: "not-the-secret", authentication: authentication)
            let error = await expectOIDCError("token_endpoint_error") { try await provider.signIn(with: party) }
            #expect(error == .tokenEndpointError(status: 401, error: "invalid_client", description: "unknown client or wrong secret"))
        }
    }

    @Test("an authorization request without a PKCE challenge is refused by the provider")
    func missingChallenge() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization()
        var components = try #require(URLComponents(url: request.url, resolvingAgainstBaseURL: false))
        components.queryItems = components.queryItems?.filter { !$0.name.hasPrefix("code_challenge") }
        let callback = try await Browser().approve(try #require(components.url))
        let error = await expectOIDCError("provider_error") { try await party.completeAuthorization(request.pending, callback: callback) }
        #expect(error == .providerError(error: "invalid_request", description: "a PKCE code_challenge of 43–128 characters is required"))
    }
}
