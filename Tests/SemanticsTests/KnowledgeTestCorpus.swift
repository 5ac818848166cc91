import Semantics

/// Small documents for the knowledge index tests, and the viewers that read them.
enum KnowledgeTestCorpus {
    static let everyone = KnowledgeFilter(audiences: ["public", "customers", "agents"])
    static let visitor = KnowledgeFilter(audiences: ["public"])
    static let customer = KnowledgeFilter(audiences: ["public", "customers"])

    static func article(_ key: String, _ title: String, _ body: String, summary: String = "", audience: String = "public",
                        category: [String] = [], tags: Set<String> = []) -> KnowledgeDocument {
        KnowledgeDocument(key: key, title: title, summary: summary, body: body,
                          facets: KnowledgeFacets(kind: "article", categoryPath: category, tags: tags, audience: audience))
    }

    static func faq(_ key: String, _ question: String, phrasings: [String] = [], answer: String, audience: String = "public",
                    category: [String] = []) -> KnowledgeDocument {
        KnowledgeDocument(key: key, title: question, phrasings: phrasings, summary: "", body: answer,
                          facets: KnowledgeFacets(kind: "faq", categoryPath: category, audience: audience))
    }

    static func index(_ documents: [KnowledgeDocument], ranking: KnowledgeRanking = KnowledgeRanking()) -> KnowledgeIndex {
        var index = KnowledgeIndex(ranking: ranking)
        for document in documents { index.upsert(document) }
        return index
    }
}
