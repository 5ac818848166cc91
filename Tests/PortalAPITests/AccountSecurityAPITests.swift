import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Account security through the API")
struct AccountSecurityAPITests {
    @Test func forgotPasswordAnswersAlikeForUnknownAddresses() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await client.signUpAndIn()
            let known = try await client.post("/api/v1/auth/forgot-password", json: #"{"email":"ann@example.com"}"#)
            let unknown = try await client.post("/api/v1/auth/forgot-password", json: #"{"email":"nobody@example.com"}"#)
            #expect(known.status == .accepted && unknown.status == .accepted)
            #expect(known.text == unknown.text)
            let resendKnown = try await client.post("/api/v1/auth/resend-verification", json: #"{"email":"ann@example.com"}"#)
            let resendUnknown = try await client.post("/api/v1/auth/resend-verification", json: #"{"email":"nobody@example.com"}"#)
            #expect(resendKnown.status == resendUnknown.status && resendKnown.text == resendUnknown.text)
            // Both requests for the unknown address are on record, against its keyed hash only.
            let unknownRequests = try portal.store.read(after: 0, types: ["UnknownAddressRequestReceived"]).events
            #expect(unknownRequests.count == 2)
            #expect(unknownRequests.allSatisfy { $0.stream.hasPrefix("signin-") && !String(decoding: $0.data, as: UTF8.self).contains("nobody") })
        }
    }

    @Test func resetThroughTheLinkEndsEverySession() async throws {
        try await PortalHarness.run { client, portal in
            let before = try await client.signUpAndIn()
            let other = try await client.signIn()
            #expect(try await client.post("/api/v1/auth/forgot-password", json: #"{"email":"ann@example.com"}"#).status == .accepted)
            let token = try #require(try latestLinkToken(portal, type: "PasswordResetRequested"))

            // A recently used password is refused, and nothing changes.
            let reused = try await client.post("/api/v1/auth/reset-password", json: #"{"token":"\#(token)","newPassword":"correct horse battery"}"#)
            #expect(reused.status == .unprocessableContent)
            #expect(try await client.get("/api/v1/me", token: before).status == .ok)

            let reset = try await client.post("/api/v1/auth/reset-password", json: #"{"token":"\#(token)","newPassword":"a brand new passphrase"}"#)
            #expect(reset.status == .ok)
            #expect(try await client.get("/api/v1/me", token: before).status == .unauthorized)
            #expect(try await client.refresh(other.refresh).status == .unauthorized)
            // The link works once.
            let again = try await client.post("/api/v1/auth/reset-password", json: #"{"token":"\#(token)","newPassword":"yet another passphrase"}"#)
            #expect(again.status == .badRequest)
            #expect(try again.problem()["type"] as? String == "/problems/invalid-link")
            // The new password signs in, the old one does not.
            #expect(try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"correct horse battery"}"#).status == .unauthorized)
            _ = try await client.signIn(password: "a brand new passphrase")
        }
    }

    @Test func aForgedResetTokenIsRefused() async throws {
        try await PortalHarness.run { client, _ in
            _ = try await client.signUpAndIn()
            _ = try await client.post("/api/v1/auth/forgot-password", json: #"{"email":"ann@example.com"}"#)
            for token in ["nonsense", String(repeating: "A", count: 64)] {
                let r = try await client.post("/api/v1/auth/reset-password", json: #"{"token":"\#(token)","newPassword":"a brand new passphrase"}"#)
                #expect(r.status == .badRequest)
            }
        }
    }

    @Test func verificationLinksWorkOnce() async throws {
        try await PortalHarness.run { client, portal in
            let token = try await client.signUpAndIn()
            #expect(try await client.get("/api/v1/me", token: token).json()["emailVerified"] as? Bool == false)
            let link = try #require(try latestLinkToken(portal, type: "EmailVerificationRequested"))
            #expect(try await client.post("/api/v1/auth/verify-email", json: #"{"token":"\#(link)"}"#).status == .ok)
            #expect(try await client.get("/api/v1/me", token: token).json()["emailVerified"] as? Bool == true)
            #expect(try await client.post("/api/v1/auth/verify-email", json: #"{"token":"\#(link)"}"#).status == .badRequest)
        }
    }

    @Test func changingThePasswordSignsOutTheOtherSessions() async throws {
        try await PortalHarness.run { client, _ in
            let other = try await client.signUpAndIn()
            let current = try await client.signIn()
            let wrong = try await client.post("/api/v1/auth/change-password", json: #"{"currentPassword":"not it at all","newPassword":"a brand new passphrase"}"#,
                                              headers: [.authorization: "Bearer \(current.access)"])
            #expect(wrong.status == .unprocessableContent)
            #expect((try wrong.problem()["errors"] as? [[String: Any]])?.first?["field"] as? String == "currentPassword")
            let weak = try await client.post("/api/v1/auth/change-password", json: #"{"currentPassword":"correct horse battery","newPassword":"password123"}"#,
                                             headers: [.authorization: "Bearer \(current.access)"])
            #expect(weak.status == .unprocessableContent)
            let ok = try await client.post("/api/v1/auth/change-password", json: #"{"currentPassword":"correct horse battery","newPassword":"a brand new passphrase"}"#,
                                           headers: [.authorization: "Bearer \(current.access)"])
            #expect(ok.status == .ok)
            #expect(try await client.get("/api/v1/me", token: other).status == .unauthorized)
            #expect(try await client.get("/api/v1/me", token: current.access).status == .ok)
        }
    }

    @Test func tooManyAttemptsAre429WithRetryAfter() async throws {
        try await PortalHarness.run(configure: { $0.rateLimitPerIP = RateLimit(capacity: 3, per: .seconds(3600)) }) { client, _ in
            var statuses: [HTTPResponse.Status] = []
            var last: TestResponse?
            for _ in 0..<5 {
                let r = try await client.post("/api/v1/auth/login", json: #"{"email":"x@example.com","password":"whatever it is"}"#)
                statuses.append(r.status)
                last = r
            }
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests, .tooManyRequests])
            let retry = try #require(last?.headers[HTTPField.Name("Retry-After")!])
            #expect((Int(retry) ?? 0) >= 1)
            #expect(try last?.problem()["type"] as? String == "/problems/rate-limited")
        }
    }

    @Test func thePerAccountLimitHoldsAcrossAddresses() async throws {
        try await PortalHarness.run(configure: { $0.rateLimitPerAccount = RateLimit(capacity: 2, per: .seconds(3600)) }) { client, _ in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 {
                statuses.append(try await client.post("/api/v1/auth/login", json: #"{"email":"victim@example.com","password":"guess guess guess"}"#).status)
            }
            #expect(statuses == [.unauthorized, .unauthorized, .tooManyRequests])
            // Another address is not affected by the victim's bucket.
            #expect(try await client.post("/api/v1/auth/login", json: #"{"email":"other@example.com","password":"guess guess guess"}"#).status == .unauthorized)
        }
    }

    @Test func repeatedFailuresLockAndAnAdminUnlocks() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await client.signUpAndIn()
            for _ in 0..<5 {
                #expect(try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"wrong wrong wrong"}"#).status == .unauthorized)
            }
            // Locked: even the right password is refused, with the same answer as a wrong one.
            let locked = try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"correct horse battery"}"#)
            #expect(locked.status == .unauthorized)
            #expect(try locked.problem()["type"] as? String == "/problems/invalid-credentials")
            let status = try await AdminOperations(portal: portal).perform(.showAccount("ann@example.com"))
            #expect(status.details["lockedUntil"]?.isEmpty == false)

            _ = try await AdminOperations(portal: portal).perform(.unlock("ann@example.com"))
            let after = try await client.signIn()
            let kinds = ((try await client.get("/api/v1/me/activity", token: after.access).json()["items"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds.prefix(3) == ["signedIn", "unlocked", "signInFailed"])
            #expect(kinds.contains("locked"))
        }
    }

    @Test func aCompromisedAccountMustChangeItsPasswordFirst() async throws {
        try await PortalHarness.run { client, portal in
            let before = try await client.signUpAndIn()
            _ = try await AdminOperations(portal: portal).perform(.flagCompromised("ann@example.com"))
            #expect(try await client.get("/api/v1/me", token: before).status == .unauthorized)

            let login = try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"correct horse battery"}"#)
            #expect(try login.json()["passwordChangeRequired"] as? Bool == true)
            let token = try #require(try login.json()["accessToken"] as? String)
            let blocked = try await client.get("/api/v1/me/activity", token: token)
            #expect(blocked.status == .forbidden)
            #expect(try blocked.problem()["type"] as? String == "/problems/password-change-required")
            #expect(try await client.get("/api/v1/me", token: token).status == .ok)

            let changed = try await client.post("/api/v1/auth/change-password", json: #"{"currentPassword":"correct horse battery","newPassword":"a brand new passphrase"}"#,
                                                headers: [.authorization: "Bearer \(token)"])
            #expect(changed.status == .ok)
            let fresh = try await client.signIn(password: "a brand new passphrase")
            #expect(try await client.get("/api/v1/me/activity", token: fresh.access).status == .ok)
        }
    }

    @Test func forceLogoutEndsEverySession() async throws {
        try await PortalHarness.run { client, portal in
            let a = try await client.signUpAndIn()
            let b = try await client.signIn()
            let outcome = try await AdminOperations(portal: portal).perform(.forceLogout("ann@example.com"))
            #expect(outcome.details["revoked"] == "2")
            #expect(try await client.get("/api/v1/me", token: a).status == .unauthorized)
            #expect(try await client.refresh(b.refresh).status == .unauthorized)
        }
    }
}
