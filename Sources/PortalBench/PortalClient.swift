import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The few API calls that set up the `auth` and `tickets` loads: health, registration, e-mail
/// verification, sign-in, GET /me, and JSON posts and queries with an access token or other headers.
///
/// Plain HTTP/1.1 through URLSession; the load of those groups comes from wrk in another process. The
/// `chat` group measures through it directly, one client (one session, one connection) per conversation.
struct PortalClient: Sendable {
    struct Answer: Sendable {
        var status: Int
        var body: Data
        var text: String { String(decoding: body.prefix(500), as: UTF8.self) }
    }

    let baseURL: URL
    private let session: URLSession

    init(baseURL: URL) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        configuration.httpMaximumConnectionsPerHost = 8
        session = URLSession(configuration: configuration)
    }

    func get(_ path: String, bearer: String? = nil, timeout: TimeInterval = 30) async throws -> Answer {
        var request = URLRequest(url: baseURL.appendingPathComponent(path), timeoutInterval: timeout)
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        return try await send(request)
    }

    func post(_ path: String, json: [String: String]) async throws -> Answer {
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        return try await send(request)
    }

    /// GET `path?query` (the query given unencoded, as name-value pairs).
    func get(_ path: String, query: [(String, String)], bearer: String?) async throws -> Answer {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        var request = URLRequest(url: components.url!)
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        return try await send(request)
    }

    /// POST of a JSON document, with an access token when given.
    func post(_ path: String, body: Data, bearer: String?) async throws -> Answer {
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        request.httpBody = body
        return try await send(request)
    }

    /// A request with extra headers (such as the chat's `X-Chat-Token`): GET without `json`, POST with it.
    /// The query is given unencoded, as name-value pairs.
    func send(_ path: String, query: [(String, String)] = [], json: Data? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        var request = URLRequest(url: components.url!)
        if let json {
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = json
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try await send(request)
    }

    /// Confirms an e-mail address with the token from the verification link.
    func verifyEmail(token: String) async throws {
        let answer = try await post("api/v1/auth/verify-email", json: ["token": token])
        guard answer.status == 200 else { throw BenchError.server("verifying an e-mail address answered \(answer.status): \(answer.text)") }
    }

    /// Registers `account`; the portal answers 201 whether or not the address was taken already.
    func register(_ account: BenchAccount) async throws {
        let answer = try await post("api/v1/auth/register", json: ["email": account.email, "password": account.password, "name": account.name])
        guard answer.status == 201 else {
            throw BenchError.server("registering \(account.email) answered \(answer.status): \(answer.text)")
        }
    }

    /// Signs `account` in and returns its access token.
    func signIn(_ account: BenchAccount, deviceName: String) async throws -> String {
        let answer = try await post("api/v1/auth/login", json: account.signInBody(deviceName: deviceName))
        guard answer.status == 200,
              let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
              let token = object["accessToken"] as? String, !token.isEmpty
        else { throw BenchError.server("signing in \(account.email) answered \(answer.status): \(answer.text)") }
        return token
    }

    private func send(_ request: URLRequest) async throws -> Answer {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw BenchError.server("\(request.httpMethod ?? "GET") \(request.url?.path ?? "") got no HTTP answer")
        }
        return Answer(status: http.statusCode, body: data)
    }
}
