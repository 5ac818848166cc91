import Domain
import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Projections
import Testing

/// Finding things on the pages: the search page, the header's suggestions, the new-ticket form's
/// suggestions, related articles and popular topics; each only ever shows what the reader may read, and
/// each link says where the reader came from.
@Suite("Knowledge base pages: search and suggestions")
struct KnowledgePageSearchTests {
    /// The views recorded so far.
    static func views(_ portal: Portal) throws -> [KnowledgeItemViewed] {
        try portal.store.read(after: 0, limit: 100_000, types: [KnowledgeItemViewed.eventType]).events.compactMap { try $0.domainEvent() as? KnowledgeItemViewed }
    }

    /// The first link in `html` whose href starts with `prefix`, as a browser would follow it.
    static func link(_ prefix: String, in html: String) -> String? {
        guard let r = html.range(of: #"href=""# + prefix) else { return nil }
        let href = prefix + html[r.upperBound...].prefix { $0 != "\"" }
        return href.replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func theSearchPageMarksMatchesRecordsTheSearchAndTiesTheClickToIt() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            try await portal.knowledge.create(kind: .article, slug: "invoice-copies", content: KnowledgeContent(
                title: "Invoice copies <b>by mail</b>", summary: "Ask for a paper invoice.", body: "We post a copy of any invoice.", categoryID: "invoices"),
                publish: true, by: "test")
            let browser = Browser(client)
            let page = try await browser.request("/kb/search?q=invoice")
            #expect(page.status == .ok)
            #expect(page.text.contains("<mark>"), "the matching words are marked")
            #expect(page.text.contains("&lt;b&gt;by mail&lt;/b&gt;") && !page.text.contains("<b>by mail"), "titles are escaped around the marks")
            let href = try #require(Self.link("/kb/articles/pay-an-invoice?from=search&amp;search=", in: page.text))
            let searchID = try #require(UUID(uuidString: String(href.split(separator: "=").last ?? "")))

            #expect(try await browser.request(href).status == .ok)
            let view = try #require(try Self.views(portal).last { $0.itemKey == "article:\(KnowledgeFixtures.invoiceArticle)" })
            #expect(view.origin == .search && view.searchID == searchID, "the view is tied to the search")

            let secret = try await Browser(client).request("/kb/search?q=back+office")
            #expect(!secret.text.contains("Refunds by hand"), "agents-only articles are not found by others")
            #expect(!secret.text.contains("Use the back office"), "nor quoted in a snippet")
            let agnes = try await KnowledgeFixtures.browser(client, "agnes@example.com")
            #expect(try await agnes.request("/kb/search?q=back+office").text.contains("Refunds by hand"))

            let faqOnly = try await browser.request("/kb/search?q=card&kind=faq")
            #expect(faqOnly.text.contains("/kb/faq/change-card?from=search") && !faqOnly.text.contains("/kb/articles/"))
            let tagged = try await browser.request("/kb/search?tag=payment")
            #expect(tagged.text.contains("/kb/articles/pay-an-invoice?from=search") && !tagged.text.contains("invoice-copies"), "a tag alone lists its items")
        }
    }

