import Domain
import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Registering and signing in through the API")
struct AuthAPITests {
    @Test func registerThenLoginThenMe() async throws {
        try await PortalHarness.run { client, _ in
            let token = try await client.signUpAndIn(email: "Ann@Example.com")
            let me = try await client.get("/api/v1/me", token: token)
            #expect(me.status == .ok)
            let body = try me.json()
            #expect(body["email"] as? String == "ann@example.com")
            #expect(body["name"] as? String == "Ann Lee")
            #expect(UUID(uuidString: body["id"] as? String ?? "") != nil)
        }
    }

    @Test func theLoginAnswerIsABearerTokenThatExpires() async throws {
        try await PortalHarness.run { client, _ in
            _ = try await client.post("/api/v1/auth/register", json: #"{"email":"a@example.com","password":"correct horse battery","name":"A"}"#)
            let login = try await client.post("/api/v1/auth/login", json: #"{"email":"a@example.com","password":"correct horse battery","deviceName":"laptop"}"#)
            let body = try login.json()
            #expect(body["tokenType"] as? String == "Bearer")
            #expect(body["expiresIn"] as? Int == 900)
            let token = try #require(body["accessToken"] as? String)
            let header = try #require(token.split(separator: ".").first.flatMap { Data(base64URL: String($0)) })
            let fields = try #require(try JSONSerialization.jsonObject(with: header) as? [String: Any])
            #expect(fields["alg"] as? String == "EdDSA")
            #expect((fields["kid"] as? String)?.hasPrefix("portal-") == true)
        }
    }

    @Test func aDuplicateRegistrationGetsTheSameAnswerAndTheOwnerSeesIt() async throws {
        try await PortalHarness.run { client, _ in
            let body = #"{"email":"ann@example.com","password":"correct horse battery","name":"Ann"}"#
            let first = try await client.post("/api/v1/auth/register", json: body)
            let second = try await client.post("/api/v1/auth/register", json: #"{"email":"ANN@example.com","password":"another long password","name":"Eve"}"#)
            #expect(first.status == second.status)
            #expect(first.text == second.text)
            #expect(first.headers[.location] == nil && second.headers[.location] == nil)

            let login = try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"correct horse battery"}"#)
            let token = try #require(try login.json()["accessToken"] as? String)
            let activity = try await client.get("/api/v1/me/activity", token: token).json()
            let kinds = (activity["items"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds == ["signedIn", "duplicateRegistration", "registered"])
            // The impostor's password did not replace the owner's.
            let eve = try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"another long password"}"#)
            #expect(eve.status == .unauthorized)
        }
    }

    @Test func unknownAddressAndWrongPasswordAnswerAlike() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await client.post("/api/v1/auth/register", json: #"{"email":"ann@example.com","password":"correct horse battery","name":"Ann"}"#)
            let wrong = try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"not the password"}"#)
            let unknown = try await client.post("/api/v1/auth/login", json: #"{"email":"nobody@example.com","password":"not the password"}"#)
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            var a = try wrong.problem(), b = try unknown.problem()
            a["requestID"] = nil
            b["requestID"] = nil
            #expect(NSDictionary(dictionary: a).isEqual(to: b))
            #expect(a["type"] as? String == "/problems/invalid-credentials")
            // Both failures are in the log: one on the account, one for the unknown address.
            let failures = try portal.store.read(after: 0, limit: 100, types: ["SignInFailed"]).events
            #expect(failures.count == 2)
            #expect(failures.contains { $0.stream.hasPrefix("account-") })
            #expect(failures.contains { $0.stream.hasPrefix("signin-") })
        }
    }

    @Test func personalDataIsSealedInTheLog() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await client.signUpAndIn(email: "unique-marker-person@example.com", name: "Zelda Marker")
            let raw = try Data(contentsOf: URL(fileURLWithPath: portal.store.folder.logPath + "/data.mdb"))
            #expect(raw.range(of: Data("unique-marker-person".utf8)) == nil)
            #expect(raw.range(of: Data("Zelda Marker".utf8)) == nil)
            #expect(raw.range(of: Data("argon2id".utf8)) == nil)
            let registered = try portal.store.read(after: 0, types: ["CustomerRegistered"]).events
            let personal = String(decoding: registered.first?.sealed.data ?? [], as: UTF8.self)
            #expect(personal.contains("unique-marker-person"))
        }
    }

    @Test func anErasedAccountsTokenStopsWorking() async throws {
        try await PortalHarness.run { client, portal in
            let token = try await client.signUpAndIn()
            let id = try #require(AccountID(try await client.get("/api/v1/me", token: token).json()["id"] as? String ?? ""))
            _ = try await portal.identity.erase(id, by: "test")
            let me = try await client.get("/api/v1/me", token: token)
            #expect(me.status == .unauthorized)
            let again = try await client.post("/api/v1/auth/login", json: #"{"email":"ann@example.com","password":"correct horse battery"}"#)
            #expect(again.status == .unauthorized)
            // The address is free again.
            let fresh = try await client.signUpAndIn(email: "ann@example.com", password: "a brand new password", name: "Ann Again")
            #expect(try await client.get("/api/v1/me", token: fresh).json()["name"] as? String == "Ann Again")
        }
    }
}

extension Data {
    init?(base64URL: String) {
        var s = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        self.init(base64Encoded: s)
    }
}
