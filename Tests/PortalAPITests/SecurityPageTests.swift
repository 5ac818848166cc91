import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Two-factor authentication on the security page")
struct SecurityPageTests {
    @Test func theSecurityPageIsLinkedFromTheAccountPageAndTheHeader() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let account = try await browser.request("/account")
            #expect(account.text.contains(#"<li><a href="/account/security">Two-factor authentication</a>"#))
            #expect(account.text.contains(#"<span class="badge warn" id="two-factor-status">Off</span>"#))
            let page = try await browser.request("/account/security")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<a href="/account/security" aria-current="page">Security</a>"#))
            #expect(page.text.contains(#"id="two-factor-status">Off</span>"#))
            #expect(page.text.contains(#"<form method="post" action="/account/security/setup">"#))
            #expect(try await Browser(client).request("/account/security").headers[.location] == "/signin")
        }
    }

    @Test func settingUpShowsTheQRCodeAndTheKeyAndAConfirmedCodeTurnsItOn() async throws {
        try await PortalHarness.run { client, portal in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let setup = try await browser.submit("/account/security/setup", from: "/account/security")
            #expect(setup.status == .ok)
            // The QR code is inline SVG with an accessible name; the key is text, in groups of four.
            #expect(setup.text.contains(#"<svg xmlns="http://www.w3.org/2000/svg""#))
            #expect(setup.text.contains(#"role="img" aria-label="QR code to add Customer Portal to your authenticator app"><title>"#))
            let secret = try #require(hiddenField("secret", in: setup.text))
            #expect(secret.count == 32)
            let groups = stride(from: 0, to: secret.count, by: 4).map { i in
                String(secret.dropFirst(i).prefix(4))
            }.joined(separator: " ")
            #expect(setup.text.contains(#"<code class="secret" id="totp-secret">\#(groups)</code>"#))
            #expect(setup.text.contains(#"inputmode="numeric" autocomplete="one-time-code""#))
            let totp = try #require(TOTP(base32: secret))

            // A wrong code is a field error; the page shows the same key again (the one the app has).
            let now = TOTP.step(at: Date())
            let wrong = wrongCode(for: totp, around: now)
            let refused = try await browser.request("/account/security/confirm", method: .post, form: [
                "csrf": Browser.csrf(in: setup.text) ?? "", "secret": secret, "code": wrong,
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<p class="error" id="code-error">This code does not match."#))
            #expect(refused.text.contains(#"aria-invalid="true""#))
            #expect(refused.text.contains(groups))
            #expect(refused.text.contains("<svg"))

            let confirmed = try await browser.request("/account/security/confirm", method: .post, form: [
                "csrf": Browser.csrf(in: setup.text) ?? "", "secret": secret, "code": totp.code(step: now),
            ])
            #expect(confirmed.status == .ok)
            #expect(confirmed.text.contains("Save these codes now: they are shown only this once."))
            let codes = recoveryCodes(in: confirmed.text)
            #expect(codes.count == 10)
            #expect(Set(codes).count == 10)
            #expect(try portal.store.read(after: 0, types: ["TwoFactorEnabled"]).events.count == 1)

            let after = try await browser.request("/account/security")
            #expect(after.text.contains(#"id="two-factor-status">On</span>"#))
            #expect(!after.text.contains(codes[0]))  // shown once only
            #expect(after.text.contains(#"action="/account/security/recovery-codes""#))
            #expect(after.text.contains(#"action="/account/security/disable""#))
            #expect(try await browser.request("/account").text.contains(#"id="two-factor-status">On</span>"#))
        }
    }

    @Test func newRecoveryCodesNeedThePasswordAndReplaceTheOldOnes() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let old = try await browser.turnOnTwoFactor().recoveryCodes

            let missing = try await browser.submit("/account/security/recovery-codes", [:], from: "/account/security")
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains(#"<p class="error" id="regeneratePassword-error">Enter your current password.</p>"#))
            let wrong = try await browser.submit("/account/security/recovery-codes", ["regeneratePassword": "not my password"], from: "/account/security")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains(#"id="regeneratePassword-error">Enter your current password to make new recovery codes.</p>"#))
            #expect(!wrong.text.contains(#"id="disablePassword-error""#))

            let made = try await browser.submit("/account/security/recovery-codes", ["regeneratePassword": "correct horse battery"], from: "/account/security")
            #expect(made.status == .ok)
            let fresh = recoveryCodes(in: made.text)
            #expect(fresh.count == 10 && Set(fresh).isDisjoint(with: old))
            #expect(made.text.contains("The old ones no longer work."))

            // An old code is refused at sign-in, a new one works.
            try await browser.signOut()
            try await browser.signIn(expecting: "/signin/second-factor")
            let oldCode = try await browser.submit("/signin/second-factor", ["recoveryCode": old[0]], from: "/signin/second-factor?recovery=1")
            #expect(oldCode.status == .unauthorized)
            let newCode = try await browser.submit("/signin/second-factor", ["recoveryCode": fresh[0]], from: "/signin/second-factor?recovery=1")
            #expect(newCode.status == .seeOther)
        }
    }

    @Test func turningOffNeedsThePasswordOrACode() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let (totp, used, _) = try await browser.turnOnTwoFactor()

            let empty = try await browser.submit("/account/security/disable", [:], from: "/account/security")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains(#"<p class="error" id="disablePassword-error">Enter your current password, or a code from your app.</p>"#))
            let wrongPassword = try await browser.submit("/account/security/disable", ["disablePassword": "not my password"], from: "/account/security")
            #expect(wrongPassword.status == .unprocessableContent)
            #expect(wrongPassword.text.contains(#"<p class="error" id="disablePassword-error">This is not your current password.</p>"#))
            // The code that turned it on was used: a code must be newer than any used.
            let usedCode = try await browser.submit("/account/security/disable", ["disableCode": totp.code(step: used)], from: "/account/security")
            #expect(usedCode.status == .unprocessableContent)
            #expect(usedCode.text.contains(#"id="disableCode-error""#))
            #expect(!usedCode.text.contains(#"id="disablePassword-error""#))

            let off = try await browser.submit("/account/security/disable", ["disableCode": totp.code(step: used + 1)], from: "/account/security")
            #expect(off.status == .seeOther)
            #expect(off.headers[.location] == "/account/security?turnedOff=1")
            let page = try await browser.request("/account/security?turnedOff=1")
            #expect(page.text.contains("Two-factor authentication is off."))
            #expect(page.text.contains(#"id="two-factor-status">Off</span>"#))

            // Signing in needs only the password again.
            try await browser.signOut()
            try await browser.signIn()
        }
    }

    @Test func settingUpTwiceIsExplained() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            _ = try await browser.turnOnTwoFactor()
            // A second tab still showing the set-up button.
            let again = try await browser.submit("/account/security/setup", from: "/account")
            #expect(again.status == .conflict)
            #expect(again.text.contains("Two-factor authentication is already on; turn it off first to set up another app."))
        }
    }
}

/// A six-digit code that is not the code of `step`, the step before or the step after.
func wrongCode(for totp: TOTP, around step: Int64) -> String {
    let valid = Set((step - 1...step + 1).map { totp.code(step: $0) })
    return ["123456", "654321", "111111", "222222"].first { !valid.contains($0) }!
}
