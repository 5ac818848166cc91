import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// Readers, an editor and a little content for knowledge-base tests.
struct KnowledgePeople {
    var tickets: TicketPeople
    var editor: String
    var customer: String { tickets.customer }
    var other: String { tickets.other }
    var agent: String { tickets.agent }
}

enum KnowledgeAPIFixtures {
    /// The ticket people, plus an editor, and the categories `help` and `help-signing-in` (under `help`).
    static func people(_ client: any TestClientProtocol, _ portal: Portal) async throws -> KnowledgePeople {
        let tickets = try await TicketFixtures.people(client, portal)
        let editor = try await TicketFixtures.verified(client, portal, "edna@example.com", "Edna Editor")
        try await portal.identity.setRole(.editor, granted: true, on: try #require(AccountID(try await TicketFixtures.accountID(client, editor))), by: "test")
        for body in [#"{"slug":"help","name":"Help"}"#, #"{"slug":"help-signing-in","name":"Signing in","parent":"help"}"#] {
            let r = try await client.send(.post, "/api/v1/kb/categories", token: editor, json: body)
            #expect(r.status == .created, "creating a category answered \(r.status): \(r.text)")
        }
        return KnowledgePeople(tickets: tickets, editor: editor)
    }

    /// Creates a published article (or a draft) and returns its API path.
    @discardableResult
    static func article(_ client: any TestClientProtocol, editor: String, slug: String, title: String, body: String, audience: String = "public",
                        category: String = "help-signing-in", publish: Bool = true) async throws -> String {
        let json = try String(decoding: JSONSerialization.data(withJSONObject: [
            "slug": slug, "title": title, "summary": "About \(title.lowercased())", "body": body, "category": category, "audience": audience,
            "tags": ["account"], "publish": publish,
        ]), as: UTF8.self)
        let r = try await client.send(.post, "/api/v1/kb/articles", token: editor, json: json)
        #expect(r.status == .created, "creating \(slug) answered \(r.status): \(r.text)")
        return "/api/v1/kb/articles/\(slug)"
    }
}
