import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAPI
import Testing

/// A real portal on a temporary data folder, driven in-process through the real router.
enum PortalHarness {
    static func run(configure: (inout PortalConfiguration) -> Void = { _ in }, _ body: @Sendable (any TestClientProtocol, Portal) async throws -> Void) async throws {
        let folder = NSTemporaryDirectory() + "portal-api-tests-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        var configuration = PortalConfiguration.testing(dataFolder: folder)
        configure(&configuration)
        let portal = try await Portal.open(configuration, logger: logger)
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
        return try await signIn(email: email, password: password).access
    }

    /// Signs in; returns the token pair.
    func signIn(email: String = "ann@example.com", password: String = "correct horse battery", device: String? = nil) async throws -> (access: String, refresh: String) {
        let deviceField = device.map { #","deviceName":"\#($0)""# } ?? ""
        let login = try await post("/api/v1/auth/login", json: #"{"email":"\#(email)","password":"\#(password)"\#(deviceField)}"#)
        #expect(login.status == .ok, "sign-in of \(email) answered \(login.status)")
        let body = try login.json()
        return (body["accessToken"] as? String ?? "", body["refreshToken"] as? String ?? "")
    }

    /// Exchanges a refresh token.
    func refresh(_ token: String) async throws -> TestResponse {
        try await post("/api/v1/auth/refresh-token", json: #"{"refreshToken":"\#(token)"}"#)
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

extension PortalHarness {
    /// The same, with the configuration change written after the body: `run { … } configure: { … }`.
    static func run(_ body: @Sendable (any TestClientProtocol, Portal) async throws -> Void, configure: (inout PortalConfiguration) -> Void) async throws {
        try await run(configure: configure, body)
    }
}
