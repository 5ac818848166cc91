import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// Who may read what, on the pages: an item outside the reader's audience, a draft and one that does not
/// exist are the same "not found" page; the body is the Markdown renderer's HTML.
@Suite("Knowledge base pages: audiences and rendering")
struct KnowledgePageAudienceTests {
    @Test func anAgentsOnlyArticleIsNotFoundForAnonymousReadersAndCustomersButVisibleToAgents() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let path = "/kb/articles/\(KnowledgeFixtures.agentArticle)"
            let missing = try await Browser(client).request("/kb/articles/no-such-article")
            #expect(missing.status == .notFound)

            let anonymous = try await Browser(client).request(path)
            #expect(anonymous.status == .notFound)
            #expect(anonymous.text.withoutRequestID == missing.text.withoutRequestID, "the same answer as a missing article")

            let cora = try await KnowledgeFixtures.browser(client, "cora@example.com")
            let customer = try await cora.request(path)
            #expect(customer.status == .notFound)
            #expect(!customer.text.contains("back office"))
            #expect(try await cora.request("/kb/articles/\(KnowledgeFixtures.customerArticle)").status == .ok, "customers read the customers' articles")
            #expect(try await Browser(client).request("/kb/articles/\(KnowledgeFixtures.customerArticle)").status == .notFound)

            let agnes = try await KnowledgeFixtures.browser(client, "agnes@example.com")
            let agent = try await agnes.request(path)
            #expect(agent.status == .ok)
            #expect(agent.text.contains("Use the back office."))
        }
    }

    @Test func aDraftIsNotFoundForReadersEvenForItsEditor() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let path = "/kb/articles/\(KnowledgeFixtures.draftArticle)"
            let missing = try await Browser(client).request("/kb/articles/no-such-article")
            let anonymous = try await Browser(client).request(path)
            #expect(anonymous.status == .notFound)
            #expect(anonymous.text.withoutRequestID == missing.text.withoutRequestID)
            for email in ["cora@example.com", "agnes@example.com", "edna@example.com"] {
                let reader = try await KnowledgeFixtures.browser(client, email)
                #expect(try await reader.request(path).status == .notFound, "\(email) reads a draft on the editing pages only")
                // Voting on it is refused the same way.
                let vote = try await reader.submit(path + "/vote", ["helpful": "yes"], from: "/kb")
                #expect(vote.status == .notFound)
            }
            let edna = try await KnowledgeFixtures.browser(client, "edna@example.com")
            let editing = try await edna.request("/kb/edit/articles/\(KnowledgeFixtures.draftArticle)")
            #expect(editing.status == .ok)
            #expect(editing.text.contains("Not announced yet."))
        }
    }

    @Test func theArticlePageInsertsTheRenderersHTMLAsItIs() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let body = "Hello **reader**.\n\n<script>alert('x')</script>\n\n[a link](javascript:alert(1))"
            try await portal.knowledge.create(kind: .article, slug: "markup", content: KnowledgeContent(
                title: "Markup", summary: "<b>not bold</b>", body: body, categoryID: "billing"), publish: true, by: "test")
            let api = try await client.get("/api/v1/kb/articles/markup")
            let html = try #require(try api.json()["html"] as? String)
            let page = try await Browser(client).request("/kb/articles/markup")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<div class="kb-body" id="item-body">"# + html + "</div>"), "the renderer's output, not escaped again")
            #expect(page.text.contains("&lt;b&gt;not bold&lt;/b&gt;"), "plain fields are escaped")
        }
    }

    @Test func markdownWithAScriptIsInertOnTheArticlePage() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            try await portal.knowledge.create(kind: .article, slug: "markup", content: KnowledgeContent(
                title: "Markup", summary: "", body: "Hello.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[a link](javascript:alert(1))",
                categoryID: "billing"), publish: true, by: "test")
            let page = try await Browser(client).request("/kb/articles/markup")
            #expect(page.status == .ok)
            let start = try #require(page.text.range(of: #"id="item-body">"#))
            let body = String(page.text[start.upperBound...]).components(separatedBy: "</div>")[0]
            #expect(!body.contains("<script"))
            #expect(!body.contains("<img"), "raw HTML comes out as text, never as an element")
            #expect(body.contains("&lt;script&gt;"))
            #expect(!body.contains("javascript:"))
        }
    }
}
