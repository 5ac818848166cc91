import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// ``OIDCHTTPClient`` over `URLSession`: no redirects, no cookies, no cache, a timeout for
/// the whole exchange and a cap on the body size.
///
/// Copies share one ephemeral session (one per client created), which is how `URLSession`
/// is meant to be used; creating a session per request is unreliable on Linux.
public struct URLSessionOIDCHTTPClient: OIDCHTTPClient {
    /// The longest a request may take, from connecting to the last body byte.
    public let timeout: TimeInterval
    /// The largest body accepted; larger responses fail with ``OIDCError/responseTooLarge(url:limit:)``.
    public let maximumResponseSize: Int
    private let transport: SessionTransport

    /// Creates a client with its own session.
    /// - Parameters:
    ///   - timeout: Seconds allowed per request; defaults to 10.
    ///   - maximumResponseSize: Bytes accepted per response; defaults to 1 MiB.
    public init(timeout: TimeInterval = 10, maximumResponseSize: Int = 1 << 20) {
        self.timeout = timeout
        self.maximumResponseSize = maximumResponseSize
        self.transport = SessionTransport(timeout: timeout)
    }

    /// `GET url`. Throws ``OIDCError/unsupportedURL(_:)`` for schemes other than http(s).
    public func get(_ url: URL) async throws -> OIDCHTTPResponse {
        var request = try makeRequest(url)
        request.httpMethod = "GET"
        return try await transport.perform(request, limit: maximumResponseSize)
    }

    /// `POST url` with a form body and optional Basic credentials.
    public func postForm(
        _ url: URL, fields: [(name: String, value: String)], basicAuth: OIDCBasicCredentials?
    ) async throws -> OIDCHTTPResponse {
        var request = try makeRequest(url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        if let basicAuth { request.setValue(basicAuth.headerValue, forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(FormEncoding.encode(fields).utf8)
        return try await transport.perform(request, limit: maximumResponseSize)
    }

    private func makeRequest(_ url: URL) throws(OIDCError) -> URLRequest {
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil else {
            throw .unsupportedURL(url.absoluteString)
        }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        return request
    }
}
