import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// The anti-bot check on the pages, at a difficulty of 8 bits (a few hundred hashes to solve here).
@Suite("The anti-bot check on the sign-up, forgot-password and sign-in forms")
struct CaptchaPageTests {
    static func withCaptcha(_ configuration: inout PortalConfiguration) { configuration.captchaDifficulty = 8 }

    static let noScriptMessage = "This form needs JavaScript for its anti-bot check. Turn JavaScript on for this site, then send the form again."

    @Test func theSignUpFormCarriesAFreshChallengeEveryTime() async throws {
        try await PortalHarness.run(configure: Self.withCaptcha) { client, _ in
            let browser = Browser(client)
            let first = try await browser.request("/signup")
            let challenge = try #require(captchaChallenge(in: first.text))
            #expect(challenge.difficulty == 8)
            #expect(first.text.contains(#"<input type="hidden" name="captcha" value="">"#))
            #expect(first.text.contains(#"<script src="/static/captcha.js" defer></script>"#))
            #expect(first.text.contains(#"aria-live="polite""#))
            #expect(first.text.contains("<noscript>"))
            let second = try #require(captchaChallenge(in: try await browser.request("/signup").text))
            #expect(second.challenge != challenge.challenge)
            #expect(try await client.get("/static/captcha.js").status == .ok)
        }
    }

