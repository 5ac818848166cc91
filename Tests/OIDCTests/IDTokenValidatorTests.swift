import Foundation
@testable import OIDC
import Testing

@Suite("ID token claim rules with a controlled clock")
struct IDTokenValidatorTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func validator(skew: TimeInterval = 60) -> IDTokenValidator {
        IDTokenValidator(issuer: "https://id.example.com", clientID: "portal", nonce: "n-1", now: now, allowedClockSkew: skew)
    }

    func claims(exp: TimeInterval = 300, iat: TimeInterval = 0, aud: [String] = ["portal"], azp: String? = nil) throws -> IDTokenClaims {
        var object: [String: Any] = [
            "iss": "https://id.example.com", "sub": "u1", "aud": aud, "nonce": "n-1",
            "exp": now.timeIntervalSince1970 + exp, "iat": now.timeIntervalSince1970 + iat,
        ]
        if let azp { object["azp"] = azp }
        return try JSONDecoder().decode(IDTokenClaims.self, from: JSONSerialization.data(withJSONObject: object))
    }

    @Test("expiry within the clock skew is tolerated, beyond it refused")
    func expirySkew() throws {
        _ = try validator().validate(claims(exp: -30))
        #expect(throws: OIDCError.idTokenExpired(expiredAt: now.addingTimeInterval(-90))) { try validator().validate(claims(exp: -90)) }
        #expect(throws: OIDCError.self) { try validator(skew: 0).validate(claims(exp: 0)) }
    }

    @Test("issued-at slightly ahead is tolerated, far ahead refused")
    func issuedAtSkew() throws {
        _ = try validator().validate(claims(iat: 45))
        #expect(throws: OIDCError.idTokenIssuedInFuture(issuedAt: now.addingTimeInterval(120))) { try validator().validate(claims(iat: 120)) }
    }

    @Test("a present azp must name this client even with a single audience")
    func authorizedParty() throws {
        _ = try validator().validate(claims(azp: "portal"))
        #expect(throws: OIDCError.authorizedPartyMismatch(clientID: "portal", found: "other")) { try validator().validate(claims(azp: "other")) }
    }

    @Test("aud as a single string is read like a one-element array")
    func audienceString() throws {
        let object: [String: Any] = ["iss": "https://id.example.com", "sub": "u1", "aud": "portal", "nonce": "n-1",
                                     "exp": now.timeIntervalSince1970 + 60, "iat": now.timeIntervalSince1970]
        let claims = try JSONDecoder().decode(IDTokenClaims.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(try validator().validate(claims).subject == "u1")
    }

    @Test("a token without sub is refused")
    func missingSubject() throws {
        let object: [String: Any] = ["iss": "https://id.example.com", "aud": "portal", "nonce": "n-1",
                                     "exp": now.timeIntervalSince1970 + 60, "iat": now.timeIntervalSince1970]
        let claims = try JSONDecoder().decode(IDTokenClaims.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(throws: OIDCError.missingClaim("sub")) { try validator().validate(claims) }
    }

    @Test("tokens that are not three-part JWS are refused before any key is chosen")
    func malformedTokens() {
        #expect(throws: OIDCError.malformedIDToken("encrypted ID tokens (JWE) are not supported")) { try IDTokenHeader.decode("a.b.c.d.e") }
        #expect(throws: OIDCError.self) { try IDTokenHeader.decode("not-a-token") }
        let critical = Base64URL.encode(Data(#"{"alg":"RS256","crit":["exp"]}"#.utf8))
        #expect(throws: OIDCError.self) { try IDTokenHeader.decode("\(critical).e30.sig") }
    }
}
