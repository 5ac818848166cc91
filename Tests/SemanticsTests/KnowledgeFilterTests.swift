import Testing
@testable import Semantics

@Suite("Knowledge index: filters and audiences")
struct KnowledgeFilterTests {
    typealias Corpus = KnowledgeTestCorpus

    /// A public article, a customers' FAQ entry and an agents' article that all speak of refunds; only the
    /// agents' article names "chargeback" and "escalation".
    static func index() -> KnowledgeIndex {
        var index = Corpus.index([
            Corpus.article("public", "Refund policy", "A refund reaches your card within five days.", category: ["billing", "refunds"], tags: ["money"]),
            Corpus.faq("customers", "When will my refund arrive?", phrasings: ["refund status"], answer: "Within five days of the approval.",
                       audience: "customers", category: ["billing"]),
            Corpus.article("agents", "Refund escalation and chargeback handling", "Escalation path for a refund chargeback dispute.",
                           audience: "agents", category: ["billing", "refunds", "internal"], tags: ["money", "internal"]),
        ])
        index.setPopularity("agents", 1_000)
        return index
    }

    @Test func aDocumentOutsideTheViewersAudiencesIsNeverReturned() {
        let index = Self.index()
        for (viewer, visible) in [(Corpus.visitor, ["public"]), (Corpus.customer, ["public", "customers"])] {
            let hidden = ["public", "customers", "agents"].filter { !visible.contains($0) }
            // Search, including a query only the hidden document matches.
            #expect(Set(index.search("refund", limit: 10, filter: viewer).hits.map(\.key)) == Set(visible))
            #expect(index.search("refund", limit: 10, filter: viewer).total == visible.count)
            #expect(index.search("chargeback escalation", limit: 10, filter: viewer).total == 0)
            #expect(index.search("\"refund chargeback\"", limit: 10, filter: viewer).total == 0)
            #expect(index.search("charge*", limit: 10, filter: viewer).total == 0)
            // Suggestions, even the most popular one.
            #expect(Set(index.suggest("refu", limit: 10, filter: viewer).map(\.key)) == Set(visible))
            #expect(index.suggest("refund escal", limit: 10, filter: viewer).isEmpty)
            for key in hidden {
                // Snippets and titles of a hidden document are empty, and it has no related documents.
                #expect(index.snippet(for: key, query: "refund", filter: viewer).isEmpty)
                #expect(index.highlightedTitle(for: key, query: "refund", filter: viewer).isEmpty)
                #expect(index.related(to: key, limit: 10, filter: viewer).isEmpty)
            }
            for key in visible {
                #expect(!index.snippet(for: key, query: "refund", filter: viewer).isEmpty)
                #expect(!index.related(to: key, limit: 10, filter: viewer).contains { hidden.contains($0.key) })
            }
        }
        // Agents see all three.
        #expect(index.search("refund", limit: 10, filter: Corpus.everyone).total == 3)
        #expect(index.search("chargeback", limit: 10, filter: Corpus.everyone).hits.map(\.key) == ["agents"])
        #expect(index.related(to: "public", limit: 10, filter: Corpus.everyone).map(\.key).contains("agents"))
        // No audience at all sees nothing.
        #expect(index.search("refund", limit: 10, filter: KnowledgeFilter(audiences: [])).total == 0)
        #expect(index.search("refund", limit: 10, filter: KnowledgeFilter(audiences: ["staff"])).total == 0)
    }

    @Test func correctionsNeverRevealAWordOnlyHiddenDocumentsHold() {
        let index = Self.index()
        // "chargebak" is one edit from "chargeback", a word only the agents' article holds.
        let agent = index.search("chargebak", limit: 10, filter: Corpus.everyone)
        #expect(agent.corrections == ["chargebak": "chargeback"])
        #expect(agent.hits.map(\.key) == ["agents"])
        let customer = index.search("chargebak", limit: 10, filter: Corpus.customer)
        #expect(customer.corrections.isEmpty && customer.didYouMean == nil && customer.total == 0)
        // A word only hidden documents hold is unknown to the viewer, and corrected to a visible one ("refund",
        // two edits away) rather than to the hidden "refunds" one edit away.
        var twins = Self.index()
        twins.upsert(Corpus.article("agents-2", "Refunds", "The refinds queue.", audience: "agents"))
        let refinds = twins.search("refinds", limit: 10, filter: Corpus.customer)
        #expect(refinds.corrections == ["refinds": "refund"])
        #expect(twins.search("refinds", limit: 10, filter: Corpus.everyone).corrections.isEmpty)
        // Suggestions correct the same way.
        #expect(index.suggest("chargebak ", limit: 10, filter: Corpus.customer).isEmpty)
        #expect(index.suggest("chargebak ", limit: 10, filter: Corpus.everyone).map(\.key) == ["agents"])
    }

    @Test func kindsCategorySubtreesAndTagsNarrowTheResults() {
        let index = Self.index()
        func keys(_ filter: KnowledgeFilter) -> Set<String> { Set(index.search("refund", limit: 10, filter: filter).hits.map(\.key)) }
        let all: Set<String> = ["public", "customers", "agents"]
        #expect(keys(KnowledgeFilter(kinds: ["faq"], audiences: all)) == ["customers"])
        #expect(keys(KnowledgeFilter(kinds: ["article"], audiences: all)) == ["public", "agents"])
        // A category holds its own documents and everything below it.
        #expect(keys(KnowledgeFilter(category: "billing", audiences: all)) == all)
        #expect(keys(KnowledgeFilter(category: "refunds", audiences: all)) == ["public", "agents"])
        #expect(keys(KnowledgeFilter(category: "internal", audiences: all)) == ["agents"])
        #expect(keys(KnowledgeFilter(category: "shipping", audiences: all)).isEmpty)
        #expect(keys(KnowledgeFilter(tag: "money", audiences: all)) == ["public", "agents"])
        #expect(keys(KnowledgeFilter(tag: "money", audiences: ["public"])) == ["public"])
        // Totals count what the filter admits.
        #expect(index.search("refund", limit: 1, filter: KnowledgeFilter(category: "refunds", audiences: all)).total == 2)
        // Related documents pass the filter too; the source may be outside the kinds asked for.
        #expect(index.related(to: "public", limit: 10, filter: KnowledgeFilter(kinds: ["faq"], audiences: all)).map(\.key) == ["customers"])
    }
}
