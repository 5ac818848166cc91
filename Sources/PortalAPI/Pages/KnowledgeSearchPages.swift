import Domain
import Foundation
import Hummingbird
import Projections

/// `/kb/search?q=&kind=&category=&tag=&page=`: what the reader may read that matches, titles and snippets
/// with the matching words marked, "Did you mean …?" for a misspelt query, filters and pages. The first
/// page records the search; its id travels in the later pages' links and in every result's link
/// (`?from=search&search=<id>`), so a click is tied to the search. A tag without a query lists the items
/// with that tag.
struct KnowledgeSearchPages {
    let kb: KnowledgePages

    static let pageSize = 10

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("kb/search", use: search)
    }

    @Sendable func search(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let params = request.formQuery
        func param(_ name: String) -> String { params[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "" }
        let catalog = kb.service.catalog
        let tree = catalog.categoryTree
        let q = String(param("q").prefix(200))
        let kind = KnowledgeKind(rawValue: param("kind"))
        let category = tree[param("category")] != nil ? param("category") : nil
        let tag = param("tag").isEmpty ? nil : KnowledgeSlug.make(from: param("tag"))
        let page = max(1, min(Int(param("page")) ?? 1, KnowledgeService.maximumResults / Self.pageSize))
        let viewer = kb.viewer(context)
        var filters: [(String, String)] = [("q", q), ("kind", kind?.rawValue ?? ""), ("category", category ?? ""), ("tag", tag ?? "")]
        var data: [String: Any] = [
            "q": q, "tag": tag ?? "", "searched": !q.isEmpty || tag != nil,
            "kinds": [("", "Articles, questions and tutorials"), ("article", "Articles"), ("faq", "Questions"), ("tutorial", "Tutorials")].map {
                ["value": $0.0, "label": $0.1, "selected": $0.0 == (kind?.rawValue ?? "")] as [String: Any]
            },
            "categories": catalog.orderedCategories().map { c, depth in
                ["value": c.slug, "label": String(repeating: "— ", count: depth) + c.name, "selected": c.slug == category] as [String: Any]
            },
        ]
        var results: [[String: Any]] = []
        var total = 0
        if !q.isEmpty {
            // Later pages reuse the first page's search instead of recording another.
            let earlier = page > 1 ? UUID(uuidString: param("search")) : nil
            let found = await kb.service.search(q, kinds: kind.map { [$0] }, category: category, tag: tag, viewer: viewer,
                                                visitor: kb.visitor(request, context), limit: Self.pageSize, offset: (page - 1) * Self.pageSize,
                                                origin: .search, record: earlier == nil)
            let searchID = earlier ?? found.searchID
            results = found.hits.map { KnowledgeSearchView.hit($0, searchID: searchID, tree: tree) }
            total = found.total
            if let searchID { filters.append(("search", searchID.uuidString.lowercased())) }
            if let corrected = found.didYouMean {
                data["didYouMean"] = ["text": corrected, "path": KnowledgeSearchView.link([("q", corrected), ("kind", kind?.rawValue ?? ""),
                                                                                             ("category", category ?? ""), ("tag", tag ?? "")])]
            }
        } else if let tag {
            let tagged = catalog.entries(kind: kind, category: category, viewer: viewer).filter { $0.content.tags.contains(tag) }
            total = tagged.count
            results = tagged.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize).map { KnowledgeSearchView.entry($0, tree: tree) }
        }
        data["results"] = results
        data["total"] = total
        data["one"] = total == 1
        data["none"] = results.isEmpty
        let shown = (page - 1) * Self.pageSize
        if total > Self.pageSize {
            var pager: [String: Any] = ["from": shown + 1, "to": shown + results.count, "total": total]
            if page > 1 { pager["previous"] = KnowledgeSearchView.link(filters + [("page", page == 2 ? "" : String(page - 1))]) }
            if shown + results.count < min(total, KnowledgeService.maximumResults) { pager["next"] = KnowledgeSearchView.link(filters + [("page", String(page + 1))]) }
            data["pager"] = pager
        }
        let title = q.isEmpty ? (tag.map { "Tagged “\($0)”" } ?? "Search the help center") : "Search: " + q
        return kb.render("kb-search", title: title, request: request, context: context, data: data, section: .home)
    }
}
