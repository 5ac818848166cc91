import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Knowledge base API")
struct KnowledgeAPITests {
    @Test func anAgentsOnlyArticleIsInvisibleToCustomersOnEveryRoute() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let path = try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "handling-sla-warnings", title: "Handling SLA warnings",
                                                           body: "Pick up the warned ticket first.", audience: "agents")
            let before = portal.store.lastPosition
            for token in [p.customer, nil] {
                let who = token == nil ? "anonymous" : "a customer"
                let attempts: [(HTTPRequest.Method, String, String?)] = [
                    (.get, path, nil),
                    (.get, path + "?edit=true", nil),
                    (.get, path + "/revisions", nil),
                    (.get, path + "/revisions/1", nil),
                    (.get, path + "/diff?from=1&to=1", nil),
                    (.post, path + "/vote", #"{"helpful":true}"#),
                    (.put, path + "/bookmark", nil),
                ]
                for (method, uri, body) in attempts {
                    let answer = try await client.send(method, uri, token: token, json: body)
                    #expect([.notFound, .unauthorized].contains(answer.status), "\(method) \(uri) as \(who) answered \(answer.status): \(answer.text)")
                    #expect(!answer.text.contains("Pick up the warned ticket"), "\(method) \(uri) as \(who) leaked the body")
                }
                let list = try await client.send(.get, "/api/v1/kb/articles", token: token)
                #expect(list.status == .ok)
                #expect(!list.text.contains("handling-sla-warnings"), "the list shows the agents-only article to \(who)")
            }
            #expect(portal.store.lastPosition == before, "a refused request recorded something")
            let seen = try await client.send(.get, path, token: p.agent)
            #expect(seen.status == .ok)
            #expect(try seen.json()["title"] as? String == "Handling SLA warnings")
        }
    }

    @Test func customersOnlyArticlesNeedASignedInReaderAndDraftsNeedAnEditor() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let members = try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "member-perks", title: "Member perks", body: "Perks.", audience: "customers")
            #expect(try await client.send(.get, members, token: nil).status == .notFound)
            #expect(try await client.send(.get, members, token: p.customer).status == .ok)

            let draft = try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "coming-soon", title: "Coming soon", body: "Not yet.", publish: false)
            #expect(try await client.send(.get, draft, token: p.customer).status == .notFound)
            #expect(try await client.send(.get, draft, token: p.agent).status == .notFound, "agents read published articles only")
            let edit = try await client.send(.get, draft + "?edit=true", token: p.editor)
            #expect(edit.status == .ok)
            #expect(try edit.json()["markdown"] as? String == "Not yet.")
            #expect(try await client.send(.post, draft + "/status", token: p.editor, json: #"{"status":"published"}"#).status == .ok)
            #expect(try await client.send(.get, draft, token: p.customer).status == .ok)
        }
    }

    @Test func onlyEditorsWrite() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let body = #"{"slug":"mine","title":"My article","body":"x","category":"help"}"#
            for token in [p.customer, p.agent] {
                let r = try await client.send(.post, "/api/v1/kb/articles", token: token, json: body)
                #expect(r.status == .forbidden, "a non-editor creating an article answered \(r.status)")
            }
            #expect(try await client.send(.post, "/api/v1/kb/articles", token: nil, json: body).status == .unauthorized)
            #expect(try await client.send(.post, "/api/v1/kb/categories", token: p.customer, json: #"{"slug":"x","name":"X"}"#).status == .forbidden)
        }
    }

    @Test func editorsGetFieldErrorsForBadContent() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let r = try await client.send(.post, "/api/v1/kb/faq", token: p.editor, json: #"{"slug":"Bad Slug","title":"Hi","category":"nowhere"}"#)
            #expect(r.status == .unprocessableContent)
            let fields = Set(((try r.json()["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String })
            #expect(fields.isSuperset(of: ["slug", "title", "summary", "categoryID"]), "got \(fields)")
        }
    }

    @Test func oneVotePerPersonChangeableAndNobodyElsesVoteMoves() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let path = try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "reset-password", title: "Reset your password", body: "Use the link.")
            let first = try await client.send(.post, path + "/vote", token: p.customer, json: #"{"helpful":true}"#)
            #expect(first.status == .ok)
            let again = try await client.send(.post, path + "/vote", token: p.customer, json: #"{"helpful":true}"#)
            #expect(again.status == .conflict, "the same vote twice answered \(again.status)")
            let changed = try await client.send(.post, path + "/vote", token: p.customer, json: #"{"helpful":false,"reason":"outdated","comment":"The link expired."}"#)
            #expect(changed.status == .ok)
            #expect(try changed.json()["helpful"] as? Int == 0)
            #expect(try changed.json()["unhelpful"] as? Int == 1)
            let other = try await client.send(.post, path + "/vote", token: p.other, json: #"{"helpful":true}"#)
            #expect(try other.json()["helpful"] as? Int == 1)
            #expect(try other.json()["unhelpful"] as? Int == 1, "another reader's vote changed the first reader's")
            let customerID = try #require(AccountID(p.tickets.customerID))
            let mine = try #require(try portal.knowledge.currentVote("article:reset-password", by: .account(customerID)))
            #expect(mine.helpful == false)
            #expect(mine.comment == "The link expired.")
            let bad = try await client.send(.post, path + "/vote", token: p.other, json: #"{"helpful":true,"reason":"unclear"}"#)
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func revisionsCanBeListedComparedAndRestored() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let path = try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "two-factor", title: "Two-factor", body: "Line one\nLine two")
            let revise = #"{"title":"Two-factor sign-in","summary":"About two-factor","body":"Line one\nLine 2\nLine three","category":"help-signing-in","tags":["account"],"significant":true,"note":"Clearer steps"}"#
            #expect(try await client.send(.put, path, token: p.editor, json: revise).status == .ok)
            let list = try await client.send(.get, path + "/revisions", token: p.editor).json()
            let revisions = try #require(list["revisions"] as? [[String: Any]])
            #expect(revisions.map { $0["number"] as? Int } == [2, 1])
            #expect(revisions.first?["significant"] as? Bool == true)
            let diff = try await client.send(.get, path + "/diff?from=1&to=2", token: p.editor).json()
            let lines = try #require(diff["body"] as? [[String: Any]]).map { "\($0["op"]!) \($0["text"]!)" }
            #expect(lines == ["same Line one", "removed Line two", "added Line 2", "added Line three"])
            #expect((diff["fields"] as? [[String: Any]])?.first?["name"] as? String == "title")
            let restored = try await client.send(.post, path + "/restore", token: p.editor, json: #"{"revision":1}"#)
            #expect(restored.status == .ok)
            #expect(try restored.json()["revision"] as? Int == 3)
            #expect(try restored.json()["title"] as? String == "Two-factor")
            #expect(try await client.send(.post, path + "/restore", token: p.editor, json: #"{"revision":9}"#).status == .notFound)
            #expect(try await client.send(.get, path + "/revisions", token: p.customer).status == .notFound)
        }
    }

    @Test func aSignificantEditTellsTheReadersWhoBookmarkedIt() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let path = try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "exports", title: "Exporting your data", body: "CSV.")
            #expect(try await client.send(.put, path + "/bookmark", token: p.customer, json: nil).status == .noContent)
            let bookmarks = try await client.send(.get, "/api/v1/kb/bookmarks", token: p.customer).json()
            #expect((bookmarks["items"] as? [[String: Any]])?.map { $0["slug"] as? String } == ["exports"])
            let minor = #"{"title":"Exporting your data","body":"CSV and JSON.","category":"help-signing-in","tags":["account"]}"#
            #expect(try await client.send(.put, path, token: p.editor, json: minor).status == .ok)
            let customerID = try #require(AccountID(p.tickets.customerID))
            #expect(portal.knowledge.catalog.updates(for: customerID).isEmpty, "a minor edit notified the reader")
            let major = #"{"title":"Exporting your data","body":"CSV, JSON and ZIP.","category":"help-signing-in","tags":["account"],"significant":true,"note":"ZIP added"}"#
            #expect(try await client.send(.put, path, token: p.editor, json: major).status == .ok)
            #expect(portal.knowledge.catalog.updates(for: customerID).map(\.note) == ["ZIP added"])
            #expect(portal.knowledge.catalog.updates(for: try #require(AccountID(try await TicketFixtures.accountID(client, p.other)))).isEmpty)
            // Reading it again is seeing the update.
            #expect(try await client.send(.get, path, token: p.customer).status == .ok)
            _ = await portal.runner.waitUntil(portal.store.lastPosition, projections: ["knowledge-catalog"], timeout: .seconds(5))
            #expect(portal.knowledge.catalog.updates(for: customerID).isEmpty)
        }
    }

    @Test func anAgentsReplyThatLinksAnArticleIsRecorded() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "reset-password", title: "Reset your password", body: "Use the link.")
            let id = try await TicketFixtures.open(client, p.customer)
            let reply = #"{"body":"This should help: http://localhost/kb/articles/reset-password"}"#
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/comments", token: p.agent, json: reply).status == .ok)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/comments", token: p.customer, json: #"{"body":"Also /kb/faq/other"}"#).status == .ok)
            let links = try portal.store.read(after: 0, limit: 100_000).events.filter { $0.type == KnowledgeLinkedInTicket.eventType }
            #expect(links.count == 1, "only the agent's public reply counts")
            let link = try links[0].decode(as: KnowledgeLinkedInTicket.self)
            #expect(link.itemKey == "article:reset-password" && link.ticketID.uuidString.lowercased() == id.lowercased())
        }
    }
}
