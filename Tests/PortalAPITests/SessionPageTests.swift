import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Account, sessions and activity pages")
struct SessionPageTests {
    @Test func signingOutAnotherDeviceMakesItsCookiesStopWorking() async throws {
        try await PortalHarness.run { client, _ in
            let laptop = Browser(client), phone = Browser(client)
            try await laptop.signUpAndSignIn()
            try await phone.signIn()

            let page = try await laptop.request("/account/sessions")
            #expect(page.status == .ok)
            #expect(page.text.contains("Sessions and devices"))
            #expect(page.text.contains("This device"))
            // Only the other session has a button; this one is marked instead.
            let ids = revocableSessionIDs(in: page.text)
            #expect(ids.count == 1)
            let phoneSession = try #require(ids.first)

            let revoked = try await laptop.submit("/account/sessions/\(phoneSession)/revoke", from: "/account/sessions")
            #expect(revoked.status == .seeOther)
            #expect(revoked.headers[.location] == "/account/sessions?ended=1")

            let phoneAccount = try await phone.request("/account")
            #expect(phoneAccount.status == .seeOther)
            #expect(phoneAccount.headers[.location] == "/signin")
            #expect(phone.cookies["portal_session"] == nil && phone.cookies["portal_refresh"] == nil)
            #expect(try await laptop.request("/account").status == .ok)
            #expect(revocableSessionIDs(in: try await laptop.request("/account/sessions").text).isEmpty)
        }
    }

    @Test func signOutAllOtherDevices() async throws {
        try await PortalHarness.run { client, _ in
            let laptop = Browser(client), phone = Browser(client), tablet = Browser(client)
            try await laptop.signUpAndSignIn()
            try await phone.signIn()
            try await tablet.signIn()
            #expect(revocableSessionIDs(in: try await laptop.request("/account/sessions").text).count == 2)

            let r = try await laptop.submit("/account/sessions/revoke-others", from: "/account/sessions")
            #expect(r.headers[.location] == "/account/sessions?endedOthers=2")
            #expect(try await laptop.request("/account/sessions?endedOthers=2").text.contains("2 other sessions were signed out"))
            #expect(try await phone.request("/account").headers[.location] == "/signin")
            #expect(try await tablet.request("/account").headers[.location] == "/signin")
            #expect(try await laptop.request("/account").status == .ok)
        }
    }

    @Test func anotherAccountsSessionCannotBeSignedOut() async throws {
        try await PortalHarness.run { client, _ in
            let ann = Browser(client), bob = Browser(client)
            try await ann.signUpAndSignIn()
            try await bob.signUpAndSignIn(email: "bob@example.com", name: "Bob Stone")
            let bobsPhone = Browser(client)
            try await bobsPhone.signIn(email: "bob@example.com")
            let bobsSession = try #require(revocableSessionIDs(in: try await bob.request("/account/sessions").text).first)

            let r = try await ann.submit("/account/sessions/\(bobsSession)/revoke", from: "/account/sessions")
            #expect(r.headers[.location] == "/account/sessions?gone=1")
            #expect(try await bobsPhone.request("/account").status == .ok)
        }
    }

    @Test func theAccountPagesRefuseFormsWithoutTheCSRFToken() async throws {
        try await PortalHarness.run { client, _ in
            let laptop = Browser(client), phone = Browser(client)
            try await laptop.signUpAndSignIn()
            try await phone.signIn()
            let before = revocableSessionIDs(in: try await laptop.request("/account/sessions").text)
            let id = try #require(before.first)

            for uri in ["/account/sessions/\(id)/revoke", "/account/sessions/revoke-others", "/account/resend-verification", "/signout"] {
                let r = try await laptop.request(uri, method: .post, form: ["csrf": "0000"])
                #expect(r.status == .forbidden, "\(uri)")
                let missing = try await laptop.request(uri, method: .post, form: [:])
                #expect(missing.status == .forbidden, "\(uri)")
            }
            let changed = try await laptop.request("/account/password", method: .post, form: [
                "currentPassword": "correct horse battery", "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrase",
            ])
            #expect(changed.status == .forbidden)
            #expect(try await phone.request("/account").status == .ok)
            #expect(revocableSessionIDs(in: try await laptop.request("/account/sessions").text) == before)
        }
    }

    @Test func theHeaderShowsTheAccountLinksWhenSignedIn() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            let signedOut = try await browser.request("/")
            #expect(signedOut.text.contains(#"<a href="/signin""#))
            #expect(!signedOut.text.contains(#"action="/signout""#))

            try await browser.signUpAndSignIn()
            let sessions = try await browser.request("/account/sessions")
            #expect(sessions.text.contains(#"<a href="/account/sessions" aria-current="page">Sessions</a>"#))
            #expect(sessions.text.contains(#"<a href="/account/activity">Activity</a>"#))
            #expect(sessions.text.contains(#"<form class="signout" method="post" action="/signout">"#))
            #expect(!sessions.text.contains(#"<a href="/signin""#))

            let signOut = try await browser.submit("/signout", from: "/")
            #expect(signOut.headers[.location] == "/")
            #expect(try await browser.request("/account").headers[.location] == "/signin")
        }
    }

    @Test func theActivityPageDescribesEventsNewestFirstAPageAtATime() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            try await browser.signUpAndSignIn()
            for _ in 0..<3 {
                let failed = try await Browser(client).submit("/signin", ["email": "ann@example.com", "password": "wrong guess here"], from: "/signin")
                #expect(failed.status == .unauthorized)
            }
            for _ in 0..<20 { try await Browser(client).signIn() }

            let first = try await browser.request("/account/activity")
            #expect(first.status == .ok)
            #expect(first.text.contains("Page 1 of 2"))
            #expect(first.text.contains(#"href="/account/activity?page=2""#))
            #expect(first.text.components(separatedBy: "<tr").count - 2 == 20)  // the header row and 20 entries
            let second = try await browser.request("/account/activity?page=2")
            #expect(second.text.contains("Page 2 of 2"))
            #expect(second.text.contains("Failed sign-in<span class=\"detail\"> — wrong password</span>"))
            #expect(second.text.contains("Account created"))
            // Newest first: the account was created before the failures.
            let created = try #require(second.text.range(of: "Account created"))
            let failure = try #require(second.text.range(of: "Failed sign-in"))
            #expect(failure.lowerBound < created.lowerBound)
            // A page past the end shows the last one.
            #expect(try await browser.request("/account/activity?page=99").text.contains("Page 2 of 2"))
            #expect(try await browser.request("/account/activity?page=x").text.contains("Page 1 of 2"))
        }
    }

    @Test func theActivityKindsHaveReadableDescriptions() async throws {
        try await PortalHarness.run { client, portal in
            let browser = Browser(client), other = Browser(client)
            try await browser.signUpAndSignIn()
            try await other.signIn()
            let id = try #require(revocableSessionIDs(in: try await browser.request("/account/sessions").text).first)
            _ = try await browser.submit("/account/sessions/\(id)/revoke", from: "/account/sessions")
            _ = try await browser.submit("/account/password", [
                "currentPassword": "correct horse battery", "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrase",
            ], from: "/account/password")
            _ = try await browser.submit("/forgot-password", ["email": "ann@example.com"], from: "/forgot-password")
            _ = portal
            let page = try await browser.request("/account/activity")
            for text in ["Account created", "Signed in", "A session was signed out", "Password changed; other sessions were signed out",
                         "Password reset link requested", "\">This device</td>"] {
                #expect(page.text.contains(text), "\(text)")
            }
            #expect(!page.text.contains("sessionRevoked") && !page.text.contains("passwordChanged"))
        }
    }
}
