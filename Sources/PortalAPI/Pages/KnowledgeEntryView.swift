import Domain
import Foundation
import Projections

/// Articles, FAQ entries and categories as the reader pages show them: template values for lists, the
/// category tree with how many items a reader finds under each category, and breadcrumbs.
struct KnowledgeEntryView {
    /// Every category by slug.
    let tree: [String: KnowledgeCategory]

    /// One item in a list. `from` is the origin its link reports (`?from=category`), nil for none.
    func values(_ e: KnowledgeCatalogProjection.Entry, from: KnowledgeOrigin? = nil) -> [String: Any] {
        var path = KnowledgeRoutes.path(e.kind, e.slug)
        if let from { path += "?from=" + from.rawValue }
        var v: [String: Any] = [
            "key": e.key, "slug": e.slug, "title": e.content.title, "summary": e.content.summary, "path": path,
            "isFAQ": e.kind == .faq, "isArticle": e.kind == .article, "isTutorial": e.kind == .tutorial, "updated": Self.day(e.updatedAt),
            "category": tree[e.content.categoryID]?.name ?? e.content.categoryID, "categoryPath": KnowledgePages.categoryPath(e.content.categoryID),
            "tags": e.content.tags.map { ["tag": $0] },
            "helpful": e.helpfulPercent.map { ["percent": $0, "votes": e.votes] as Any } ?? (false as Any),
        ]
        v["hasSummary"] = !e.content.summary.isEmpty
        return v
    }

    /// The categories from the top down to `slug`, each with its page.
    func breadcrumbs(_ slug: String) -> [[String: Any]] {
        KnowledgeCategory.path(slug, tree: tree).compactMap { s in
            tree[s].map { ["name": $0.name, "path": KnowledgePages.categoryPath(s)] }
        }
    }

    /// How many of `entries` sit in each category or below it.
    func counts(_ entries: [KnowledgeCatalogProjection.Entry]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for e in entries {
            for slug in KnowledgeCategory.path(e.content.categoryID, tree: tree) { counts[slug, default: 0] += 1 }
        }
        return counts
    }

    /// The tree under `parent` (nil: from the top) as nested nodes, siblings by order then name. Every node
    /// has `nodes` (empty at a leaf), so the recursive partial never finds its parent's list instead.
    func nodes(under parent: String?, counts: [String: Int], depth: Int = 0) -> [[String: Any]] {
        guard depth <= KnowledgeCategory.maximumDepth else { return [] }
        return tree.values.filter { $0.parent == parent }
            .sorted { ($0.order, $0.name.lowercased(), $0.slug) < ($1.order, $1.name.lowercased(), $1.slug) }
            .map { c in
                let children = nodes(under: c.slug, counts: counts, depth: depth + 1)
                let count = counts[c.slug] ?? 0
                return ["slug": c.slug, "name": c.name, "description": c.description, "path": KnowledgePages.categoryPath(c.slug),
                        "count": count, "one": count == 1, "nodes": children, "hasChildren": !children.isEmpty]
            }
    }

    /// FAQ entries grouped by their category, the groups in the tree's order and the entries by their
    /// order then question; at most `limit` entries per group (nil: all).
    func faqGroups(_ entries: [KnowledgeCatalogProjection.Entry], ordered: [KnowledgeCategory], limit: Int? = nil,
                   entry: (KnowledgeCatalogProjection.Entry) -> [String: Any]) -> [[String: Any]] {
        let byCategory = Dictionary(grouping: entries.filter { $0.kind == .faq }, by: \.content.categoryID)
        return ordered.compactMap { c in
            guard let list = byCategory[c.slug], !list.isEmpty else { return nil }
            let sorted = list.sorted { ($0.content.order, $0.content.title.lowercased()) < ($1.content.order, $1.content.title.lowercased()) }
            let shown = limit.map { Array(sorted.prefix($0)) } ?? sorted
            return ["slug": c.slug, "name": c.name, "path": KnowledgePages.categoryPath(c.slug), "anchor": "faq-" + c.slug,
                    "entries": shown.map(entry), "more": shown.count < sorted.count, "total": sorted.count]
        }
    }

    /// The tree under `parent` for the recursive partial `kb-category-tree`: `nodes` and `hasChildren`.
    func tree(under parent: String?, counts: [String: Int]) -> [String: Any] {
        let children = nodes(under: parent, counts: counts)
        return ["nodes": children, "hasChildren": !children.isEmpty]
    }

    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// A day as readers read it ("4 March 2025"), with the machine-readable moment.
    static func day(_ date: Date) -> [String: Any] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        let month = months[max(0, min(11, (c.month ?? 1) - 1))]
        return ["text": "\(c.day ?? 1) \(month) \(c.year ?? 0)", "iso": ISO8601DateFormatter().string(from: date)]
    }
}
