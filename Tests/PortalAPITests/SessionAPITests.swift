import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Sessions and refresh tokens through the API")
struct SessionAPITests {
    @Test func refreshTokensRotateAndReuseRevokesTheSession() async throws {
        try await PortalHarness.run { client, _ in
            _ = try await client.signUpAndIn()
            let first = try await client.signIn()
            let r1 = try await client.refresh(first.refresh)
            #expect(r1.status == .ok)
            let second = try r1.json()
            let rt2 = try #require(second["refreshToken"] as? String)
            let at2 = try #require(second["accessToken"] as? String)
            #expect(rt2 != first.refresh)
            #expect(second["tokenType"] as? String == "Bearer")
            #expect(try await client.get("/api/v1/me", token: at2).status == .ok)

            // The first token was used: presenting it again revokes the whole session…
            let reuse = try await client.refresh(first.refresh)
            #expect(reuse.status == .unauthorized)
            // …so the newer refresh token and the access tokens stop working too.
            #expect(try await client.refresh(rt2).status == .unauthorized)
            #expect(try await client.get("/api/v1/me", token: at2).status == .unauthorized)
            #expect(try await client.get("/api/v1/me", token: first.access).status == .unauthorized)
        }
    }

    @Test func theReuseIsLoggedAndTheNextSignInNeedsTheMailedCode() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await client.signUpAndIn()
            let s = try await client.signIn()
            _ = try await client.refresh(s.refresh)
            _ = try await client.refresh(s.refresh)
            // A stolen session was just detected: the right password alone is not enough now.
            let login = try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"correct horse battery"}"#)
            #expect(login.status == .accepted)
            let body = try login.json()
            #expect(body["method"] as? String == "emailCode")
            #expect(body["riskySignIn"] as? Bool == true)
            let challenge = try #require(body["challenge"] as? String)
            let code = try #require(mailedCode(portal, challenge: challenge))
            let done = try await client.post("/api/v1/auth/login/second-factor", json: #"{"challenge":"\#(challenge)","code":"\#(code)"}"#)
            #expect(done.status == .ok)
            let token = try #require(try done.json()["accessToken"] as? String)
            let kinds = ((try await client.get("/api/v1/me/activity", token: token).json()["items"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds.contains("refreshTokenReused"))
            #expect(kinds.contains("sessionRevoked"))
        }
    }

    @Test func garbageRefreshTokensAreRefused() async throws {
        try await PortalHarness.run { client, _ in
            for token in ["", "rt_", "rt_AAAA", "nonsense", "rt_" + String(repeating: "A", count: 64)] {
                let r = try await client.refresh(token)
                #expect(r.status == .unauthorized || r.status == .unprocessableContent, "\(token)")
            }
        }
    }

    @Test func aRevokedSessionsAccessTokenIsRefusedAtOnce() async throws {
        try await PortalHarness.run { client, _ in
            _ = try await client.signUpAndIn()
            let laptop = try await client.signIn(device: "laptop")
            let phone = try await client.signIn(device: "phone")
            let list = try await client.get("/api/v1/me/sessions", token: laptop.access).json()
            let sessions = try #require(list["sessions"] as? [[String: Any]])
            #expect(sessions.count == 3)
            #expect(sessions.filter { $0["current"] as? Bool == true }.count == 1)
            let phoneSession = try #require(sessions.first { $0["device"] as? String == "phone" })
            let phoneID = try #require(phoneSession["id"] as? String)

            let revoke = try await client.execute(uri: "/api/v1/me/sessions/\(phoneID)", method: .delete, headers: [.authorization: "Bearer \(laptop.access)"])
            #expect(revoke.status == .noContent)
            #expect(try await client.get("/api/v1/me", token: phone.access).status == .unauthorized)
            #expect(try await client.refresh(phone.refresh).status == .unauthorized)
            #expect(try await client.get("/api/v1/me", token: laptop.access).status == .ok)
            // Revoking it again, or a session that is not one's own, is "not found".
            let again = try await client.execute(uri: "/api/v1/me/sessions/\(phoneID)", method: .delete, headers: [.authorization: "Bearer \(laptop.access)"])
            #expect(again.status == .notFound)
        }
    }

    @Test func customersCannotRevokeEachOthersSessions() async throws {
        try await PortalHarness.run { client, _ in
            let ann = try await client.signUpAndIn()
            let bob = try await client.signUpAndIn(email: "bob@example.com", name: "Bob")
            let bobsSessions = try #require(try await client.get("/api/v1/me/sessions", token: bob).json()["sessions"] as? [[String: Any]])
            let bobSession = try #require(bobsSessions.first?["id"] as? String)
            let r = try await client.execute(uri: "/api/v1/me/sessions/\(bobSession)", method: .delete, headers: [.authorization: "Bearer \(ann)"])
            #expect(r.status == .notFound)
            #expect(try await client.get("/api/v1/me", token: bob).status == .ok)
        }
    }

    @Test func revokeOthersKeepsOnlyTheCurrentSession() async throws {
        try await PortalHarness.run { client, _ in
            let first = try await client.signUpAndIn()
            let second = try await client.signIn()
            let third = try await client.signIn()
            let r = try await client.execute(uri: "/api/v1/me/sessions/revoke-others", method: .post, headers: [.authorization: "Bearer \(third.access)"])
            #expect(try r.json()["revoked"] as? Int == 2)
            #expect(try await client.get("/api/v1/me", token: first).status == .unauthorized)
            #expect(try await client.get("/api/v1/me", token: second.access).status == .unauthorized)
            #expect(try await client.get("/api/v1/me", token: third.access).status == .ok)
        }
    }

    @Test func logoutEndsTheSession() async throws {
        try await PortalHarness.run { client, _ in
            let token = try await client.signUpAndIn()
            let r = try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: [.authorization: "Bearer \(token)"])
            #expect(r.status == .noContent)
            #expect(try await client.get("/api/v1/me", token: token).status == .unauthorized)
        }
    }

    @Test func anIdleSessionEnds() async throws {
        try await PortalHarness.run(configure: { $0.sessions.idleTimeout = 1 }) { client, _ in
            _ = try await client.signUpAndIn()
            let s = try await client.signIn()
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await client.get("/api/v1/me", token: s.access).status == .unauthorized)
            #expect(try await client.refresh(s.refresh).status == .unauthorized)
        }
    }
}
