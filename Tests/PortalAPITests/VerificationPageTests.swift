import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("E-mail verification on the pages")
struct VerificationPageTests {
    @Test func openingTheLinkDoesNotVerifyButTheButtonDoes() async throws {
        try await PortalHarness.run { client, portal in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let id = try #require(try portal.identity.findAccount("ann@example.com"))
            let token = try #require(try latestLinkToken(portal, type: "EmailVerificationRequested"))
            let link = "/verify-email?token=\(token)"

            // A mail scanner following the link, twice, changes nothing.
            for _ in 0..<2 {
                let page = try await Browser(client).request(link)
                #expect(page.status == .ok)
                #expect(page.text.contains("Confirm my address"))
                #expect(page.text.contains(#"<form method="post" action="/verify-email">"#))
            }
            #expect(try portal.identity.profile(id)?.emailVerified == false)

            let verified = try await browser.submit("/verify-email", ["token": token], from: link)
            #expect(verified.status == .ok)
            #expect(verified.text.contains("your e-mail address is verified"))
            #expect(try portal.identity.profile(id)?.emailVerified == true)

            let again = try await Browser(client).submit("/verify-email", ["token": token], from: link)
            #expect(again.status == .badRequest)
            #expect(again.text.contains("This link is invalid, has expired or was already used"))
        }
    }

    @Test func theVerifyButtonNeedsTheCSRFToken() async throws {
        try await PortalHarness.run { client, portal in
            try await Browser(client).signUpAndSignIn()
            let token = try #require(try latestLinkToken(portal, type: "EmailVerificationRequested"))
            let browser = Browser(client)
            _ = try await browser.request("/verify-email?token=\(token)")
            let forged = try await browser.request("/verify-email", method: .post, form: ["token": token])
            #expect(forged.status == .forbidden)
            let id = try #require(try portal.identity.findAccount("ann@example.com"))
            #expect(try portal.identity.profile(id)?.emailVerified == false)
        }
    }

    @Test func aBrokenVerificationLinkShowsAClearPage() async throws {
        try await PortalHarness.run { client, _ in
            let r = try await Browser(client).request("/verify-email?token=abc")
            #expect(r.status == .badRequest)
            #expect(r.text.contains("This link cannot be used"))
            #expect(r.text.contains("Send a new verification link"))
        }
    }

    @Test func theAccountPageOffersANewLinkUntilTheAddressIsVerified() async throws {
        try await PortalHarness.run { client, portal in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            let account = try await browser.request("/account")
            #expect(account.text.contains("Not yet"))
            #expect(account.text.contains("cannot open support tickets yet"))
            #expect(account.text.contains(#"action="/account/resend-verification""#))
            for link in ["/account/password", "/account/sessions", "/account/activity"] {
                #expect(account.text.contains(#"href="\#(link)""#), "\(link)")
            }

            let before = try portal.store.read(after: 0, types: ["EmailVerificationRequested"]).events.count
            let sent = try await browser.submit("/account/resend-verification", from: "/account")
            #expect(sent.headers[.location] == "/account?verificationSent=1")
            #expect(try portal.store.read(after: 0, types: ["EmailVerificationRequested"]).events.count == before + 1)
            #expect(try await browser.request("/account?verificationSent=1").text.contains("A new verification link is on its way"))

            let token = try #require(try latestLinkToken(portal, type: "EmailVerificationRequested"))
            _ = try await browser.submit("/verify-email", ["token": token], from: "/verify-email?token=\(token)")
            let verified = try await browser.request("/account")
            #expect(verified.text.contains("Yes, verified"))
            #expect(!verified.text.contains(#"action="/account/resend-verification""#))
        }
    }
}