    @Test func aSignUpWithoutTheSolutionIsRefusedWithTheMessageNextToTheForm() async throws {
        try await PortalHarness.run(configure: Self.withCaptcha) { client, portal in
            let browser = Browser(client)
            let fields = ["email": "ann@example.com", "name": "Ann Lee", "password": "correct horse battery"]
            let form = try await browser.request("/signup")
            let refused = try await browser.submit("/signup", fields, from: "/signup", solvingCheck: false)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains(#"<p class="error" id="captcha-error" role="alert">\#(Self.noScriptMessage)</p>"#))
            #expect(!refused.text.contains("<noscript>"))  // one message, not two
            #expect(refused.text.contains(#"value="ann@example.com""#))  // what was typed is kept, except the password
            #expect(!refused.text.contains("correct horse battery"))
            // The form comes back with a new challenge, which the page's script solves.
            let fresh = try #require(captchaChallenge(in: refused.text))
            #expect(fresh.challenge != captchaChallenge(in: form.text)?.challenge)
            #expect(try portal.store.read(after: 0, types: ["CustomerRegistered"]).events.isEmpty)

            let created = try await browser.request("/signup", method: .post, form: fields.merging([
                "csrf": Browser.csrf(in: refused.text) ?? "", "captcha": ProofOfWorkCaptcha.solve(fresh),
            ]) { $1 })
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/signin?registered=1")
            #expect(try portal.store.read(after: 0, types: ["CustomerRegistered"]).events.count == 1)
        }
    }

    @Test func aSolutionIsAcceptedOnce() async throws {
        try await PortalHarness.run(configure: Self.withCaptcha) { client, portal in
            let browser = Browser(client)
            let form = try await browser.request("/signup")
            let solution = ProofOfWorkCaptcha.solve(try #require(captchaChallenge(in: form.text)))
            let csrf = try #require(Browser.csrf(in: form.text))
            let first = try await browser.request("/signup", method: .post, form: [
                "email": "ann@example.com", "name": "Ann Lee", "password": "correct horse battery", "csrf": csrf, "captcha": solution,
            ])
            #expect(first.status == .seeOther)
            let replayed = try await browser.request("/signup", method: .post, form: [
                "email": "bob@example.com", "name": "Bob Roe", "password": "another good passphrase", "csrf": csrf, "captcha": solution,
            ])
            #expect(replayed.status == .forbidden)
            #expect(replayed.text.contains("This check was already used. Reload the page and try again."))
            #expect(replayed.text.contains(#"id="captcha-error""#))
            #expect(captchaChallenge(in: replayed.text) != nil)
            #expect(try portal.store.read(after: 0, types: ["CustomerRegistered"]).events.count == 1)
        }
    }

    @Test func aFieldErrorBringsTheFormBackWithANewChallenge() async throws {
        try await PortalHarness.run(configure: Self.withCaptcha) { client, _ in
            let browser = Browser(client)
            let r = try await browser.submit("/signup", ["email": "ann@", "name": "Ann Lee", "password": "correct horse battery"], from: "/signup")
            #expect(r.status == .unprocessableContent)
            #expect(r.text.contains(#"id="email-error""#))
            #expect(captchaChallenge(in: r.text) != nil)
            #expect(!r.text.contains(#"id="captcha-error""#))
        }
    }

    @Test func forgotPasswordNeedsTheCheckToo() async throws {
        try await PortalHarness.run(configure: Self.withCaptcha) { client, portal in
            try await Browser(client).signUpAndSignIn()
            let browser = Browser(client)
            #expect(captchaChallenge(in: try await browser.request("/forgot-password").text) != nil)
            let refused = try await browser.submit("/forgot-password", ["email": "ann@example.com"], from: "/forgot-password", solvingCheck: false)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains(Self.noScriptMessage))
            #expect(try portal.store.read(after: 0, types: ["PasswordResetRequested"]).events.isEmpty)

            let sent = try await browser.submit("/forgot-password", ["email": "ann@example.com"], from: "/forgot-password")
            #expect(sent.status == .seeOther)
            #expect(try portal.store.read(after: 0, types: ["PasswordResetRequested"]).events.count == 1)
            // The confirmation has no form, so no check.
            #expect(captchaChallenge(in: try await browser.request("/forgot-password?sent=1").text) == nil)
        }
    }

    @Test func signInAsksForTheCheckOnlyAfterFailures() async throws {
        try await PortalHarness.run(configure: Self.withCaptcha) { client, _ in
            try await Browser(client).signUpAndSignIn()
            let browser = Browser(client)
            #expect(captchaChallenge(in: try await browser.request("/signin").text) == nil)
            for _ in 0..<3 {
                let wrong = try await browser.submit("/signin", ["email": "ann@example.com", "password": "not the password"], from: "/signin")
                #expect(wrong.status == .unauthorized)
            }
            // The account has had three failures in a row: the right password alone is not enough now.
            let asked = try await browser.submit("/signin", ["email": "ann@example.com", "password": "correct horse battery"], from: "/signin")
            #expect(asked.status == .forbidden)
            #expect(asked.text.contains(#"<p class="error" id="captcha-error" role="alert">After several failed attempts, signing in needs an anti-bot check too."#))
            #expect(asked.text.contains(#"src="/static/captcha.js""#))
            let csrf = try #require(Browser.csrf(in: asked.text))

            // The form sent again without the script having run (its hidden field empty).
            let noScript = try await browser.request("/signin", method: .post, form: [
                "email": "ann@example.com", "password": "correct horse battery", "csrf": csrf, "captcha": "",
            ])
            #expect(noScript.status == .forbidden)
            #expect(noScript.text.contains(Self.noScriptMessage))
            let challenge = try #require(captchaChallenge(in: noScript.text))

            // Once asked, the form keeps the check, also after another wrong password.
            let wrongAgain = try await browser.request("/signin", method: .post, form: [
                "email": "ann@example.com", "password": "still not it", "csrf": csrf, "captcha": ProofOfWorkCaptcha.solve(challenge),
            ])
            #expect(wrongAgain.status == .unauthorized)
            let next = try #require(captchaChallenge(in: wrongAgain.text))
            let signedIn = try await browser.request("/signin", method: .post, form: [
                "email": "ann@example.com", "password": "correct horse battery", "csrf": csrf, "captcha": ProofOfWorkCaptcha.solve(next),
            ])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/account")
        }
    }

    @Test func withTheCheckTurnedOffTheFormsCarryNothing() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            for page in ["/signup", "/forgot-password", "/signin"] {
                let html = try await browser.request(page).text
                #expect(!html.contains("data-captcha"), "\(page) carries a check")
                #expect(!html.contains("captcha.js"), "\(page) loads the check's script")
            }
        }
    }
}
