import Foundation
import OIDC
import Testing

@Suite("The callback is checked before any code is redeemed", .testProvider)
struct CallbackTests {
    @Test("a forged state is refused and the code stays unspent")
    func forgedState() async throws {
        let provider = try sharedProvider()
        let party = try provider.relyingParty()
        let request = try await party.startAuthorization()
        let genuine = try await Browser().approve(request.url)
        var forged = genuine
        forged.state = String(genuine.state!.reversed())
        await expectOIDCError("state_mismatch") { try await party.completeAuthorization(request.pending, callback: forged) }
        // Nothing was sent to the token endpoint, so the genuine callback still works.
        let claims = try await party.completeAuthorization(request.pending, callback: genuine)
        #expect(claims.subject == "248289761001")
    }

    @Test("a callback without state is refused")
    func missingState() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization()
        var callback = try await Browser().approve(request.url)
        callback.state = nil
        await expectOIDCError("state_mismatch") { try await party.completeAuthorization(request.pending, callback: callback) }
    }

    @Test("a callback meant for another sign-in is refused")
    func callbackOfAnotherSignIn() async throws {
        let party = try sharedProvider().relyingParty()
        let mine = try await party.startAuthorization()
        let theirs = try await party.startAuthorization()
        let callback = try await Browser().approve(theirs.url)
        await expectOIDCError("state_mismatch") { try await party.completeAuthorization(mine.pending, callback: callback) }
    }

    @Test("a user who declines comes back as the provider's access_denied")
    func userDeclines() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization()
        let callback = try await Browser().signInOnPage(request.url, as: "alice@example.com", decision: "deny")
        let error = await expectOIDCError("provider_error") { try await party.completeAuthorization(request.pending, callback: callback) }
        #expect(error == .providerError(error: "access_denied", description: "the user declined"))
    }

    @Test("prompt=none without a known user comes back as login_required")
    func loginRequired() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization()
        let callback = try await Browser().approve(request.url, as: nil)
        let error = await expectOIDCError("provider_error") { try await party.completeAuthorization(request.pending, callback: callback) }
        #expect(error == .providerError(error: "login_required", description: "no known user in login_hint"))
    }

    @Test("a callback naming another issuer (RFC 9207 iss) is refused")
    func callbackIssuer() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization()
        let callback = try await Browser().approve(request.url, misbehave: ["wrong-callback-issuer"])
        await expectOIDCError("callback_issuer_mismatch") { try await party.completeAuthorization(request.pending, callback: callback) }
    }

    @Test("a sign-in that took longer than the allowed age is refused")
    func expiredRequest() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization(now: Date().addingTimeInterval(-11 * 60))
        let callback = try await Browser().approve(request.url)
        let error = await expectOIDCError("request_expired") { try await party.completeAuthorization(request.pending, callback: callback) }
        guard case .requestExpired(let age, let limit) = error else { return }
        #expect(age >= 660)
        #expect(limit == 600)
    }

    @Test("a pending sign-in started with another provider is refused")
    func pendingOfAnotherProvider() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization()
        let callback = try await Browser().approve(request.url)
        var pending = request.pending
        pending.issuer = "https://other-provider.example"
        await expectOIDCError("callback_issuer_mismatch") { try await party.completeAuthorization(pending, callback: callback) }
    }

    @Test("a callback with neither code nor error is refused")
    func emptyCallback() async throws {
        let party = try sharedProvider().relyingParty()
        let request = try await party.startAuthorization()
        let callback = OIDCCallback(state: request.pending.state)
        await expectOIDCError("malformed_callback") { try await party.completeAuthorization(request.pending, callback: callback) }
    }
}
