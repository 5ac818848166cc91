import Domain
import Foundation
import Hummingbird
import Projections

/// The knowledge base's lists: `/kb` (the category tree with how many items each holds, the latest
/// articles, the FAQ by category), `/kb/categories/{slug}` (a category's articles and FAQ entries, its
/// subtree included) and `/kb/faq` (every FAQ entry by category, quick answers inline). Readers see only
/// what their audience allows, and the counts count only that.
struct KnowledgeReaderPages {
    let kb: KnowledgePages

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("kb", use: index)
        router.get("kb/categories/{slug}", use: category)
        router.get("kb/faq", use: faq)
    }

    static let latestCount = 6
    static let faqPerCategory = 5

    @Sendable func index(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let viewer = kb.viewer(context)
        let catalog = kb.service.catalog
        let view = KnowledgeEntryView(tree: catalog.categoryTree)
        let readable = catalog.entries(viewer: viewer)
        let latest = readable.filter { $0.kind == .article }.prefix(Self.latestCount).map { view.values($0) }
        let faqGroups = view.faqGroups(readable, ordered: catalog.orderedCategories().map(\.category), limit: Self.faqPerCategory) { e in
            ["title": e.content.title, "path": KnowledgeRoutes.path(e.kind, e.slug)] as [String: Any]
        }
        let data: [String: Any] = [
            "tree": view.tree(under: nil, counts: view.counts(readable)), "latest": latest, "hasLatest": !latest.isEmpty,
            "faqGroups": faqGroups, "hasFAQ": !faqGroups.isEmpty, "popular": kb.popular(viewer), "empty": readable.isEmpty,
        ]
        return kb.render("kb-index", title: "Help center", request: request, context: context, data: data, section: .home)
    }

    @Sendable func category(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let slug = context.parameters.get("slug") ?? ""
        let catalog = kb.service.catalog
        let tree = catalog.categoryTree
        guard KnowledgeSlug.isValid(slug), let category = tree[slug] else { throw DomainError.notFound("category") }
        let viewer = kb.viewer(context)
        let view = KnowledgeEntryView(tree: tree)
        let articles = catalog.entries(kind: .article, category: slug, viewer: viewer)
        let faqs = catalog.entries(kind: .faq, category: slug, viewer: viewer)
            .sorted { ($0.content.order, $0.content.title.lowercased()) < ($1.content.order, $1.content.title.lowercased()) }
        let data: [String: Any] = [
            "category": ["name": category.name, "description": category.description, "hasDescription": !category.description.isEmpty],
            "breadcrumbs": Array(view.breadcrumbs(slug).dropLast()),
            "subtree": view.tree(under: slug, counts: view.counts(catalog.entries(viewer: viewer))),
            "articles": articles.map { view.values($0, from: .category) },
            "faqs": faqs.map { view.values($0, from: .category) },
            "hasArticles": !articles.isEmpty, "hasFAQs": !faqs.isEmpty, "none": articles.isEmpty && faqs.isEmpty,
        ]
        return kb.render("kb-category", title: category.name, request: request, context: context, data: data, section: .home)
    }

    @Sendable func faq(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let viewer = kb.viewer(context)
        let catalog = kb.service.catalog
        let view = KnowledgeEntryView(tree: catalog.categoryTree)
        let entries = catalog.entries(kind: .faq, viewer: viewer)
        let groups = view.faqGroups(entries, ordered: catalog.orderedCategories().map(\.category)) { e in
            var v = view.values(e)
            let longer = e.content.body.isEmpty ? "" : MarkdownRenderer.html(e.content.body)
            v["answer"] = longer.isEmpty ? (false as Any) : longer
            v["article"] = Self.linkedArticle(e, viewer: viewer, catalog: catalog) ?? (false as Any)
            v["expandable"] = !longer.isEmpty || v["article"] is [String: Any]
            return v
        }
        let data: [String: Any] = ["groups": groups, "none": groups.isEmpty]
        return kb.render("kb-faq", title: "Frequently asked questions", request: request, context: context, data: data, section: .faq)
    }

    /// The article a FAQ entry links to, when this reader may read it.
    static func linkedArticle(_ e: KnowledgeCatalogProjection.Entry, viewer: KnowledgeViewer, catalog: KnowledgeCatalogProjection) -> [String: Any]? {
        guard let slug = e.content.articleLink, let article = catalog.readable(KnowledgeKind.article.key(slug), by: viewer) else { return nil }
        return ["title": article.content.title, "path": KnowledgeRoutes.path(.article, slug)]
    }
}
