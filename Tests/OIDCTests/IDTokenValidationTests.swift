import OIDC
import Testing

@Suite("ID tokens from a misbehaving provider are refused", .testProvider)
struct IDTokenValidationTests {
    @Test(
        "each broken ID token fails with its own error",
        arguments: [
            ("wrong-nonce", "nonce_mismatch"),
            ("missing-nonce", "nonce_mismatch"),
            ("unpublished-key", "invalid_signature"),
            ("unknown-kid", "unknown_signing_key"),
            ("wrong-audience", "audience_mismatch"),
            ("extra-audience-without-azp", "authorized_party_mismatch"),
            ("wrong-issuer", "id_token_issuer_mismatch"),
            ("expired", "id_token_expired"),
            ("issued-in-future", "id_token_issued_in_future"),
            ("no-id-token", "invalid_token_response"),
        ]
    )
    func refused(misbehaviour: String, expected: String) async throws {
        let provider = try sharedProvider()
        await expectOIDCError(expected) { try await provider.signIn(misbehave: [misbehaviour]) }
    }

    @Test("alg none and HS256 are refused by name, before any key is looked up")
    func refusedAlgorithms() async throws {
        let provider = try sharedProvider()
        let none = await expectOIDCError("unsupported_signing_algorithm") { try await provider.signIn(misbehave: ["alg-none"]) }
        #expect(none == .unsupportedSigningAlgorithm("none"))
        // HS256 keyed with the client secret: the portal knows that secret, so it proves nothing.
        let hmac = await expectOIDCError("unsupported_signing_algorithm") { try await provider.signIn(misbehave: ["alg-hs256"]) }
        #expect(hmac == .unsupportedSigningAlgorithm("HS256"))
    }

    @Test("a wrong audience names the client and the audience found")
    func audienceDetails() async throws {
        let provider = try sharedProvider()
        let error = await expectOIDCError("audience_mismatch") { try await provider.signIn(misbehave: ["wrong-audience"]) }
        #expect(error == .audienceMismatch(clientID: provider.clientID, audiences: ["some-other-client"]))
    }
}
