import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

extension Browser {
    /// GETs `page` for its CSRF token, then POSTs `fields` (with the token) to `uri`.
    func submit(_ uri: String, _ fields: [String: String] = [:], from page: String) async throws -> TestResponse {
        let form = try await request(page)
        var values = fields
        let token = Browser.csrf(in: form.text)
        #expect(token != nil, "no CSRF token on \(page)")
        values["csrf"] = token ?? ""
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
