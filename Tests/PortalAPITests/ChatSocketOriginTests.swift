import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
@testable import PortalAPI
import Testing

/// The chat's WebSockets carry the customer's session cookie, so another site must not be able to open one
/// (cross-site WebSocket hijacking): the upgrade needs an `Origin` equal to the portal's own host.
@Suite("Chat sockets — same origin only")
struct ChatSocketOriginTests {
    func request(authority: String, origin: String?) -> Request {
        var fields: HTTPFields = [:]
        if let origin { fields[.origin] = origin }
        return Request(head: HTTPRequest(method: .get, scheme: "http", authority: authority, path: "/ws/chat", headerFields: fields),
                       body: RequestBody(buffer: ByteBuffer()))
    }

    @Test func theUpgradeNeedsTheSameHostAndPort() {
        #expect(ChatSockets.sameOrigin(request(authority: "portal.example:8080", origin: "http://portal.example:8080")))
        #expect(ChatSockets.sameOrigin(request(authority: "Portal.Example", origin: "https://portal.example")))
        #expect(!ChatSockets.sameOrigin(request(authority: "portal.example", origin: "https://evil.example")))
        #expect(!ChatSockets.sameOrigin(request(authority: "portal.example:8080", origin: "http://portal.example:9090")))
        #expect(!ChatSockets.sameOrigin(request(authority: "portal.example", origin: nil)))
        #expect(!ChatSockets.sameOrigin(request(authority: "portal.example", origin: "null")))
    }

    @Test func errorsOnTheSocketSayWhatTheAPIWouldSay() {
        #expect(ChatSockets.event(for: DomainError.rejected("this conversation has ended; start a new one")).text
                == #"{"detail":"this conversation has ended; start a new one","status":409,"title":"Not possible now","type":"error"}"#)
        if case .error(let status, _, let detail) = ChatSockets.event(for: FieldError(field: "text", message: "Write a message first.")) {
            #expect(status == 422 && detail == "Write a message first.")
        } else {
            Issue.record("a field error is an error event")
        }
    }
}
