import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("The second step of signing in")
struct SecondFactorPageTests {
    @Test func withTwoFactorOnSigningInNeedsTheCodeFromTheApp() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let (totp, used, _) = try await browser.turnOnTwoFactor()
            try await browser.signOut()

            let password = try await browser.submit("/signin", ["email": "ann@example.com", "password": "correct horse battery"], from: "/signin")
            #expect(password.status == .seeOther)
            #expect(password.headers[.location] == "/signin/second-factor")
            let cookie = try #require(password.headers[values: .setCookie].first { $0.hasPrefix("portal_challenge=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/signin"))
            #expect(browser.cookies["portal_session"] == nil)
            #expect(try await browser.request("/account").headers[.location] == "/signin")

            let page = try await browser.request("/signin/second-factor")
            #expect(page.status == .ok)
            #expect(page.text.contains("enter the six-digit code it shows"))
            #expect(page.text.contains(#"type="text" inputmode="numeric" autocomplete="one-time-code""#))
            #expect(page.text.contains(#"<a href="/signin/second-factor?recovery=1" id="use-recovery">Use a recovery code instead</a>"#))

            // A wrong code is a field error, and the same sign-in can go on.
            let wrong = try await browser.submit("/signin/second-factor", ["code": wrongCode(for: totp, around: used + 1)], from: "/signin/second-factor")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains(#"<p class="error" id="code-error">This code is not right or was already used."#))
            #expect(wrong.text.contains(#"aria-describedby="code-hint code-error" aria-invalid="true""#))
            #expect(wrong.text.contains(##"<a href="#code">"##))  // the summary above the form links to the field

            // The code that turned two-factor on was of this time step, and a step works once: the app's next code.
            let done = try await browser.submit("/signin/second-factor", ["code": totp.code(step: used + 1)], from: "/signin/second-factor")
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/account")
            let cookies = done.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("portal_session=") && $0.contains("HttpOnly") && $0.contains("SameSite=Lax") })
            #expect(cookies.contains { $0.hasPrefix("portal_refresh=") })
            #expect(cookies.contains { $0.hasPrefix("portal_challenge=;") && $0.contains("Max-Age=0") })
            #expect(browser.cookies["portal_challenge"] == nil)
            #expect(try await browser.request("/account").status == .ok)
        }
    }

    @Test func aUsedCodeIsRefused() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let (totp, used, _) = try await browser.turnOnTwoFactor()
            try await browser.signOut()
            try await browser.signIn(expecting: "/signin/second-factor")
            let replayed = try await browser.submit("/signin/second-factor", ["code": totp.code(step: used)], from: "/signin/second-factor")
            #expect(replayed.status == .unauthorized)
            #expect(replayed.text.contains(#"id="code-error""#))
        }
    }

    @Test func aRecoveryCodeWorksOnce() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let codes = try await browser.turnOnTwoFactor().recoveryCodes
            try await browser.signOut()

            try await browser.signIn(expecting: "/signin/second-factor")
            let form = try await browser.request("/signin/second-factor?recovery=1")
            #expect(form.text.contains(#"<label for="recoveryCode">Recovery code</label>"#))
            #expect(!form.text.contains(#"name="code""#))
            #expect(form.text.contains(#"<a href="/signin/second-factor" id="use-app">Use the code from your app instead</a>"#))
            // Capitals and spaces do not matter.
            let typed = codes[3].uppercased().replacingOccurrences(of: "-", with: " ")
            let used = try await browser.submit("/signin/second-factor", ["recoveryCode": typed], from: "/signin/second-factor?recovery=1")
            #expect(used.status == .seeOther)
            #expect(used.headers[.location] == "/account")
            try await browser.signOut()

            try await browser.signIn(expecting: "/signin/second-factor")
            let again = try await browser.submit("/signin/second-factor", ["recoveryCode": codes[3]], from: "/signin/second-factor?recovery=1")
            #expect(again.status == .unauthorized)
            #expect(again.text.contains(#"<p class="error" id="recoveryCode-error">This recovery code is not right or was already used."#))
            #expect(again.text.contains(#"id="use-app""#))  // still the recovery-code form
            let another = try await browser.submit("/signin/second-factor", ["recoveryCode": codes[4]], from: "/signin/second-factor?recovery=1")
            #expect(another.status == .seeOther)
        }
    }

    @Test func anEmptyCodeIsAFieldError() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            _ = try await browser.turnOnTwoFactor()
            try await browser.signOut()
            try await browser.signIn(expecting: "/signin/second-factor")
            let r = try await browser.submit("/signin/second-factor", ["code": " "], from: "/signin/second-factor")
            #expect(r.status == .unprocessableContent)
            #expect(r.text.contains(#"<p class="error" id="code-error">Enter the six-digit code your app shows.</p>"#))
        }
    }

    @Test func withoutAChallengeThePageSaysToSignInAgain() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            let page = try await browser.request("/signin/second-factor")
            #expect(page.status == .badRequest)
            #expect(page.text.contains(challengeRefusedMessage))
            #expect(page.text.contains(#"<a class="button" href="/signin">Sign in again</a>"#))
            let posted = try await browser.submit("/signin/second-factor", ["code": "123456"], from: "/signin")
            #expect(posted.status == .badRequest)
            #expect(posted.text.contains(challengeRefusedMessage))
            // A cookie that is not a challenge is no better.
            browser.cookies["portal_challenge"] = "totp.usual.ch_forged"
            let forged = try await browser.submit("/signin/second-factor", ["code": "123456"], from: "/signin")
            #expect(forged.status == .badRequest)
            #expect(browser.cookies["portal_challenge"] == nil)  // and it is cleared
        }
    }

    @Test func anExpiredChallengeSaysToSignInAgain() async throws {
        try await PortalHarness.run(configure: { $0.challengeLifetime = 1 }) { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let totp = try await browser.turnOnTwoFactor().totp
            try await browser.signOut()
            try await browser.signIn(expecting: "/signin/second-factor")
            let form = try await browser.request("/signin/second-factor")
            try await Task.sleep(for: .milliseconds(1500))
            let late = try await browser.request("/signin/second-factor", method: .post, form: [
                "csrf": Browser.csrf(in: form.text) ?? "", "code": totp.code(step: TOTP.step(at: Date()) + 1),
            ])
            #expect(late.status == .badRequest)
            #expect(late.text.contains("This sign-in has expired or was already completed. Sign in again."))
            #expect(browser.cookies["portal_challenge"] == nil)
            #expect(browser.cookies["portal_session"] == nil)
        }
    }

    @Test func aCompletedChallengeCannotBeUsedAgain() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let codes = try await browser.turnOnTwoFactor().recoveryCodes
            try await browser.signOut()
            try await browser.signIn(expecting: "/signin/second-factor")
            let challenge = try #require(browser.cookies["portal_challenge"])
            let done = try await browser.submit("/signin/second-factor", ["recoveryCode": codes[0]], from: "/signin/second-factor?recovery=1")
            #expect(done.status == .seeOther)
            browser.cookies["portal_challenge"] = challenge
            let replayed = try await browser.submit("/signin/second-factor", ["recoveryCode": codes[1]], from: "/account")
            #expect(replayed.status == .badRequest)
            #expect(replayed.text.contains(challengeRefusedMessage))
        }
    }

    @Test func anUnusualSignInAsksForTheMailedCode() async throws {
        // A threshold of 0 makes every sign-in look unusual.
        try await PortalHarness.run(configure: { $0.risk.threshold = 0 }) { client, portal in
            let browser = Browser(client)
            _ = try await browser.submit("/signup", ["email": "ann@example.com", "name": "Ann Lee", "password": "correct horse battery"], from: "/signup")
            try await browser.signIn(expecting: "/signin/second-factor")
            let page = try await browser.request("/signin/second-factor")
            #expect(page.text.contains("This sign-in looked unusual"))
            #expect(page.text.contains("we have sent a six-digit code to your e-mail address"))
            #expect(page.text.contains(#"<label for="code">Code from the e-mail</label>"#))
            #expect(!page.text.contains("recovery=1"))

            let wrong = try await browser.submit("/signin/second-factor", ["code": "000000"], from: "/signin/second-factor")
            let cookie = try #require(browser.cookies["portal_challenge"])
            let token = try #require(cookie.split(separator: ".", maxSplits: 2).last.map(String.init))
            let code = try #require(mailedCode(portal, challenge: token))
            if code != "000000" {
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("This code is not right. Enter the code from the newest e-mail."))
            }
            let done = try await browser.submit("/signin/second-factor", ["code": code], from: "/signin/second-factor")
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/account")
            #expect(try await browser.request("/account").status == .ok)
        }
    }
}
