import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Forgotten, reset and changed passwords on the pages")
struct PasswordPageTests {
    @Test func forgotPasswordAnswersAlikeForKnownAndUnknownAddresses() async throws {
        try await PortalHarness.run { client, portal in
            try await Browser(client).signUpAndSignIn()
            let browser = Browser(client)
            let form = try await browser.request("/forgot-password")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<label for="email">"#))

            let known = try await browser.submit("/forgot-password", ["email": "ann@example.com"], from: "/forgot-password")
            let unknown = try await browser.submit("/forgot-password", ["email": "nobody@example.com"], from: "/forgot-password")
            #expect(known.status == .seeOther && unknown.status == .seeOther)
            #expect(known.headers[.location] == unknown.headers[.location])
            let confirmation = try await browser.request(try #require(known.headers[.location]))
            #expect(confirmation.text.contains("If this address belongs to an account, a link is on its way; it works once, within an hour"))
            // Only the real account got a link.
            #expect(try portal.store.read(after: 0, types: ["PasswordResetRequested"]).events.count == 1)
        }
    }

    @Test func theSignInPageLinksToForgotPassword() async throws {
        try await PortalHarness.run { client, _ in
            let page = try await Browser(client).request("/signin")
            #expect(page.text.contains(#"<a href="/forgot-password">Forgot your password?</a>"#))
        }
    }

    @Test func aMalformedAddressIsAFieldError() async throws {
        try await PortalHarness.run { client, _ in
            let r = try await Browser(client).submit("/forgot-password", ["email": "ann@"], from: "/forgot-password")
            #expect(r.status == .unprocessableContent)
            #expect(r.text.contains(#"id="email-error""#))
            #expect(r.text.contains(#"aria-describedby="email-error""#))
            #expect(r.text.contains(#"role="alert""#))
        }
    }

    @Test func resettingThroughTheMailedLinkSignsOutEverySession() async throws {
        try await PortalHarness.run { client, portal in
            let signedIn = Browser(client)
            try await signedIn.signUpAndSignIn()
            #expect(try await signedIn.request("/account").status == .ok)

            let browser = Browser(client)
            _ = try await browser.submit("/forgot-password", ["email": "ann@example.com"], from: "/forgot-password")
            let token = try #require(try latestLinkToken(portal, type: "PasswordResetRequested"))
            let link = "/reset-password?token=\(token)"

            let form = try await browser.request(link)
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<input type="hidden" name="token" value="\#(token)">"#))
            #expect(form.text.contains(#"src="/static/password-strength.js""#))

            let mismatch = try await browser.submit("/reset-password", [
                "token": token, "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrasE",
            ], from: link)
            #expect(mismatch.status == .unprocessableContent)
            #expect(mismatch.text.contains(#"id="confirmPassword-error""#))
            #expect(mismatch.text.contains(#"aria-describedby="confirmPassword-error""#))
            #expect(!mismatch.text.contains("brand new passphrase"))  // never echoed back
            #expect(mismatch.text.contains(#"name="token" value="\#(token)""#))  // the link is kept

            let done = try await browser.submit("/reset-password", [
                "token": token, "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrase",
            ], from: link)
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/signin?reset=1")
            let notice = try await browser.request("/signin?reset=1")
            #expect(notice.text.contains("Password changed; every session was signed out"))

            // The session from before the reset is over, cookies and all.
            let old = try await signedIn.request("/account")
            #expect(old.status == .seeOther)
            #expect(old.headers[.location] == "/signin")
            #expect(signedIn.cookies["portal_refresh"] == nil)

            // The new password works, the old one doesn't, and the link works only once.
            try await Browser(client).signIn(password: "a brand new passphrase")
            let oldPassword = try await Browser(client).submit("/signin", ["email": "ann@example.com", "password": "correct horse battery"], from: "/signin")
            #expect(oldPassword.status == .unauthorized)
            // A spent link is refused as soon as it is opened, before anyone types a password.
            let again = try await browser.request(link)
            #expect(again.status == .badRequest)
            #expect(again.text.contains("This link is invalid, has expired or was already used"))
            #expect(again.text.contains(#"href="/forgot-password""#))
        }
    }

    @Test func aBrokenResetLinkShowsAClearPage() async throws {
        try await PortalHarness.run { client, _ in
            let r = try await Browser(client).request("/reset-password?token=not-a-token")
            #expect(r.status == .badRequest)
            #expect(r.text.contains("This link cannot be used"))
            #expect(r.text.contains("Ask for a new link"))
            #expect(!r.text.contains("<form method=\"post\" action=\"/reset-password\""))
        }
    }

    @Test func aPolicyRefusalOnResetIsShownNextToTheField() async throws {
        try await PortalHarness.run { client, portal in
            try await Browser(client).signUpAndSignIn()
            let browser = Browser(client)
            _ = try await browser.submit("/forgot-password", ["email": "ann@example.com"], from: "/forgot-password")
            let token = try #require(try latestLinkToken(portal, type: "PasswordResetRequested"))
            let r = try await browser.submit("/reset-password", ["token": token, "newPassword": "password123", "confirmPassword": "password123"],
                                             from: "/reset-password?token=\(token)")
            #expect(r.status == .unprocessableContent)
            #expect(r.text.contains(#"<p class="error" id="newPassword-error">This password is too common"#))
        }
    }

    @Test func changingThePasswordWithAWrongCurrentPasswordIsAFieldError() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let form = try await browser.request("/account/password")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<label for="currentPassword">"#))
            let r = try await browser.submit("/account/password", [
                "currentPassword": "not my password", "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrase",
            ], from: "/account/password")
            #expect(r.status == .unprocessableContent)
            #expect(r.text.contains(#"<p class="error" id="currentPassword-error">This is not your current password.</p>"#))
            #expect(r.text.contains(#"aria-describedby="currentPassword-error""#))
            #expect(!r.text.contains("not my password") && !r.text.contains("brand new passphrase"))
        }
    }

    @Test func changingThePasswordSignsOutTheOtherSessionsOnly() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client), other = Browser(client)
            try await browser.signUpAndSignIn()
            try await other.signIn()
            let r = try await browser.submit("/account/password", [
                "currentPassword": "correct horse battery", "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrase",
            ], from: "/account/password")
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/account?passwordChanged=1")
            let account = try await browser.request("/account?passwordChanged=1")
            #expect(account.status == .ok)
            #expect(account.text.contains("Your password has been changed"))
            #expect(try await other.request("/account").headers[.location] == "/signin")
        }
    }

    @Test func aSessionThatMustChangeItsPasswordIsSentToTheChangePage() async throws {
        try await PortalHarness.run { client, portal in
            try await Browser(client).signUpAndSignIn()
            let id = try #require(try portal.identity.findAccount("ann@example.com"))
            try await portal.identity.flagCompromised(id, by: "security team")

            let browser = Browser(client)
            try await browser.signIn(expecting: "/account/password")
            for page in ["/account", "/account/sessions", "/account/activity?page=1"] {
                let r = try await browser.request(page)
                #expect(r.status == .seeOther, "\(page)")
                #expect(r.headers[.location] == "/account/password", "\(page)")
            }
            let revoke = try await browser.submit("/account/sessions/revoke-others", from: "/account/password")
            #expect(revoke.headers[.location] == "/account/password")
            let form = try await browser.request("/account/password")
            #expect(form.status == .ok)
            #expect(form.text.contains("flagged as possibly compromised"))

            let changed = try await browser.submit("/account/password", [
                "currentPassword": "correct horse battery", "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrase",
            ], from: "/account/password")
            #expect(changed.status == .seeOther)
            // The same session goes on, without being sent back to the change page.
            let account = try await browser.request("/account")
            #expect(account.status == .ok)
            #expect(account.text.contains("Ann Lee"))
            #expect(try await browser.request("/account/sessions").status == .ok)
        }
    }

    @Test func tooManyAttemptsShowTheFormAgainWithTheWait() async throws {
        try await PortalHarness.run(configure: { $0.rateLimitPerIP = RateLimit(capacity: 2, per: .seconds(3600)) }) { client, _ in
            let browser = Browser(client)
            let first = try await browser.submit("/forgot-password", ["email": "nobody@example.com"], from: "/forgot-password")
            #expect(first.status == .seeOther)
            var limited = first
            for _ in 0..<5 where limited.status != .tooManyRequests {
                limited = try await browser.submit("/forgot-password", ["email": "nobody@example.com"], from: "/forgot-password")
            }
            #expect(limited.status == .tooManyRequests)
            let wait = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect(wait > 0)
            #expect(limited.text.contains("Wait \(wait) second"))
            #expect(limited.text.contains(#"role="alert""#))
            #expect(limited.text.contains(#"value="nobody@example.com""#))
            #expect(limited.text.contains(#"<form method="post" action="/forgot-password""#))
        }
    }

    @Test func theFormsWithANewPasswordLoadTheStrengthMeterAndExplainThePolicy() async throws {
        try await PortalHarness.run { client, _ in
            let signUp = try await Browser(client).request("/signup")
            #expect(signUp.text.contains(#"<script src="/static/password-strength.js" defer></script>"#))
            #expect(signUp.text.contains("8 to 256 characters"))
            #expect(signUp.text.contains("data-strength"))
            #expect(!signUp.text.contains("<script>") && !signUp.text.contains("onclick") && !signUp.text.contains("oninput"))
            let script = try await client.get("/static/password-strength.js")
            #expect(script.status == .ok)
            #expect(script.text.contains("aria-live"))
        }
    }
}
