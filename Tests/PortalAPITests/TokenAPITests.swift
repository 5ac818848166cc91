import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Access tokens")
struct TokenAPITests {
    @Test func meWithoutATokenIs401WithAChallenge() async throws {
        try await PortalHarness.run { client, _ in
            let r = try await client.get("/api/v1/me")
            #expect(r.status == .unauthorized)
            #expect(r.headers[HTTPField.Name("WWW-Authenticate")!]?.hasPrefix("Bearer") == true)
            #expect(try r.problem()["type"] as? String == "/problems/unauthorized")
        }
    }

    @Test func tamperedForgedAndExpiredTokensAreRefused() async throws {
        try await PortalHarness.run { client, portal in
            let token = try await client.signUpAndIn()
            let parts = token.split(separator: ".").map(String.init)
            let id = try #require(AccountID(try await client.get("/api/v1/me", token: token).json()["id"] as? String ?? ""))

            // Another subject in the payload, original signature.
            let payload = try #require(Data(base64URL: parts[1]))
            var claims = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
            claims["sub"] = UUID().uuidString.lowercased()
            let forgedPayload = base64URL(try JSONSerialization.data(withJSONObject: claims))
            // "alg": "none" with no signature.
            let noneHeader = base64URL(Data(#"{"alg":"none","typ":"JWT"}"#.utf8))
            // A token issued an hour ago (expired after 15 minutes).
            let expired = try await portal.tokens.issue(account: id, session: UUID(), now: Date().addingTimeInterval(-3600)).token

            for bad in ["\(parts[0]).\(forgedPayload).\(parts[2])", "\(noneHeader).\(parts[1]).", expired, "garbage", token + "x"] {
                let r = try await client.get("/api/v1/me", token: bad)
                #expect(r.status == .unauthorized, "token \(bad.prefix(20))… was accepted")
            }
            #expect(try await client.get("/api/v1/me", token: token).status == .ok)
        }
    }

    @Test func theAPIIgnoresTheBrowserSessionCookie() async throws {
        try await PortalHarness.run { client, _ in
            let token = try await client.signUpAndIn()
            let r = try await client.get("/api/v1/me", headers: [.cookie: "portal_session=\(token)"])
            #expect(r.status == .unauthorized)
        }
    }

    func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
