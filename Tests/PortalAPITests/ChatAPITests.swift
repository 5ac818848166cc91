import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Chat through the API")
struct ChatAPITests {
    @Test func anAnonymousVisitorChatsWithTheirTokenAndIsAskedToSignInForATicket() async throws {
        try await PortalHarness.run { client, portal in
            let chat = try await ChatClient.start(client, token: nil)
            let token = try #require(chat.visitorToken)
            #expect(token.count >= 40)
            let reply = try await chat.say("Open a ticket", quickReply: "/ticket")
            #expect(reply["kind"] as? String == "notice")
            #expect((reply["sources"] as? [[String: Any]])?.first?["url"] as? String == "/signin")

            // Without the token, or with another, the conversation does not exist.
            let stranger = ChatClient(client: client, token: nil, visitorToken: nil, id: chat.id)
            #expect(try await stranger.raw(.get, "").status == .notFound)
            let forger = ChatClient(client: client, token: nil, visitorToken: String(repeating: "A", count: 43), id: chat.id)
            #expect(try await forger.raw(.post, "/messages", json: #"{"text":"hi"}"#).status == .notFound)
            // The token is stored only hashed.
            let records = try portal.store.read(stream: "conversation-\(chat.id)")
            #expect(records.count == 2)
            #expect(!records.contains { String(decoding: $0.data, as: UTF8.self).contains(token) })
        }
    }

    @Test func aSignedInCustomerOpensATicketThroughSlotsAndSeesItInTheirList() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let chat = try await ChatClient.start(client, token: p.customer)
            // The only open category is taken without asking.
            let subject = try await chat.say("I want to open a ticket", quickReply: "/ticket")
            #expect((subject["text"] as? String)?.hasPrefix("In a few words") == true)
            #expect((try await chat.say("Cannot sign in on my phone")["text"] as? String)?.hasPrefix("Please describe") == true)
            let topic = try await chat.say("The app says my password is wrong, but it works on the website.")
            #expect(topic["text"] as? String == "Topic")
            let summary = try await chat.say("login")
            #expect((summary["text"] as? String)?.contains("Subject: Cannot sign in on my phone") == true)
            let done = try await chat.say("Open the ticket", quickReply: "/yes")
            #expect(done["kind"] as? String == "ticketCreated")

