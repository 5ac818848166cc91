/// Which documents a search, a suggestion, a snippet or a related list may show.
///
/// ``audiences`` has no default on purpose: every caller says which audiences its viewer may read (a
/// visitor `public`; a signed-in customer `public` and `customers`; an agent all three), and a document
/// outside them is never returned by any method of ``KnowledgeIndex``, nor does its vocabulary feed the
/// spelling corrections shown to that viewer.
public struct KnowledgeFilter: Sendable, Equatable {
    /// The kinds to keep (`article`, `faq`), or nil for every kind.
    public var kinds: Set<String>?
    /// A category id: documents in it or in any category below it.
    public var category: String?
    /// A tag the document must carry (lower case).
    public var tag: String?
    /// The audiences the viewer may read.
    public var audiences: Set<String>

    public init(kinds: Set<String>? = nil, category: String? = nil, tag: String? = nil, audiences: Set<String>) {
        self.kinds = kinds
        self.category = category
        self.tag = tag
        self.audiences = audiences
    }

    /// Whether a document with `facets` passes.
    public func accepts(_ facets: KnowledgeFacets) -> Bool {
        guard audiences.contains(facets.audience) else { return false }
        if let kinds, !kinds.contains(facets.kind) { return false }
        if let category, !facets.categoryPath.contains(category) { return false }
        if let tag, !facets.tags.contains(tag) { return false }
        return true
    }
}
