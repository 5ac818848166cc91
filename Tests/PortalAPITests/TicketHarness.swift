import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// Customers, agents and categories for ticket tests.
struct TicketPeople {
    var customer: String
    var customerID: String
    var other: String
    var agent: String
    var agentID: String
    var admin: String
}

enum TicketFixtures {
    /// A support form: a topic, an order number shown only for billing, a screenshot field.
    static let supportForm = #"""
    {"id":"support","name":"Support","description":"Problems and questions","fields":[
      {"id":"topic","label":"Topic","kind":"singleChoice","required":true,"options":["billing","login","other"]},
      {"id":"order_number","label":"Order number","kind":"text","required":true,"showWhen":{"field":"topic","equals":"billing"}},
      {"id":"when","label":"Since when","kind":"date"},
      {"id":"screenshot","label":"Screenshot","kind":"file"}
    ]}
    """#

    /// A tiny valid PNG (1×1).
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
        0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
        0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    /// Sets up a customer (e-mail verified), another customer, an agent and an admin, and the support category.
    static func people(_ client: any TestClientProtocol, _ portal: Portal) async throws -> TicketPeople {
        let customer = try await verified(client, portal, "cora@example.com", "Cora Customer")
        let other = try await verified(client, portal, "otto@example.com", "Otto Other")
        let agent = try await verified(client, portal, "agnes@example.com", "Agnes Agent")
        let admin = try await verified(client, portal, "adam@example.com", "Adam Admin")
        let agentID = try await accountID(client, agent)
        try await portal.identity.setRole(.agent, granted: true, on: try #require(AccountID(agentID)), by: "test")
        try await portal.identity.setRole(.admin, granted: true, on: try #require(AccountID(try await accountID(client, admin))), by: "test")
        let created = try await client.post("/api/v1/admin/categories", json: supportForm, headers: [.authorization: "Bearer \(admin)"])
        #expect(created.status == .created, "creating the category answered \(created.status): \(created.text)")
        return TicketPeople(customer: customer, customerID: try await accountID(client, customer), other: other, agent: agent, agentID: agentID, admin: admin)
    }

    static func verified(_ client: any TestClientProtocol, _ portal: Portal, _ email: String, _ name: String) async throws -> String {
        let r = try await client.post("/api/v1/auth/register", json: #"{"email":"\#(email)","password":"correct horse battery","name":"\#(name)"}"#)
        #expect(r.status == .created)
        // The newest verification request is this account's.
        let token = try #require(try latestLinkToken(portal, type: EmailVerificationRequested.eventType))
        #expect(try await client.post("/api/v1/auth/verify-email", json: #"{"token":"\#(token)"}"#).status == .ok)
        return try await client.signIn(email: email).access
    }

    static func accountID(_ client: any TestClientProtocol, _ token: String) async throws -> String {
        try #require(try await client.get("/api/v1/me", token: token).json()["id"] as? String)
    }

    /// Opens a support ticket about a login problem; returns its id.
    static func open(_ client: any TestClientProtocol, _ token: String, subject: String = "Cannot sign in on my phone",
                     description: String = "The app says my password is wrong, but it works on the website.", priority: String = "high") async throws -> String {
        let r = try await client.post("/api/v1/tickets", json: #"""
            {"categoryID":"support","priority":"\#(priority)","subject":"\#(subject)","description":"\#(description)","fields":{"topic":"login"}}
            """#, headers: [.authorization: "Bearer \(token)"])
        #expect(r.status == .created, "opening answered \(r.status): \(r.text)")
        return try #require(try r.json()["id"] as? String)
    }
}

extension TestClientProtocol {
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String?, json: String? = nil) async throws -> TestResponse {
        var h: HTTPFields = [:]
        if let token { h[.authorization] = "Bearer \(token)" }
        if json != nil { h[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: h, body: json.map { ByteBuffer(string: $0) })
    }

    /// Sends a multipart form: text fields, then files (name, filename, bytes).
    func multipart(_ uri: String, token: String, fields: [(String, String)], files: [(String, String, [UInt8])]) async throws -> TestResponse {
        let boundary = "----portal-test-\(UUID().uuidString)"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, filename, bytes) in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await execute(uri: uri, method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "multipart/form-data; boundary=\(boundary)"],
                                 body: ByteBuffer(bytes: body))
    }
}
