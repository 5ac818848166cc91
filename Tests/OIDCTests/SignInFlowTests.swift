import Foundation
@testable import OIDC
import Testing

@Suite("Sign-in against a real provider", .testProvider)
struct SignInFlowTests {
    @Test("a straight-through sign-in yields the provider's verified claims")
    func straightThrough() async throws {
        let provider = try sharedProvider()
        let claims = try await provider.signIn(as: "alice@example.com")
        #expect(claims.issuer == provider.issuer.absoluteString)
        #expect(claims.subject == "248289761001")
        #expect(claims.email == "alice@example.com")
        #expect(claims.emailVerified)
        #expect(claims.name == "Alice Example")
        #expect(claims.expiresAt > claims.issuedAt)
        #expect(claims.authenticatedAt != nil)
    }

    @Test("an address the provider has not verified comes back as unverified")
    func unverifiedEmail() async throws {
        let claims = try await sharedProvider().signIn(as: "bob@example.com")
        #expect(claims.email == "bob@example.com")
        #expect(!claims.emailVerified)
    }

    @Test("a user who picks an account on the provider's page is signed in as that account")
    func interactivePage() async throws {
        let provider = try sharedProvider()
        let party = try provider.relyingParty()
        let request = try await party.startAuthorization()
        let callback = try await Browser().signInOnPage(request.url, as: "carol@example.org")
        let claims = try await party.completeAuthorization(request.pending, callback: callback)
        #expect(claims.subject == "248289761003")
        #expect(claims.name == "Carol Customer")
    }

    @Test("client_secret_post authenticates as well as client_secret_basic")
    func clientSecretPost() async throws {
        let provider = try sharedProvider()
        let claims = try await provider.signIn(with: provider.relyingParty(authentication: .clientSecretPost))
        #expect(claims.subject == "248289761001")
    }

    @Test("an ID token signed with the provider's published P-256 key (ES256) is accepted")
    func es256() async throws {
        let claims = try await sharedProvider().signIn(misbehave: ["es256"])
        #expect(claims.email == "alice@example.com")
    }

    @Test("email_verified sent as the string \"true\" or \"false\" is read as a boolean")
    func emailVerifiedAsString() async throws {
        let provider = try sharedProvider()
        #expect(try await provider.signIn(as: "alice@example.com", misbehave: ["email-verified-as-string"]).emailVerified)
        #expect(try await !provider.signIn(as: "bob@example.com", misbehave: ["email-verified-as-string"]).emailVerified)
    }

    @Test("several audiences are accepted when azp names this client")
    func extraAudienceWithAuthorizedParty() async throws {
        let claims = try await sharedProvider().signIn(misbehave: ["extra-audience"])
        #expect(claims.subject == "248289761001")
    }

    @Test("a token without kid is accepted while the provider has a single key of its type")
    func tokenWithoutKeyID() async throws {
        let claims = try await sharedProvider().signIn(misbehave: ["no-kid"])
        #expect(claims.subject == "248289761001")
    }

    @Test("the authorization URL carries every parameter of a code flow with PKCE")
    func authorizationURL() async throws {
        let provider = try sharedProvider()
        let party = try provider.relyingParty()
        let request = try await party.startAuthorization()
        let components = try #require(URLComponents(url: request.url, resolvingAgainstBaseURL: false))
        let items = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(components.path == "/authorize")
        #expect(items["response_type"] == "code")
        #expect(items["client_id"] == provider.clientID)
        #expect(items["redirect_uri"] == provider.redirectURI.absoluteString)
        #expect(items["scope"] == "openid email profile")
        #expect(items["state"] == request.pending.state)
        #expect(items["nonce"] == request.pending.nonce)
        #expect(items["code_challenge_method"] == "S256")
        // The formula is checked against an independent implementation in ConfigurationTests,
        // and the provider recomputes it from the verifier in every sign-in.
        #expect(items["code_challenge"] == PKCE.challenge(for: request.pending.codeVerifier))
        #expect(items["code_verifier"] == nil)
        #expect((43...128).contains(request.pending.codeVerifier.count))
        #expect(request.pending.state.count >= 22)  // 22 base64url characters carry 128 bits
        #expect(request.pending.redirectURI == provider.redirectURI.absoluteString)
    }

    @Test("every sign-in gets its own state, nonce and verifier")
    func freshValues() async throws {
        let party = try sharedProvider().relyingParty()
        let first = try await party.startAuthorization().pending
        let second = try await party.startAuthorization().pending
        #expect(first.state != second.state)
        #expect(first.nonce != second.nonce)
        #expect(first.codeVerifier != second.codeVerifier)
    }

    @Test("a pending sign-in stored as JSON and read back still completes")
    func pendingSurvivesStorage() async throws {
        let provider = try sharedProvider()
        let party = try provider.relyingParty()
        let request = try await party.startAuthorization()
        let stored = try JSONEncoder().encode(request.pending)
        let callback = try await Browser().approve(request.url)
        let restored = try JSONDecoder().decode(OIDCPendingAuthorization.self, from: stored)
        #expect(restored == request.pending)
        let claims = try await party.completeAuthorization(restored, callback: callback)
        #expect(claims.subject == "248289761001")
    }
}
