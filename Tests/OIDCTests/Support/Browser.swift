import Foundation
import OIDC
import Testing

/// Plays the user's browser: visits the authorization URL, signs in at the provider and
/// brings back the callback the provider redirects to. It never follows the redirect to the
/// portal (there is none in these tests); it reads the `Location` header instead.
struct Browser {
    let http = URLSessionOIDCHTTPClient()

    /// Straight-through sign-in: `login_hint` plus `prompt=none`, optionally with
    /// misbehaviours for this sign-in only.
    func approve(_ url: URL, as email: String? = "alice@example.com", misbehave: [String] = []) async throws -> OIDCCallback {
        var extra = ["prompt=none"]
        if let email { extra.append("login_hint=" + email.replacingOccurrences(of: "@", with: "%40")) }
        if !misbehave.isEmpty { extra.append("test_misbehave=" + misbehave.joined(separator: ",")) }
        let response = try await http.get(URL(string: url.absoluteString + "&" + extra.joined(separator: "&"))!)
        return try callback(from: response)
    }

    /// Interactive sign-in: loads the provider's page, picks `email` and presses a button,
    /// submitting every hidden field the page carries.
    func signInOnPage(_ url: URL, as email: String, decision: String = "approve") async throws -> OIDCCallback {
        let page = try await http.get(url)
        try #require(page.status == 200)
        let html = String(decoding: page.body, as: UTF8.self)
        var fields = hiddenFields(in: html)
        fields.append(("user", email))
        fields.append(("decision", decision))
        let action = URL(string: "/authorize", relativeTo: url)!.absoluteURL
        let response = try await http.postForm(action, fields: fields, basicAuth: nil)
        return try callback(from: response)
    }

    private func callback(from response: OIDCHTTPResponse) throws -> OIDCCallback {
        let body = String(decoding: response.body, as: UTF8.self)
        try #require(response.status == 302, "expected a redirect, got \(response.status): \(body)")
        let location = try #require(response.header("location").flatMap(URL.init(string:)))
        #expect(location.absoluteString.hasPrefix("http://127.0.0.1:9/auth/oidc/callback?"))
        return try OIDCCallback(url: location)
    }

    /// `<input type="hidden" name="…" value="…">` pairs, unescaped.
    private func hiddenFields(in html: String) -> [(name: String, value: String)] {
        let pattern = #/<input type="hidden" name="([^"]*)" value="([^"]*)">/#
        return html.matches(of: pattern).map { (unescape(String($0.1)), unescape(String($0.2))) }
    }

    private func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension TestProvider {
    /// A whole sign-in with the browser's straight-through approval.
    func signIn(
        with party: OIDCRelyingParty? = nil, as email: String = "alice@example.com", misbehave: [String] = []
    ) async throws -> OIDCVerifiedClaims {
        let party = try party ?? relyingParty()
        let request = try await party.startAuthorization()
        let callback = try await Browser().approve(request.url, as: email, misbehave: misbehave)
        return try await party.completeAuthorization(request.pending, callback: callback)
    }
}

/// Expects `body` to fail with the ``OIDCError`` whose ``OIDCError/code`` is `code`, and
/// returns the error for further checks.
@discardableResult
func expectOIDCError(
    _ code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> some Any
) async -> OIDCError? {
    do {
        let value = try await body()
        Issue.record("expected \(code), but it succeeded with \(value)", sourceLocation: sourceLocation)
    } catch let error as OIDCError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected OIDCError \(code), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
