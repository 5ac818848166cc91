/// The provider's sign-in page: pick a test user, approve or deny.
struct LoginPage {
    var request: AuthorizationRequest

    var html: HTML {
        let hidden = request.parameters.sorted { $0.key < $1.key }.map { name, value in
            #"<input type="hidden" name="\#(HTML.escape(name))" value="\#(HTML.escape(value))">"#
        }
        let users = TestUser.all.enumerated().map { index, user in
            let checked = (request.loginHint.map { $0.lowercased() == user.email } ?? (index == 0)) ? " checked" : ""
            let verified = user.emailVerified ? "verified" : "unverified"
            return #"<label><input type="radio" name="user" value="\#(HTML.escape(user.email))"\#(checked)> \#(HTML.escape(user.name)) &lt;\#(HTML.escape(user.email))&gt; (\#(verified))</label><br>"#
        }
        return HTML(body: """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Test provider sign-in</title></head>
            <body>
            <h1>Sign in to the test provider</h1>
            <p>\(HTML.escape(request.clientID)) asks who you are.</p>
            <form method="post" action="/authorize">
            \(hidden.joined(separator: "\n"))
            \(users.joined(separator: "\n"))
            <button type="submit" name="decision" value="approve">Continue</button>
            <button type="submit" name="decision" value="deny">Deny</button>
            </form>
            </body></html>
            """)
    }

    /// A page for requests that cannot be sent back to the client.
    static func error(_ message: String) -> HTML {
        HTML(status: .badRequest, body: """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head>
            <body><h1>Sign-in error</h1><p>\(HTML.escape(message))</p></body></html>
            """)
    }
}
