import Foundation

/// A checked `/authorize` request.
///
/// Problems with `client_id` or `redirect_uri` cannot be reported to the client (the redirect
/// target is not trusted), so they are ``Rejection/page(_:)``; everything else goes back to
/// the redirect URI as an OAuth error, as RFC 6749 §4.1.2.1 prescribes.
struct AuthorizationRequest: Sendable {
    enum Rejection: Error {
        case page(String)
        /// The full redirect URL carrying the error.
        case redirect(String)
    }

    var clientID: String
    var redirectURI: String
    var scope: String
    var state: String?
    var nonce: String?
    var codeChallenge: String
    var loginHint: String?
    var prompt: String?
    var misbehaviours: Set<Misbehaviour>
    /// The issuer, returned as `iss` in every response (RFC 9207).
    var issuer: String
    /// The parameters as received, for the login form's hidden fields.
    var parameters: [String: String]

    /// The request parameters the login form carries through to its POST.
    static let forwardedNames = [
        "response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
        "code_challenge", "code_challenge_method", "login_hint", "prompt", "test_misbehave",
    ]

    init(_ fields: FormFields, options: ProviderOptions, issuer: String, globalMisbehaviours: Set<Misbehaviour>) throws(Rejection) {
        guard let clientID = fields["client_id"], clientID == options.clientID else {
            throw .page("Unknown client_id \(fields["client_id"] ?? "(missing)").")
        }
        guard let redirectURI = fields["redirect_uri"], options.redirectURIs.contains(redirectURI) else {
            throw .page("redirect_uri \(fields["redirect_uri"] ?? "(missing)") is not registered for \(clientID).")
        }
        guard let misbehaviours = Misbehaviour.parse(fields["test_misbehave"] ?? "") else {
            throw .page("Unknown test_misbehave value \(fields["test_misbehave"] ?? "").")
        }
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.misbehaviours = misbehaviours.union(globalMisbehaviours)
        self.issuer = issuer
        self.state = fields["state"]
        self.nonce = fields["nonce"]
        self.loginHint = fields["login_hint"]
        self.prompt = fields["prompt"]
        self.parameters = fields.values.filter { Self.forwardedNames.contains($0.key) }
        self.scope = ""
        self.codeChallenge = ""

        guard fields["response_type"] == "code" else {
            throw .redirect(redirect(with: OAuthError(error: "unsupported_response_type", errorDescription: "only response_type=code is supported")))
        }
        let scope = fields["scope"] ?? ""
        guard scope.split(separator: " ").contains("openid") else {
            throw .redirect(redirect(with: OAuthError(error: "invalid_scope", errorDescription: "scope must include openid")))
        }
        self.scope = scope
        guard let challenge = fields["code_challenge"], (43...128).contains(challenge.count) else {
            throw .redirect(redirect(with: .invalidRequest("a PKCE code_challenge of 43–128 characters is required")))
        }
        guard fields["code_challenge_method"] == "S256" else {
            throw .redirect(redirect(with: .invalidRequest("code_challenge_method must be S256")))
        }
        self.codeChallenge = challenge
    }

    /// `redirect_uri` with the given response parameters and `state` appended.
    func redirect(with parameters: [(String, String)]) -> String {
        var pairs = parameters
        if let state { pairs.append(("state", state)) }
        pairs.append(("iss", misbehaviours.contains(.wrongCallbackIssuer) ? "https://elsewhere.example" : issuer))
        return redirectURI + (redirectURI.contains("?") ? "&" : "?") + FormFields.encode(pairs)
    }

    /// `redirect_uri` carrying an OAuth error.
    func redirect(with error: OAuthError) -> String {
        redirect(with: [("error", error.error), ("error_description", error.errorDescription)])
    }
}
