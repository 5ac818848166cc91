import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// Talking to the chat API as a signed-in customer (Bearer) or as an anonymous visitor (`X-Chat-Token`).
struct ChatClient {
    let client: any TestClientProtocol
    let token: String?
    let visitorToken: String?
    let id: String

    static func start(_ client: any TestClientProtocol, token: String?, timeZone: String = "Europe/Berlin") async throws -> ChatClient {
        let r = try await client.send(.post, "/api/v1/chat/conversations", token: token, json: #"{"timeZone":"\#(timeZone)"}"#)
        #expect(r.status == .created, "starting answered \(r.status): \(r.text)")
        let body = try r.json()
        return ChatClient(client: client, token: token, visitorToken: body["visitorToken"] as? String, id: try #require(body["id"] as? String).lowercased())
    }

    var headers: HTTPFields {
        var h: HTTPFields = [.contentType: "application/json"]
        if let token { h[.authorization] = "Bearer \(token)" }
        if let visitorToken { h[HTTPField.Name("X-Chat-Token")!] = visitorToken }
        return h
    }

    func raw(_ method: HTTPRequest.Method, _ path: String, json: String? = nil) async throws -> TestResponse {
        try await client.execute(uri: "/api/v1/chat/conversations/\(id)\(path)", method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Sends a message (or presses a button) and returns the assistant's reply line.
    @discardableResult
    func say(_ text: String, quickReply: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let payload = try String(decoding: JSONSerialization.data(withJSONObject: quickReply.map { ["text": text, "quickReply": $0] } ?? ["text": text]), as: UTF8.self)
        let r = try await raw(.post, "/messages", json: payload)
        #expect(r.status == .ok, "message answered \(r.status): \(r.text)", sourceLocation: sourceLocation)
        let lines = try #require(try r.json()["lines"] as? [[String: Any]], sourceLocation: sourceLocation)
        return lines.last { $0["from"] as? String == "assistant" } ?? lines.last ?? [:]
    }

    func view() async throws -> [String: Any] { try await raw(.get, "").json() }
}
