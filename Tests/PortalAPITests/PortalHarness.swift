import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAPI
import Testing

/// A real portal on a temporary data folder, driven in-process through the real router.
enum PortalHarness {
    static func run(_ body: @Sendable (any TestClientProtocol, Portal) async throws -> Void) async throws {
        let folder = NSTemporaryDirectory() + "portal-api-tests-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let portal = try await Portal.open(.testing(dataFolder: folder), logger: logger)
        let app = buildApplication(portal: portal, logger: logger)
        try await app.test(.router) { client in try await body(client, portal) }
    }
}

extension TestClientProtocol {
    /// POSTs a JSON body.
    func post(_ uri: String, json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var h = headers
        h[.contentType] = "application/json"
        return try await execute(uri: uri, method: .post, headers: h, body: ByteBuffer(string: json))
    }

    func get(_ uri: String, token: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var h = headers
        if let token { h[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .get, headers: h)
    }

    /// Registers and signs in; returns the access token.
    func signUpAndIn(email: String = "ann@example.com", password: String = "correct horse battery", name: String = "Ann Lee") async throws -> String {
        let r = try await post("/api/v1/auth/register", json: #"{"email":"\#(email)","password":"\#(password)","name":"\#(name)"}"#)
        #expect(r.status == .created)
        let login = try await post("/api/v1/auth/login", json: #"{"email":"\#(email)","password":"\#(password)"}"#)
        #expect(login.status == .ok)
        return try login.json()["accessToken"] as? String ?? ""
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
    /// The problem details of an error answer.
    func problem() throws -> [String: Any] {
        #expect(headers[.contentType] == "application/problem+json")
        return try json()
    }
}
