/// One entry of the knowledge base as the search engine sees it: an article or an FAQ entry, its text in
/// plain form (the caller strips Markdown) and the facets that filters read.
///
/// The engine never looks inside ``key``: the caller names documents (`article:<id>`, `faq:<id>`) and gets
/// the same names back.
public struct KnowledgeDocument: Sendable, Equatable {
    public var key: String
    /// The article's title, or the FAQ entry's question.
    public var title: String
    /// Other ways customers ask an FAQ entry's question (empty for articles).
    public var phrasings: [String]
    /// The article's summary, or the FAQ entry's quick answer.
    public var summary: String
    /// The article's text, or the FAQ entry's long answer.
    public var body: String
    public var facets: KnowledgeFacets

    public init(key: String, title: String, phrasings: [String] = [], summary: String = "", body: String, facets: KnowledgeFacets) {
        self.key = key
        self.title = title
        self.phrasings = phrasings
        self.summary = summary
        self.body = body
        self.facets = facets
    }
}

/// What a ``KnowledgeFilter`` can select a document by.
public struct KnowledgeFacets: Sendable, Equatable {
    /// `article` or `faq`.
    public var kind: String
    /// Category ids from the root to the document's own category, so a filter on any ancestor finds it.
    public var categoryPath: [String]
    /// Lower-cased tags.
    public var tags: Set<String>
    /// Who may read the document: `public`, `customers` or `agents`.
    public var audience: String

    public init(kind: String, categoryPath: [String] = [], tags: Set<String> = [], audience: String) {
        self.kind = kind
        self.categoryPath = categoryPath
        self.tags = tags
        self.audience = audience
    }
}
