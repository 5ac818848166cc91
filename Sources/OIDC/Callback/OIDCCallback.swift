import Foundation

/// The parameters the provider sends back to the redirect URI.
public struct OIDCCallback: Sendable, Hashable {
    /// The authorization code, on success.
    public var code: String?
    /// The `state` the portal sent.
    public var state: String?
    /// The OAuth error code, on failure (`access_denied`, `login_required`, …).
    public var error: String?
    /// The provider's human-readable error text, if any.
    public var errorDescription: String?
    /// The issuer, for providers that add it (RFC 9207).
    public var issuer: String?

    /// Creates a callback from its parameters.
    public init(code: String? = nil, state: String? = nil, error: String? = nil, errorDescription: String? = nil, issuer: String? = nil) {
        self.code = code
        self.state = state
        self.error = error
        self.errorDescription = errorDescription
        self.issuer = issuer
    }

    /// Reads the callback from the raw query string of the request (`code=…&state=…`).
    /// - Throws: ``OIDCError/malformedCallback(_:)`` if the query cannot be decoded or repeats
    ///   a parameter (RFC 6749 §3.1 forbids repeats; accepting one would let an attacker
    ///   choose which value wins).
    public init(query: String) throws(OIDCError) {
        guard let fields = FormEncoding.decode(query) else {
            throw .malformedCallback("the query string is not valid form encoding")
        }
        var parameters: [String: String] = [:]
        for (name, value) in fields {
            guard parameters.updateValue(value, forKey: name) == nil else {
                throw .malformedCallback("the parameter \(name) appears more than once")
            }
        }
        self.init(parameters: parameters)
    }

    /// Reads the callback from the full callback URL.
    public init(url: URL) throws(OIDCError) {
        try self.init(query: URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? "")
    }

    /// Reads the callback from already decoded parameters.
    public init(parameters: [String: String]) {
        self.init(
            code: parameters["code"], state: parameters["state"], error: parameters["error"],
            errorDescription: parameters["error_description"], issuer: parameters["iss"]
        )
    }
}
