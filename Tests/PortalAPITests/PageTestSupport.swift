import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

extension Browser {
    /// GETs `page` for its CSRF token, then POSTs `fields` (with the token) to `uri`. Like a browser
    /// that runs the page's script, it solves the anti-bot check when the page carries one (unless
    /// `solvingCheck` is false).
    func submit(_ uri: String, _ fields: [String: String] = [:], from page: String, solvingCheck: Bool = true) async throws -> TestResponse {
        let form = try await request(page)
        var values = fields
        let token = Browser.csrf(in: form.text)
        #expect(token != nil, "no CSRF token on \(page)")
        values["csrf"] = token ?? ""
        if solvingCheck, values["captcha"] == nil, let challenge = captchaChallenge(in: form.text) {
            values["captcha"] = ProofOfWorkCaptcha.solve(challenge)
        }
        return try await request(uri, method: .post, form: values)
    }

    /// Signs up and signs in through the forms; afterwards the browser holds the session cookies.
    func signUpAndSignIn(email: String = "ann@example.com", password: String = "correct horse battery", name: String = "Ann Lee") async throws {
        let created = try await submit("/signup", ["email": email, "name": name, "password": password], from: "/signup")
        #expect(created.status == .seeOther)
        try await signIn(email: email, password: password)
    }

    func signIn(email: String = "ann@example.com", password: String = "correct horse battery", expecting location: String = "/account") async throws {
        let signedIn = try await submit("/signin", ["email": email, "password": password], from: "/signin")
        #expect(signedIn.status == .seeOther)
        #expect(signedIn.headers[.location] == location)
    }
}

/// The ids of the sessions a devices page offers to sign out (from the forms' actions).
func revocableSessionIDs(in html: String) -> [String] {
    html.components(separatedBy: #"action="/account/sessions/"#).dropFirst().compactMap { rest in
        let id = String(rest.prefix { $0 != "/" })
        return UUID(uuidString: id) == nil ? nil : id
    }
}

/// The anti-bot challenge a page carries in its data attributes, as the page's script reads it.
func captchaChallenge(in html: String) -> CaptchaChallenge? {
    guard let challenge = attribute("data-captcha", in: html), let difficulty = attribute("data-captcha-difficulty", in: html).flatMap({ Int($0) }) else {
        return nil
    }
    // The type's memberwise initialiser is internal to the portal; its JSON form is public.
    let json = #"{"challenge":"\#(challenge)","difficulty":\#(difficulty),"expiresAt":0,"algorithm":"sha256-leading-zero-bits"}"#
    return try? JSONDecoder().decode(CaptchaChallenge.self, from: Data(json.utf8))
}

/// The value of the first `name="value"` attribute in `html`.
func attribute(_ name: String, in html: String) -> String? {
    guard let r = html.range(of: " \(name)=\"") else { return nil }
    return String(html[r.upperBound...].prefix { $0 != "\"" })
}

/// The value of the hidden field `name` in a form.
func hiddenField(_ name: String, in html: String) -> String? {
    guard let r = html.range(of: #"<input type="hidden" name="\#(name)" value=""#) else { return nil }
    return String(html[r.upperBound...].prefix { $0 != "\"" })
}

/// The codes in the list of recovery codes.
func recoveryCodes(in html: String) -> [String] {
    guard let list = html.range(of: #"<ol class="recovery-codes""#) else { return [] }
    let rest = html[list.upperBound...]
    let end = rest.range(of: "</ol>")?.lowerBound ?? rest.endIndex
    return rest[..<end].components(separatedBy: "<li><code>").dropFirst().map { String($0.prefix { $0 != "<" }) }
}

extension Browser {
    /// Turns two-factor authentication on from the security page with a code computed here, like the
    /// app would; returns the secret, the time step whose code was used, and the recovery codes.
    func turnOnTwoFactor() async throws -> (totp: TOTP, usedStep: Int64, recoveryCodes: [String]) {
        let setup = try await submit("/account/security/setup", from: "/account/security")
        #expect(setup.status == .ok)
        let secret = try #require(hiddenField("secret", in: setup.text))
        let totp = try #require(TOTP(base32: secret))
        let step = TOTP.step(at: Date())
        let confirmed = try await request("/account/security/confirm", method: .post, form: [
            "csrf": Browser.csrf(in: setup.text) ?? "", "secret": secret, "code": totp.code(step: step),
        ])
        #expect(confirmed.status == .ok)
        let codes = recoveryCodes(in: confirmed.text)
        #expect(codes.count == 10)
        return (totp, step, codes)
    }

    /// Signs out through the header's form.
    func signOut() async throws {
        let r = try await submit("/signout", from: "/account/security")
        #expect(r.status == .seeOther)
    }
}
