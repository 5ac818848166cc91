import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Knowledge base search API")
struct KnowledgeSearchAPITests {
    static let passwordBody = """
        If you forgot your password, open the sign-in page and choose **Forgot password**. We e-mail you a reset link
        that works once, for one hour. Pick a new passphrase of at least twelve characters.
        """

    @Test func aTypoStillFindsTheArticleAndSaysWhatItSearched() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "reset-your-password", title: "Reset your password", body: Self.passwordBody)
            try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "export-your-data", title: "Export your data", body: "Download a ZIP of your tickets.")
            let r = try await client.send(.get, "/api/v1/kb/search?q=pasword%20reset", token: nil)
            #expect(r.status == .ok)
            let json = try r.json()
            #expect(json["didYouMean"] as? String == "password reset")
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(results.first?["slug"] as? String == "reset-your-password")
            let parts = try #require(results.first?["titleParts"] as? [[String: Any]])
            #expect(parts.contains { $0["highlighted"] as? Bool == true && ($0["text"] as? String)?.lowercased() == "password" })
            #expect((results.first?["url"] as? String)?.contains("from=search&search=") == true, "the result link carries the search for click-through")
        }
    }

    @Test func agentsOnlyContentNeverReachesCustomersThroughSearchSuggestionsRelatedOrPopular() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "escalation-playbook", title: "Escalation playbook for password lockouts",
                                                body: "Internal: escalate password lockouts to tier two.", audience: "agents")
            let path = try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "reset-your-password", title: "Reset your password", body: Self.passwordBody)
            // Agents read both, so the internal one is popular and co-viewed with the public one.
            for _ in 0..<2 {
                _ = try await client.send(.get, "/api/v1/kb/articles/escalation-playbook", token: p.agent)
                _ = try await client.send(.get, path, token: p.agent)
            }
            #expect(try await client.send(.get, "/api/v1/kb/search?q=escalation%20playbook", token: p.agent).text.contains("escalation-playbook"))
            for token in [p.customer, nil] {
                for uri in ["/api/v1/kb/search?q=escalation%20playbook", "/api/v1/kb/search?q=password%20lockouts&mode=lexical", "/api/v1/kb/suggest?q=escal",
                            "/api/v1/kb/articles/reset-your-password/related", "/api/v1/kb/popular?days=7", "/api/v1/kb/popular?days=30",
                            "/api/v1/kb/articles?category=help", "/api/v1/kb/search?q=escalaton"] {
                    let r = try await client.send(.get, uri, token: token)
                    #expect(r.status == .ok, "\(uri) answered \(r.status)")
                    #expect(!r.text.contains("escalation-playbook") && !r.text.lowercased().contains("tier two"),
                            "\(uri) showed the agents-only article to \(token == nil ? "an anonymous reader" : "a customer"): \(r.text)")
                }
            }
            // Nor by "did you mean": a word only the agents' article has is not a correction for customers.
            let typo = try await client.send(.get, "/api/v1/kb/search?q=escalaton", token: p.customer).json()
            #expect(typo["didYouMean"] as? String == nil)
        }
    }

    @Test func markdownWithScriptsAndJavascriptLinksRendersInert() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let body = "Hello <script>alert('x')</script> and [click](javascript:alert(1)) and [safe](https://example.com) <img src=x onerror=alert(2)>"
            let path = try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "inert", title: "Inert markup", body: body)
            let html = try #require(try await client.send(.get, path, token: nil).json()["html"] as? String)
            #expect(!html.contains("<script"), "got \(html)")
            #expect(!html.lowercased().contains("javascript:"), "got \(html)")
            #expect(!html.contains("<img"), "got \(html)")
            #expect(html.contains("&lt;script&gt;"), "raw HTML shows as text: \(html)")
            #expect(html.contains("href=\"https://example.com\""))
            let preview = try await client.send(.post, "/api/v1/kb/preview", token: p.editor, json: #"{"markdown":"[x](JaVaScRiPt:alert(1))"}"#)
            #expect(!(try preview.json()["html"] as? String ?? "").lowercased().contains("javascript"))
        }
    }

    @Test func theTicketFormsSuggestionOpenedWithoutATicketIsOneDeflection() async throws {
        try await PortalHarness.run(configure: { $0.knowledge.deflectionWindow = 1 }) { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "reset-your-password", title: "Reset your password", body: Self.passwordBody)
            let analyst = try await TicketFixtures.verified(client, portal, "ana@example.com", "Ana Analyst")
            try await portal.identity.setRole(.analyst, granted: true, on: try #require(AccountID(try await TicketFixtures.accountID(client, analyst))), by: "test")

            let shown = try await client.send(.post, "/api/v1/kb/ticket-suggestions", token: p.customer,
                                              json: #"{"subject":"I forgot my password","description":"Cannot sign in any more"}"#).json()
            let url = try #require((shown["results"] as? [[String: Any]])?.first?["url"] as? String)
            #expect(url.hasPrefix("/kb/articles/reset-your-password?from=ticket-form&suggestion="))
            let query = try #require(url.split(separator: "?").last)
            #expect(try await client.send(.get, "/api/v1/kb/articles/reset-your-password?\(query)", token: p.customer).status == .ok)
            // The other customer opens a suggestion too, then opens a ticket at once: not deflected.
            let other = try await client.send(.post, "/api/v1/kb/ticket-suggestions", token: p.other, json: #"{"subject":"Password forgotten"}"#).json()
            let otherURL = try #require((other["results"] as? [[String: Any]])?.first?["url"] as? String)
            #expect(try await client.send(.get, "/api/v1/kb/articles/reset-your-password?\(try #require(otherURL.split(separator: "?").last))", token: p.other).status == .ok)
            _ = try await TicketFixtures.open(client, p.other)

            try await Task.sleep(for: .milliseconds(1500))
            let report = try await client.send(.get, "/api/v1/analytics/self-service", token: analyst)
            #expect(report.status == .ok, "\(report.text)")
            let json = try report.json()
            #expect(json["deflections"] as? Int == 1, "\(report.text)")
            #expect(json["ticketsAfterSuggestions"] as? Int == 1)
            #expect(json["suggestionsShown"] as? Int == 2)
            #expect(try await client.send(.get, "/api/v1/analytics/self-service", token: p.customer).status == .forbidden)
        }
    }

    @Test func searchesThatFindNothingAreContentGaps() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "reset-your-password", title: "Reset your password", body: Self.passwordBody)
            let r = try await client.send(.get, "/api/v1/kb/search?q=quarterly%20tax%20invoice%20for%20contact%40example.com&mode=lexical", token: nil).json()
            #expect(r["total"] as? Int == 0)
            let report = try await client.send(.get, "/api/v1/analytics/self-service", token: p.editor).json()
            #expect(report["zeroResultSearches"] as? Int == 1)
            let gaps = try #require(report["contentGaps"] as? [[String: Any]])
            #expect(gaps.first?["query"] as? String == "quarterly tax invoice for …", "queries are scrubbed: \(gaps)")
            #expect(try await client.send(.get, "/api/v1/kb/search?q=", token: nil).status == .unprocessableContent)
            #expect(try await client.send(.get, "/api/v1/kb/search?q=x&limit=500", token: nil).status == .unprocessableContent)
        }
    }
}
