import Domain
import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// A small knowledge base for the page tests: Billing › Invoices and Your account, and items for every
/// audience and status.
enum KnowledgeFixtures {
    /// Everyone reads it.
    static let invoiceArticle = "pay-an-invoice"
    /// Signed-in customers and staff.
    static let customerArticle = "loyalty-discounts"
    /// Agents only.
    static let agentArticle = "refunds-by-hand"
    /// Not published.
    static let draftArticle = "new-prices"
    static let faq = "change-card"
    static let invoiceBody = "Open the invoice and choose **Pay**.\n\nCards and bank transfers are accepted.\n\nThe receipt comes by e-mail."

    /// The ticket fixtures' people (Cora the customer, Agnes the agent, Adam the admin) and Edna, an editor;
    /// the categories and items above.
    static func setUp(_ client: any TestClientProtocol, _ portal: Portal) async throws -> TicketPeople {
        let people = try await TicketFixtures.people(client, portal)
        let edna = try await TicketFixtures.verified(client, portal, "edna@example.com", "Edna Editor")
        try await portal.identity.setRole(.editor, granted: true, on: try #require(AccountID(try await TicketFixtures.accountID(client, edna))), by: "test")
        let kb = portal.knowledge
        try await kb.createCategory(KnowledgeCategory(slug: "billing", name: "Billing", description: "Invoices, payments and refunds."), by: "test")
        try await kb.createCategory(KnowledgeCategory(slug: "invoices", name: "Invoices", parent: "billing"), by: "test")
        try await kb.createCategory(KnowledgeCategory(slug: "account", name: "Your account", order: 1), by: "test")
        try await kb.create(kind: .article, slug: invoiceArticle, content: KnowledgeContent(
            title: "Pay an invoice", summary: "By card or bank transfer.", body: invoiceBody, categoryID: "invoices", tags: ["payment"]), publish: true, by: "test")
        try await kb.create(kind: .article, slug: customerArticle, content: KnowledgeContent(
            title: "Loyalty discounts", summary: "", body: "Every tenth order is free.", categoryID: "billing", audience: .customers), publish: true, by: "test")
        try await kb.create(kind: .article, slug: agentArticle, content: KnowledgeContent(
            title: "Refunds by hand", summary: "", body: "Use the back office.", categoryID: "billing", audience: .agents), publish: true, by: "test")
        try await kb.create(kind: .article, slug: draftArticle, content: KnowledgeContent(
            title: "New prices", summary: "", body: "Not announced yet.", categoryID: "billing"), publish: false, by: "test")
        try await kb.create(kind: .faq, slug: faq, content: KnowledgeContent(
            title: "How do I change my card?", summary: "Under Account › Payment, choose Replace card.", body: "The new card is charged from the next invoice.",
            categoryID: "billing", articleLink: invoiceArticle), publish: true, by: "test")
        return people
    }

    /// A browser signed in through the form.
    static func browser(_ client: any TestClientProtocol, _ email: String) async throws -> Browser {
        try await TicketPageTests.browser(client, email)
    }

    /// Waits until the catalog has applied everything written so far (views are recorded without waiting).
    static func settle(_ portal: Portal) async {
        _ = await portal.runner.waitUntil(portal.store.lastPosition, projections: ["knowledge-catalog"], timeout: .seconds(5))
    }
}

extension String {
    /// The page without its error page's request id, to compare two answers.
    var withoutRequestID: String {
        guard let start = range(of: "request id <code>"), let end = self[start.upperBound...].range(of: "</code>") else { return self }
        return String(self[..<start.upperBound] + self[end.lowerBound...])
    }

