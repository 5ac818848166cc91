import Foundation
@testable import OIDC
import Testing

@Suite("Configuration and the values of the protocol")
struct ConfigurationTests {
    let configuration = OIDCProviderConfiguration(
        issuer: URL(string: "https://id.example.com/tenant")!, clientID: "portal", clientSecret: "secret",
        redirectURI: URL(string: "https://portal.example.com/auth/oidc/callback")!, displayName: "Example ID"
    )

    @Test("the discovery URL is the issuer plus the well-known path, without a doubled slash")
    func discoveryURL() {
        #expect(configuration.discoveryURL?.absoluteString == "https://id.example.com/tenant/.well-known/openid-configuration")
        var slashed = configuration
        slashed.issuer = URL(string: "https://id.example.com/tenant/")!
        #expect(slashed.discoveryURL?.absoluteString == "https://id.example.com/tenant/.well-known/openid-configuration")
    }

    @Test("openid is always requested first, whatever the configured scopes")
    func scopes() {
        #expect(configuration.requestedScopes == ["openid", "email", "profile"])
        var custom = configuration
        custom.scopes = ["email", "openid", "groups"]
        #expect(custom.requestedScopes == ["openid", "email", "groups"])
    }

    @Test("plain http is accepted only for loopback hosts unless explicitly allowed")
    func insecureHTTP() throws {
        var plain = configuration
        plain.issuer = URL(string: "http://id.example.com")!
        #expect(throws: OIDCError.unsupportedURL("http://id.example.com")) { try plain.validate() }
        plain.issuer = URL(string: "http://127.example.com")!
        #expect(throws: OIDCError.self) { try plain.validate() }
        plain.issuer = URL(string: "http://127.0.0.1:8080")!
        try plain.validate()
        plain.issuer = URL(string: "http://id.example.com")!
        plain.allowsInsecureHTTP = true
        try plain.validate()
    }

    @Test("an empty client id or secret is refused")
    func emptyCredentials() {
        var broken = configuration
        broken.clientSecret = ""
        #expect(throws: OIDCError.invalidConfiguration("the client secret is empty")) { try OIDCRelyingParty(configuration: broken) }
    }

    @Test("the configuration survives JSON storage")
    func codable() throws {
        let decoded = try JSONDecoder().decode(OIDCProviderConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(decoded == configuration)
    }

    @Test("the PKCE challenge is BASE64URL(SHA256(verifier)), as an independent implementation computes it")
    func pkceChallenge() {
        // Python: base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b'=')
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mJ92K2zDUZQDzOKbUw-JhK2U9RgUI4") == "Nkl4ppzxgpvXDu9yfu7sUl2YhwuT4OMhNaybqFiIX24")
        let verifier = PKCE.makeVerifier()
        #expect(verifier.count == 43)
        #expect(verifier.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    @Test("form encoding escapes everything but unreserved characters and decodes + as space")
    func formEncoding() throws {
        let fields = [("redirect_uri", "https://p.example/cb?x=1&y=2"), ("secret", "a+b c%/é")]
        let encoded = FormEncoding.encode(fields)
        #expect(encoded == "redirect_uri=https%3A%2F%2Fp.example%2Fcb%3Fx%3D1%26y%3D2&secret=a%2Bb%20c%25%2F%C3%A9")
        let decoded = try #require(FormEncoding.decode(encoded))
        #expect(decoded.map(\.value) == fields.map(\.1))
        #expect(FormEncoding.unescape("a+b") == "a b")
        #expect(FormEncoding.unescape("%zz") == nil)
    }

    @Test("constant-time comparison agrees with ==")
    func constantTime() {
        #expect(ConstantTime.equals("state-value", "state-value"))
        #expect(!ConstantTime.equals("state-value", "state-valuE"))
        #expect(!ConstantTime.equals("state", "state-value"))
        #expect(!ConstantTime.equals("", "x"))
        #expect(ConstantTime.equals("", ""))
    }

    @Test("a callback is read from its URL; a repeated parameter is refused")
    func callbackParsing() throws {
        let callback = try OIDCCallback(url: URL(string: "https://portal.example.com/cb?code=abc&state=s%2B1&iss=https%3A%2F%2Fid.example.com")!)
        #expect(callback == OIDCCallback(code: "abc", state: "s+1", issuer: "https://id.example.com"))
        let failure = try OIDCCallback(query: "error=access_denied&error_description=user+said+no&state=s")
        #expect(failure.error == "access_denied")
        #expect(failure.errorDescription == "user said no")
        #expect(throws: OIDCError.malformedCallback("the parameter state appears more than once")) {
            try OIDCCallback(query: "code=a&state=1&state=2")
        }
    }
}
