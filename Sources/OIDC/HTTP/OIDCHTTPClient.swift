import Foundation

/// The two requests OpenID Connect needs from an HTTP client.
///
/// ``URLSessionOIDCHTTPClient`` is the production implementation; the portal may supply
/// another (for instance over AsyncHTTPClient). Implementations must not follow redirects,
/// should enforce a timeout and a response size limit, and throw ``OIDCError`` (anything
/// else is reported as ``OIDCError/network(url:reason:)``).
public protocol OIDCHTTPClient: Sendable {
    /// `GET url` with `Accept: application/json`.
    func get(_ url: URL) async throws -> OIDCHTTPResponse

    /// `POST url` with an `application/x-www-form-urlencoded` body.
    /// - Parameters:
    ///   - url: The endpoint.
    ///   - fields: Body fields, in order.
    ///   - basicAuth: Credentials for an `Authorization: Basic` header, already form-encoded
    ///     as RFC 6749 §2.3.1 requires, or nil for none.
    func postForm(
        _ url: URL, fields: [(name: String, value: String)], basicAuth: OIDCBasicCredentials?
    ) async throws -> OIDCHTTPResponse
}

/// User name and password for HTTP Basic authentication.
public struct OIDCBasicCredentials: Sendable, Hashable {
    /// The user name (for OAuth, the form-encoded client id).
    public var username: String
    /// The password (for OAuth, the form-encoded client secret).
    public var password: String

    /// Creates credentials.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// The value of the `Authorization` header: `Basic base64(username:password)`.
    public var headerValue: String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}

/// An HTTP response: status, headers and the whole (size-limited) body.
public struct OIDCHTTPResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// Response headers, names lowercased.
    public var headers: [String: String]
    /// The body.
    public var body: Data

    /// Creates a response; header names are lowercased.
    public init(status: Int, headers: [String: String] = [:], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }

    /// The value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