    @Test func aMisspeltQueryOffersTheCorrection() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let page = try await Browser(client).request("/kb/search?q=invoise")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<p class="kb-did-you-mean" id="did-you-mean">Did you mean <a href="/kb/search?q=invoice">invoice</a>?</p>"#))
            #expect(page.text.contains(#"href="/kb/articles/pay-an-invoice?from=search"#), "the corrected query's results show")
        }
    }

    @Test func theHeaderSuggestsTitlesTheReaderMayRead() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let home = try await Browser(client).request("/")
            #expect(home.text.contains(#"<form method="get" action="/kb/search" role="search""#) && home.text.contains("/static/kb-suggest.js"))
            let anonymous = try await client.get("/kb/suggest?q=pay")
            #expect(anonymous.status == .ok)
            let suggestions = try #require(try anonymous.json()["suggestions"] as? [[String: Any]])
            #expect(suggestions.contains { $0["title"] as? String == "Pay an invoice" && $0["path"] as? String == "/kb/articles/pay-an-invoice?from=search" })
            #expect(try await client.get("/kb/suggest?q=refunds").text.contains("Refunds by hand") == false)
            let agnes = try await KnowledgeFixtures.browser(client, "agnes@example.com")
            #expect(try await agnes.request("/kb/suggest?q=refunds").text.contains("Refunds by hand"))
        }
    }

    @Test func theNewTicketFormSuggestsAnswersAndCountsTheirViews() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            #expect(try await client.post("/tickets/new/suggestions", json: "{}").status == .unauthorized)
            let cora = try await KnowledgeFixtures.browser(client, "cora@example.com")
            let form = try await cora.request("/tickets/new?category=support")
            #expect(form.text.contains(#"data-kb-suggestions-url="/tickets/new/suggestions""#) && form.text.contains(#"id="kb-suggestions""#))
            #expect(try await cora.request("/tickets/new/suggestions", method: .post, form: ["subject": "change my card"]).status == .forbidden)

            let answer = try await cora.submit("/tickets/new/suggestions", ["subject": "How do I change my card", "description": ""],
                                               from: "/tickets/new?category=support")
            #expect(answer.status == .ok)
            let body = try answer.json()
            let suggestionID = try #require((body["suggestionID"] as? String).flatMap(UUID.init(uuidString:)))
            let items = try #require(body["items"] as? [[String: Any]])
            let faq = try #require(items.first { $0["title"] as? String == "How do I change my card?" })
            #expect(faq["answer"] as? String == "Under Account › Payment, choose Replace card.")
            #expect(faq["isFAQ"] as? Bool == true)
            let path = try #require(faq["path"] as? String)
            #expect(path == "/kb/faq/change-card?from=ticket-form&suggestion=\(suggestionID.uuidString.lowercased())")
            #expect(!items.contains { $0["title"] as? String == "Refunds by hand" })

            #expect(try await cora.request(path).status == .ok)
            let view = try #require(try Self.views(portal).last { $0.itemKey == "faq:\(KnowledgeFixtures.faq)" })
            #expect(view.origin == .ticketForm && view.suggestionID == suggestionID, "the view is tied to the suggestions")
        }
    }

    @Test func relatedArticlesAndPopularTopicsShowOnlyWhatTheReaderMayRead() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let agnes = try await KnowledgeFixtures.browser(client, "agnes@example.com")
            for path in ["/kb/articles/refunds-by-hand", "/kb/articles/pay-an-invoice", "/kb/faq/change-card"] { #expect(try await agnes.request(path).status == .ok) }
            for _ in 0..<2 {
                let reader = Browser(client)
                #expect(try await reader.request("/kb/articles/pay-an-invoice").status == .ok)
                #expect(try await reader.request("/kb/faq/change-card").status == .ok)
            }
            _ = await portal.runner.waitUntil(portal.store.lastPosition, timeout: .seconds(10))

            let article = try await Browser(client).request("/kb/articles/pay-an-invoice")
            #expect(article.text.contains(#"id="related""#))
            #expect(article.text.contains(#"href="/kb/faq/change-card?from=related""#))
            #expect(!article.text.contains("Refunds by hand"))

            let home = try await Browser(client).request("/")
            #expect(home.text.contains(#"id="popular-week""#))
            #expect(home.text.contains(#"href="/kb/articles/pay-an-invoice?from=popular""#))
            #expect(!home.text.contains("Refunds by hand"), "what agents read is not popular for everyone")
            let index = try await Browser(client).request("/kb")
            #expect(index.text.contains(#"id="popular-month""#))
            let staff = try await agnes.request("/")
            #expect(staff.text.contains(#"id="popular""#))
        }
    }
}
