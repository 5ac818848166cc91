import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// Customers can never see or touch another customer's ticket: every ticket endpoint, tried with
/// another customer's token, answers 404 (the same as for a ticket that does not exist) or 403 for
/// agent-only routes — and changes nothing.
@Suite("Ticket access")
struct TicketAccessTests {
    @Test func anotherCustomerGetsNothingFromAnyTicketEndpoint() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let r = try await client.multipart("/api/v1/tickets", token: p.customer,
                                               fields: [("categoryID", "support"), ("subject", "Private matter"), ("description", "Secret words"), ("field.topic", "other")],
                                               files: [("attachments", "shot.png", TicketFixtures.png)])
            let id = try #require(try r.json()["id"] as? String)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/status", token: p.agent, json: #"{"status":"solved"}"#).status == .ok)
            let detail = try await client.get("/api/v1/tickets/\(id)", token: p.customer).json()
            let attachment = try #require((detail["attachments"] as? [[String: Any]])?.first?["id"] as? String)
            let before = portal.store.lastPosition

            let attempts: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/api/v1/tickets/\(id)", nil),
                (.post, "/api/v1/tickets/\(id)/comments", #"{"body":"let me in"}"#),
                (.post, "/api/v1/tickets/\(id)/comments", #"{"body":"note","internal":true}"#),
                (.post, "/api/v1/tickets/\(id)/status", #"{"status":"closed"}"#),
                (.post, "/api/v1/tickets/\(id)/status", #"{"status":"open"}"#),
                (.post, "/api/v1/tickets/\(id)/assign", #"{"agent":"me"}"#),
                (.post, "/api/v1/tickets/\(id)/priority", #"{"priority":"urgent"}"#),
                (.post, "/api/v1/tickets/\(id)/rating", #"{"rating":1}"#),
                (.post, "/api/v1/tickets/\(id)/survey", #"{"resolution":1}"#),
                (.post, "/api/v1/tickets/\(id)/follow-up", #"{"subject":"Mine now","description":"x"}"#),
                (.get, "/api/v1/tickets/\(id)/attachments/\(attachment)", nil),
            ]
            for (method, uri, body) in attempts {
                let answer = try await client.send(method, uri, token: p.other, json: body)
                #expect(answer.status == .notFound, "\(method) \(uri) as another customer answered \(answer.status)")
                #expect(!answer.text.contains("Private matter") && !answer.text.contains("Secret words"))
            }
            // Multipart comments are refused before anything is stored.
            let upload = try await client.multipart("/api/v1/tickets/\(id)/comments", token: p.other, fields: [("body", "hi")],
                                                    files: [("attachments", "x.png", TicketFixtures.png)])
            #expect(upload.status == .notFound)
            // Lists, search, similar, export and the queue show nothing of it.
            #expect(try await client.get("/api/v1/tickets?archived=include", token: p.other).json()["total"] as? Int == 0)
            #expect(try await client.get("/api/v1/tickets?q=secret", token: p.other).json()["total"] as? Int == 0)
            let similar = try await client.get("/api/v1/tickets/similar?q=private%20matter", token: p.other).json()
            #expect((similar["tickets"] as? [Any])?.isEmpty == true)
            #expect(!(try await client.get("/api/v1/tickets/export?format=json", token: p.other).text.contains("Private matter")))
            #expect(!(try await client.get("/api/v1/tickets/export?format=csv", token: p.other).text.contains("Private matter")))
            #expect(try await client.get("/api/v1/agent/queue", token: p.other).status == .forbidden)
            #expect(try await client.get("/api/v1/admin/categories", token: p.other).status == .forbidden)
            #expect(try await client.get("/api/v1/analytics/csat", token: p.other).status == .forbidden)
            // A ticket that does not exist looks the same.
            #expect(try await client.get("/api/v1/tickets/\(UUID().uuidString)", token: p.other).status == .notFound)
            #expect(try await client.get("/api/v1/tickets/not-a-uuid", token: p.other).status == .notFound)
            // (The outbox may still be recording the delivery of the "solved" mail from before.)
            let recorded = try portal.store.read(after: before, limit: 100).events.map(\.type)
            #expect(recorded.allSatisfy { $0 == NotificationSent.eventType || $0 == NotificationFailed.eventType }, "nothing was recorded: \(recorded)")
            // Without a token, nothing at all.
            #expect(try await client.get("/api/v1/tickets/\(id)").status == .unauthorized)
            #expect(try await client.get("/api/v1/tickets").status == .unauthorized)
        }
    }

    @Test func customersCannotUseAgentLeversOnTheirOwnTickets() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/assign", token: p.customer, json: #"{"agent":"me"}"#).status == .notFound)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/priority", token: p.customer, json: #"{"priority":"urgent"}"#).status == .notFound)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/comments", token: p.customer, json: #"{"body":"x","internal":true}"#).status == .notFound)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/status", token: p.customer, json: #"{"status":"solved"}"#).status == .conflict)
        }
    }
}
