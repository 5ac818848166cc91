import Domain
import Foundation

extension KnowledgeCatalogProjection {
    /// An item by key, whatever its status or audience (editors' pages; readers go through ``readable(_:by:)``).
    public func entry(_ key: String) -> Entry? { state.withLock { $0.items[key] } }

    /// An item a reader may see: published and within their audiences. Everything else is absent, so an
    /// agents-only article answers exactly like one that does not exist.
    public func readable(_ key: String, by viewer: KnowledgeViewer) -> Entry? {
        guard let entry = entry(key), entry.status == .published, viewer.mayRead(entry.content.audience) else { return nil }
        return entry
    }

    /// Items for listings: readers get published items in their audiences; `includeUnpublished` (editors) adds
    /// drafts and archived ones. Filtered by kind and category (its subtree), newest update first.
    public func entries(kind: KnowledgeKind? = nil, category: String? = nil, viewer: KnowledgeViewer, includeUnpublished: Bool = false) -> [Entry] {
        state.withLock { s in
            let subtree = category.map { Self.subtree($0, in: s.categories) }
            return s.items.values.filter { e in
                if let kind, e.kind != kind { return false }
                if let subtree, !subtree.contains(e.content.categoryID) { return false }
                if includeUnpublished { return viewer.isEditor || (e.status == .published && viewer.mayRead(e.content.audience)) }
                return e.status == .published && viewer.mayRead(e.content.audience)
            }
            .sorted { ($0.updatedAt, $0.key) > ($1.updatedAt, $1.key) }
        }
    }

    /// A category and every category below it.
    static func subtree(_ root: String, in tree: [String: KnowledgeCategory]) -> Set<String> {
        var out: Set<String> = [root]
        var grew = true
        while grew {
            grew = false
            for (slug, c) in tree where !out.contains(slug) {
                if let p = c.parent, out.contains(p) { out.insert(slug); grew = true }
            }
        }
        return out
    }

    public func subtree(of category: String) -> Set<String> { state.withLock { Self.subtree(category, in: $0.categories) } }

    /// The category tree by slug.
    public var categoryTree: [String: KnowledgeCategory] { state.withLock { $0.categories } }

    public func categoryVersion(_ slug: String) -> UInt64 { state.withLock { $0.categoryVersions[slug] ?? 0 } }

    /// Categories in display order: parents before their children, siblings by order then name.
    public func orderedCategories() -> [(category: KnowledgeCategory, depth: Int)] {
        let tree = categoryTree
        var out: [(KnowledgeCategory, Int)] = []
        func visit(_ parent: String?, depth: Int) {
            let children = tree.values.filter { $0.parent == parent }.sorted { ($0.order, $0.name.lowercased(), $0.slug) < ($1.order, $1.name.lowercased(), $1.slug) }
            for child in children where depth <= KnowledgeCategory.maximumDepth {
                out.append((child, depth))
                visit(child.slug, depth: depth + 1)
            }
        }
        visit(nil, depth: 0)
        return out
    }

    public var synonyms: (groups: [[String]], version: UInt64) { state.withLock { ($0.synonyms, $0.synonymsVersion) } }

    /// A reader's bookmarks in the order they were added, and the version of their bookmark stream.
    public func bookmarks(of account: AccountID) -> (targets: [String], version: UInt64) {
        state.withLock { ($0.bookmarks[account.description] ?? [], $0.bookmarkVersions[account.description] ?? 0) }
    }

    /// Significant updates of bookmarked items, newest first.
    public func updates(for account: AccountID) -> [Update] {
        state.withLock { ($0.updates[account.description] ?? []).reversed() }
    }

    /// Counts for `portalctl stats`.
    public var counts: (articles: Int, faqs: Int, published: Int, categories: Int) {
        state.withLock { s in
            (s.items.values.filter { $0.kind == .article }.count, s.items.values.filter { $0.kind == .faq }.count,
             s.items.values.filter { $0.status == .published }.count, s.categories.count)
        }
    }
}
