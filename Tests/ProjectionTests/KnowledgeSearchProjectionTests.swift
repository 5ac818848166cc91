import Domain
import EventStore
import Foundation
import Projections
import Semantics
import Testing

/// The word index as a projection: only published items, facets from the category tree (a moved category
/// moves its items), synonyms, audiences, and a snapshot that restores the same answers.
@Suite struct KnowledgeSearchProjectionTests {
    func replay(_ log: TestLog, into p: KnowledgeSearchProjection) throws {
        let batch = try log.store.read(after: 0, limit: 10_000, types: p.eventTypes, unseal: false)
        for event in batch.events { try p.apply(event) }
    }

    func keys(_ p: KnowledgeSearchProjection, _ q: String, category: String? = nil, audiences: Set<String> = ["public"]) -> [String] {
        p.index.search(q, limit: 10, filter: KnowledgeFilter(category: category, audiences: audiences)).hits.map(\.key)
    }

    @Test func onlyPublishedItemsAreFoundWithTheirCategoryPathAndSynonyms() async throws {
        let log = try TestLog()
        for (slug, parent) in [("billing", nil), ("invoices", "billing"), ("account", nil)] as [(String, String?)] {
            _ = try await log.append(KnowledgeCategoryCreated(slug: slug, name: slug, description: "", parent: parent, order: 0), to: "kb-category-\(slug)")
        }
        func item(_ slug: String, _ title: String, _ category: String, audience: KnowledgeAudience = .public, publish: Bool = true) async throws {
            let c = KnowledgeContent(title: title, summary: "", body: "Step by step.", categoryID: category, audience: audience)
            _ = try await log.append(KnowledgeItemCreated(kind: .article, slug: slug, content: c, author: "t"), to: "article-\(slug)")
            if publish { _ = try await log.append(KnowledgeItemStatusChanged(kind: .article, slug: slug, from: .draft, to: .published, author: "t"), to: "article-\(slug)") }
        }
        try await item("pay-invoice", "Pay an invoice", "invoices")
        try await item("draft-prices", "New invoice prices", "invoices", publish: false)
        try await item("refunds", "Invoice refunds by hand", "billing", audience: .agents)
        try await item("close-account", "Close your account", "account")
        _ = try await log.append(KnowledgeSynonymsChanged(groups: [["bill", "invoice"]], author: "t"), to: "kb-synonyms")
        let p = KnowledgeSearchProjection(plainText: { $0 })
        try replay(log, into: p)

        #expect(keys(p, "invoice") == ["article:pay-invoice"], "drafts and agents-only items are not found by the public")
        #expect(Set(keys(p, "invoice", audiences: ["public", "customers", "agents"])) == ["article:pay-invoice", "article:refunds"])
        #expect(keys(p, "bill") == ["article:pay-invoice"], "synonyms kept by editors")
        #expect(keys(p, "invoice", category: "billing") == ["article:pay-invoice"], "a category filter takes its subtree")

        // The invoices category moves under account: its article follows.
        _ = try await log.append(KnowledgeCategoryChanged(slug: "invoices", name: "invoices", description: "", parent: "account", order: 0), to: "kb-category-invoices")
        _ = try await log.append(KnowledgeItemStatusChanged(kind: .article, slug: "close-account", from: .published, to: .archived, author: "t"), to: "article-close-account")
        let q = KnowledgeSearchProjection(plainText: { $0 })
        try replay(log, into: q)
        #expect(keys(q, "invoice", category: "billing").isEmpty)
        #expect(keys(q, "invoice", category: "account") == ["article:pay-invoice"])
        #expect(keys(q, "close account").isEmpty, "archived items leave the index")

        let restored = KnowledgeSearchProjection(plainText: { $0 })
        try restored.restore(from: try q.snapshot())
        for query in ["invoice", "bill", "close account", "pay"] {
            #expect(keys(restored, query) == keys(q, query), "the snapshot restores the same answers for \(query)")
        }
        #expect(keys(restored, "invoice", category: "account") == ["article:pay-invoice"])
    }
}
