import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// A minimal browser: keeps cookies and reads the CSRF token out of forms.
final class Browser: @unchecked Sendable {
    // Used from one test task only.
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    func request(_ uri: String, method: HTTPRequest.Method = .get, form: [String: String]? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "text/html"]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
        }
        let r = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for header in r.headers[values: .setCookie] {
            // A cleared cookie comes as `name=; Max-Age=0`: keep the empty value so it is dropped.
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if pair.count == 2 { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
        }
        return r
    }

    static func csrf(in html: String) -> String? {
        guard let r = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }
}

@Suite("Sign-up and sign-in pages")
struct PageTests {
    @Test func signUpAndSignInThroughTheForms() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            let form = try await browser.request("/signup")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<label for="email">"#))
            let csrf = try #require(Browser.csrf(in: form.text))
            #expect(browser.cookies["portal_csrf"] != nil)
            #expect(browser.cookies["portal_device"] != nil)

            let created = try await browser.request("/signup", method: .post, form: ["email": "ann@example.com", "name": "Ann Lee", "password": "correct horse battery", "csrf": csrf])
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/signin?registered=1")

            let signInForm = try await browser.request("/signin?registered=1")
            #expect(signInForm.text.contains("your account is ready"))
            let signedIn = try await browser.request("/signin", method: .post, form: [
                "email": "ann@example.com", "password": "correct horse battery", "csrf": try #require(Browser.csrf(in: signInForm.text)),
            ])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/account")
            let setCookie = signedIn.headers[values: .setCookie].first { $0.hasPrefix("portal_session=") } ?? ""
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Secure"))

            let account = try await browser.request("/account")
            #expect(account.status == .ok)
            #expect(account.text.contains("Ann Lee"))
            #expect(account.text.contains("Signed in"))
        }
    }

    @Test func fieldErrorsAppearNextToTheirFieldsAndValuesAreKept() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            let csrf = try #require(Browser.csrf(in: try await browser.request("/signup").text))
            let r = try await browser.request("/signup", method: .post, form: ["email": "ann@", "name": "Ann <b>Lee</b>", "password": "short", "csrf": csrf])
            #expect(r.status == .unprocessableContent)
            #expect(r.text.contains(#"<p class="error" id="email-error">Enter an e-mail address like name@example.com.</p>"#))
            #expect(r.text.contains(#"id="password-error""#))
            #expect(r.text.contains(#"aria-invalid="true""#))
            #expect(r.text.contains("Ann &lt;b&gt;Lee&lt;/b&gt;"))  // kept, and escaped
            #expect(!r.text.contains("short\""))  // the password is never echoed back
        }
    }

    @Test func formsWithoutAValidCSRFTokenAreRefused() async throws {
        try await PortalHarness.run { client, portal in
            let browser = Browser(client)
            _ = try await browser.request("/signup")
            let forged = try await browser.request("/signup", method: .post, form: ["email": "x@example.com", "name": "X", "password": "correct horse battery", "csrf": "0000"])
            #expect(forged.status == .forbidden)
            let noCookie = Browser(client)
            let r = try await noCookie.request("/signin", method: .post, form: ["email": "x@example.com", "password": "p", "csrf": "abc"])
            #expect(r.status == .forbidden)
            #expect(portal.store.lastPosition == 0)
        }
    }

    @Test func aWrongPasswordShowsOneGenericMessage() async throws {
        try await PortalHarness.run { client, _ in
            let browser = Browser(client)
            let csrf = try #require(Browser.csrf(in: try await browser.request("/signin").text))
            let r = try await browser.request("/signin", method: .post, form: ["email": "nobody@example.com", "password": "whatever it is", "csrf": csrf])
            #expect(r.status == .unauthorized)
            #expect(r.text.contains("The e-mail address or password is wrong."))
            #expect(browser.cookies["portal_session"] == nil)
        }
    }

    @Test func theAccountPageNeedsASession() async throws {
        try await PortalHarness.run { client, _ in
            let r = try await Browser(client).request("/account")
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/signin")
        }
    }

    @Test func theStylesheetIsServed() async throws {
        try await PortalHarness.run { client, _ in
            let css = try await client.get("/static/portal.css")
            #expect(css.status == .ok)
            #expect(css.text.contains("--accent"))
        }
    }
}
