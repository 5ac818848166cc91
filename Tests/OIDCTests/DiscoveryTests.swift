import Foundation
import OIDC
import Testing

@Suite("Discovery and keys", .testProvider)
struct DiscoveryTests {
    @Test("the discovery document gives the endpoints and algorithms")
    func metadata() async throws {
        let provider = try sharedProvider()
        let metadata = try await provider.relyingParty().metadata()
        #expect(metadata.issuer == provider.issuer.absoluteString)
        #expect(metadata.authorizationEndpoint == provider.url("/authorize"))
        #expect(metadata.tokenEndpoint == provider.url("/token"))
        #expect(metadata.jwksURI == provider.url("/jwks"))
        #expect(metadata.idTokenSigningAlgValuesSupported == ["RS256", "ES256"])
        #expect(metadata.codeChallengeMethodsSupported == ["S256"])
    }

    @Test("an issuer that differs from the configured one, even by a trailing slash, is refused")
    func issuerMismatch() async throws {
        let provider = try sharedProvider()
        let configured = URL(string: provider.issuer.absoluteString + "/")!
        let party = try provider.relyingParty(issuer: configured)
        let error = await expectOIDCError("issuer_mismatch") { try await party.metadata() }
        #expect(error == .issuerMismatch(expected: configured.absoluteString, found: provider.issuer.absoluteString))
        // No sign-in can start with such a provider.
        await expectOIDCError("issuer_mismatch") { try await party.startAuthorization() }
    }

    @Test("the relying party reports the number of usable published keys")
    func keys() async throws {
        #expect(try await sharedProvider().relyingParty().refreshKeys() == 2)
    }

    @Test("a response larger than the limit is refused")
    func responseSizeLimit() async throws {
        let provider = try sharedProvider()
        let client = URLSessionOIDCHTTPClient(maximumResponseSize: 64)
        await expectOIDCError("response_too_large") { try await client.get(provider.url("/.well-known/openid-configuration")) }
    }

    @Test("the HTTP client refuses URLs that are not http or https")
    func nonHTTPURL() async throws {
        let client = URLSessionOIDCHTTPClient()
        await expectOIDCError("unsupported_url") { try await client.get(URL(fileURLWithPath: "/etc/passwd")) }
        await expectOIDCError("unsupported_url") { try await client.get(URL(string: "ftp://127.0.0.1/x")!) }
    }
}

@Suite("Providers that change while the portal runs")
struct ProviderLifecycleTests {
    @Test("after the provider rotates its key, the next token's unknown kid makes the portal refetch the keys")
    func keyRotation() async throws {
        try await TestProvider.run { provider in
            let party = try provider.relyingParty()
            _ = try await provider.signIn(with: party)  // caches rsa-1 and ec-1
            let rotation = try await URLSessionOIDCHTTPClient().postForm(provider.url("/test/rotate-keys"), fields: [], basicAuth: nil)
            #expect(rotation.status == 200)
            let claims = try await provider.signIn(with: party)  // signed by rsa-2
            #expect(claims.subject == "248289761001")
            #expect(try await party.refreshKeys() == 3)
        }
    }

    @Test("misbehaviour switched on for every sign-in applies until it is switched off")
    func globalMisbehaviour() async throws {
        try await TestProvider.run { provider in
            let http = URLSessionOIDCHTTPClient()
            _ = try await http.postForm(provider.url("/test/misbehave?names=wrong-audience"), fields: [], basicAuth: nil)
            await expectOIDCError("audience_mismatch") { try await provider.signIn() }
            _ = try await http.postForm(provider.url("/test/misbehave?names="), fields: [], basicAuth: nil)
            #expect(try await provider.signIn().subject == "248289761001")
        }
    }

    @Test("misbehaviour given on the command line applies to every sign-in")
    func misbehaviourFlag() async throws {
        try await TestProvider.run(arguments: ["--misbehave", "expired"]) { provider in
            await expectOIDCError("id_token_expired") { try await provider.signIn() }
        }
    }

    @Test("a provider that cannot be reached is a network error")
    func unreachable() async throws {
        let party = try await TestProvider.run { provider in try provider.relyingParty() }
        // The provider has exited; its port no longer answers.
        await expectOIDCError("network") { try await party.metadata() }
    }

    @Test("a misconfigured redirect URI gets an error page from the provider, not a redirect")
    func unregisteredRedirectURI() async throws {
        try await TestProvider.run { provider in
            var configuration = provider.configuration()
            configuration.redirectURI = URL(string: "https://attacker.example/steal")!
            let party = try OIDCRelyingParty(configuration: configuration)
            let request = try await party.startAuthorization()
            let response = try await URLSessionOIDCHTTPClient().get(request.url)
            #expect(response.status == 400)
            #expect(response.header("location") == nil)
        }
    }
}