            let list = try await client.get("/api/v1/tickets", token: p.customer).json()
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.map { $0["subject"] as? String } == ["Cannot sign in on my phone"])
            let ticketID = try #require(items.first?["id"] as? String)
            #expect((done["text"] as? String)?.contains("#" + ticketID.lowercased().suffix(8)) == true)
            let view = try await chat.view()
            #expect((view["ticketIDs"] as? [String]) == [ticketID])
            let mine = try await client.get("/api/v1/chat/conversations", token: p.customer).json()
            #expect(((mine["conversations"] as? [[String: Any]])?.first?["ticketIDs"] as? [String]) == [ticketID])
            // Another customer cannot read it.
            #expect(try await ChatClient(client: client, token: p.other, visitorToken: nil, id: chat.id).raw(.get, "").status == .notFound)
        }
    }

    @Test func aPersonPicksUpLiveAndTheWaitIsCounted() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            // Nobody on the desk: a ticket is offered instead.
            let offline = try await ChatClient.start(client, token: p.other)
            #expect((try await offline.say("Talk to a person", quickReply: "/human")["text"] as? String)?.hasPrefix("Nobody from the team is online") == true)

            // The agent opens the desk (which counts as being online), the customer asks for a person.
            #expect(try await client.get("/api/v1/agent/chats", token: p.agent).status == .ok)
            #expect(try await client.get("/api/v1/agent/chats", token: p.customer).status == .forbidden)
            let chat = try await ChatClient.start(client, token: p.customer)
            #expect(try await chat.say("Talk to a person", quickReply: "/human")["kind"] as? String == "handoff")
            let desk = try await client.get("/api/v1/agent/chats", token: p.agent).json()
            let queue = try #require(desk["queue"] as? [[String: Any]])
            #expect(queue.map { ($0["id"] as? String)?.lowercased() } == [chat.id])
            #expect(queue.first?["reason"] as? String == "asked")

            // While waiting, the customer's message goes to the person, not the assistant.
            let waiting = try await chat.raw(.post, "/messages", json: #"{"text":"Are you there?"}"#).json()
            #expect((waiting["lines"] as? [[String: Any]])?.map { $0["from"] as? String } == ["customer"])
            #expect(try await client.send(.post, "/api/v1/agent/chats/\(chat.id)/pickup", token: p.agent).status == .ok)
            #expect(try await client.send(.post, "/api/v1/agent/chats/\(chat.id)/pickup", token: p.agent).status == .conflict)
            let sent = try await client.send(.post, "/api/v1/agent/chats/\(chat.id)/messages", token: p.agent, json: #"{"text":"Hi, I'm Agnes. How can I help?"}"#)
            #expect(sent.status == .ok)
            let view = try await chat.view()
            #expect(view["status"] as? String == "withAgent")
            let lines = try #require(view["lines"] as? [[String: Any]])
            #expect(lines.last?["from"] as? String == "agent" && lines.last?["text"] as? String == "Hi, I'm Agnes. How can I help?")
            #expect(lines.allSatisfy { $0["intent"] == nil }, "customers do not see what was recognised")

            #expect(try await client.send(.post, "/api/v1/agent/chats/\(chat.id)/end", token: p.agent).status == .ok)
            #expect(try await chat.view()["status"] as? String == "open")
            let report = try await client.get("/api/v1/analytics/chat", token: p.admin).json()
            let totals = try #require((report["report"] as? [String: Any])?["totals"] as? [String: Any])
            #expect(totals["handoffs"] as? Int == 1)
            #expect(totals["pickedUp"] as? Int == 1)
            #expect(totals["medianWaitSeconds"] as? Double != nil)
            #expect(try await client.get("/api/v1/analytics/chat", token: p.customer).status == .forbidden)
        }
    }

    @Test func badInputGetsClearProblemsAndChangesNothing() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let chat = try await ChatClient.start(client, token: p.customer)
            let empty = try await chat.raw(.post, "/messages", json: #"{"text":"   "}"#)
            #expect(empty.status == .unprocessableContent)
            #expect(try empty.problem()["detail"] as? String == "Write a message first.")
            #expect(try await chat.raw(.post, "/messages", json: #"{"text":"\#(String(repeating: "a", count: 2_001))"}"#).status == .unprocessableContent)
            #expect(try await chat.raw(.post, "/messages", json: #"{"txt":"hi"}"#).status == .unprocessableContent)
            #expect(try await chat.raw(.post, "/messages", json: "not json").status == .badRequest)
            let rating = try await chat.raw(.post, "/ratings", json: #"{"turn":7,"helpful":false}"#)
            #expect(rating.status == .conflict)
            let zone = try await client.send(.post, "/api/v1/chat/conversations", token: p.customer, json: #"{"timeZone":"Mars/Olympus"}"#)
            #expect(zone.status == .unprocessableContent)
            #expect(try await client.get("/api/v1/chat/conversations/not-a-uuid", token: p.customer).status == .notFound)
            // Nothing was recorded by the refused requests: the conversation has only its start.
            #expect(try portal.store.read(stream: "conversation-\(chat.id)").count == 1)
        }
    }

    @Test func anIdleConversationIsClosed() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let chat = try await ChatClient.start(client, token: p.customer)
            try await chat.say("Open a ticket", quickReply: "/ticket")
            #expect(await portal.chat.closeIdle(at: Date().addingTimeInterval(60)) == 0)
            #expect(await portal.chat.closeIdle(at: Date().addingTimeInterval(31 * 60)) == 1)
            #expect(try await chat.view()["status"] as? String == "closed")
            #expect(try await chat.raw(.post, "/messages", json: #"{"text":"hello?"}"#).status == .conflict)
        }
    }

    @Test func aTicketNamedInAMessageIsReportedOnlyToItsOwner() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer, subject: "Printer offline")
            for n in 0..<6 { _ = try await TicketFixtures.open(client, p.customer, subject: "Newer ticket \(n)") }
            let reference = "#" + id.lowercased().suffix(8)
            // Older than the latest five, it is still found by its reference.
            let mine = try await ChatClient.start(client, token: p.customer)
            let status = try await mine.say("What's the status of my ticket \(reference)?")
            #expect(status["kind"] as? String == "ticketStatus")
            #expect((status["text"] as? String)?.contains("“Printer offline”") == true, "\(status["text"] ?? "")")
            // Another customer learns nothing about it.
            let theirs = try await ChatClient.start(client, token: p.other)
            let refused = try await theirs.say("What's the status of my ticket \(reference)?")
            #expect((refused["text"] as? String)?.hasPrefix("I can't find a ticket \(reference) of yours.") == true, "\(refused["text"] ?? "")")
        } configure: { config in
            config.intents.seedContent = true
            config.intents.retrainInterval = nil
        }
    }
}