    /// A redirect's location without its fragment, as a browser requests it.
    var withoutFragment: String { String(prefix { $0 != "#" }) }
}

@Suite("Knowledge base reader pages")
struct KnowledgePageTests {
    @Test func theHelpCenterListsTheTreeWithCountsTheLatestArticlesAndTheFAQ() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let anonymous = Browser(client)
            let index = try await anonymous.request("/kb")
            #expect(index.status == .ok)
            #expect(index.text.contains(#"<a href="/kb/categories/billing">Billing</a> <span class="count">2 items</span>"#),
                    "an anonymous reader counts the public article and FAQ entry below Billing: \(index.text)")
            #expect(index.text.contains(#"<a href="/kb/categories/invoices">Invoices</a> <span class="count">1 item</span>"#))
            #expect(index.text.contains(#"<a href="/kb/articles/pay-an-invoice">Pay an invoice</a>"#))
            #expect(!index.text.contains("Refunds by hand") && !index.text.contains("Loyalty discounts") && !index.text.contains("New prices"))
            #expect(index.text.contains(#"<a href="/kb/faq/change-card">How do I change my card?</a>"#))
            #expect(index.text.contains(#"id="nav-help" aria-current="page""#))

            let agnes = try await KnowledgeFixtures.browser(client, "agnes@example.com")
            let staff = try await agnes.request("/kb")
            #expect(staff.text.contains(#"<a href="/kb/categories/billing">Billing</a> <span class="count">4 items</span>"#), "agents count every audience")
            #expect(!staff.text.contains("New prices"), "drafts are never in the readers' lists")
        }
    }

    @Test func aCategoryShowsItsSubtreeAndTheFAQPageGroupsQuickAnswers() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let cora = try await KnowledgeFixtures.browser(client, "cora@example.com")
            let billing = try await cora.request("/kb/categories/billing")
            #expect(billing.status == .ok)
            #expect(billing.text.contains("<h1>Billing</h1>") && billing.text.contains("Invoices, payments and refunds."))
            #expect(billing.text.contains(#"href="/kb/articles/pay-an-invoice?from=category""#), "the subtree's articles are listed")
            #expect(billing.text.contains("Loyalty discounts"), "a signed-in customer reads the customers' articles")
            #expect(!billing.text.contains("Refunds by hand"))
            #expect(billing.text.contains("Under Account › Payment, choose Replace card."))

            let invoices = try await cora.request("/kb/categories/invoices")
            #expect(invoices.text.contains(#"<li><a href="/kb/categories/billing">Billing</a></li>"#), "the breadcrumbs lead back up")
            #expect(try await cora.request("/kb/categories/nowhere").status == .notFound)

            let faq = try await Browser(client).request("/kb/faq")
            #expect(faq.status == .ok)
            #expect(faq.text.contains(#"<h2 id="faq-billing">Billing</h2>"#))
            #expect(faq.text.contains(#"<p class="kb-quick-answer">Under Account › Payment, choose Replace card.</p>"#))
            #expect(faq.text.contains("<details>") && faq.text.contains("The new card is charged from the next invoice."))
            #expect(faq.text.contains(#"The whole answer: <a href="/kb/articles/pay-an-invoice">Pay an invoice</a>"#))

            let entry = try await Browser(client).request("/kb/faq/change-card")
            #expect(entry.status == .ok)
            #expect(entry.text.contains(#"<p class="kb-quick-answer" id="quick-answer">Under Account › Payment, choose Replace card.</p>"#))
            #expect(try await Browser(client).request("/kb/articles/change-card").status == .notFound, "a FAQ entry is not an article")
        }
    }

    @Test func anArticleShowsItsDateBreadcrumbsTagsAndFeedbackForm() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let page = try await Browser(client).request("/kb/articles/pay-an-invoice")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<h1 id="item-title">Pay an invoice</h1>"#))
            #expect(page.text.contains("Updated on <time datetime="))
            #expect(page.text.contains(#"<li><a href="/kb/categories/billing">Billing</a></li><li><a href="/kb/categories/invoices">Invoices</a></li>"#))
            #expect(page.text.contains(#"<a class="tag" href="/kb/search?tag=payment">payment</a>"#))
            #expect(page.text.contains("Was this helpful?") && page.text.contains(#"id="vote-yes""#) && page.text.contains(#"<select id="reason" name="reason""#))
            #expect(!page.text.contains(#"name="comment""#), "anonymous readers vote without a comment")
            #expect(!page.text.contains(#"id="bookmark-button""#) && page.text.contains("to bookmark it"))
        }
    }
}
