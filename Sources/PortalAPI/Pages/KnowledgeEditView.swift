import Domain
import Foundation
import Projections

/// The editor's form of an article or FAQ entry as typed: read from the submitted form (or from the
/// current content), shown again with its messages, and turned into ``KnowledgeContent``. The form's
/// element ids are the service's field names (`title`, `categoryID`, `articleLink`…), so each message
/// lands next to its field.
struct KnowledgeEditView {
    var slug = ""
    var title = ""
    var summary = ""
    var body = ""
    var category = ""
    /// Comma-separated.
    var tags = ""
    var audience = KnowledgeAudience.public.rawValue
    /// One per line.
    var phrasings = ""
    var articleLink = ""
    var order = "0"
    var significant = false
    var note = ""
    /// The revision the editor started from, to notice someone else's save in between.
    var baseRevision: Int?

    init() {}

    init(_ content: KnowledgeContent, revision: Int? = nil) {
        title = content.title
        summary = content.summary
        body = content.body
        category = content.categoryID
        tags = content.tags.joined(separator: ", ")
        audience = content.audience.rawValue
        phrasings = content.phrasings.joined(separator: "\n")
        articleLink = content.articleLink ?? ""
        order = String(content.order)
        baseRevision = revision
    }

    init(form: [String: [String]]) {
        func field(_ name: String) -> String { form[name]?.first ?? "" }
        slug = field("slug").trimmingCharacters(in: .whitespaces)
        title = field("title")
        summary = field("summary")
        body = field("body")
        category = field("categoryID")
        tags = field("tags")
        audience = field("audience")
        phrasings = field("phrasings")
        articleLink = field("articleLink")
        order = field("order")
        significant = !field("significant").isEmpty
        note = field("note")
        baseRevision = Int(field("revision"))
    }

    /// The content to write. A malformed order or an unknown audience is refused by field, together with
    /// whatever else the content's own check finds, so every message shows at once.
    func content(kind: KnowledgeKind, categoryExists: (String) -> Bool) throws -> KnowledgeContent {
        var errors: [FieldError] = []
        let audienceValue = audience.isEmpty ? .public : KnowledgeAudience(rawValue: audience)
        if audienceValue == nil { errors.append(FieldError(field: "audience", message: "Choose who may read it.")) }
        let trimmedOrder = order.trimmingCharacters(in: .whitespaces)
        let orderValue = trimmedOrder.isEmpty ? 0 : Int(trimmedOrder)
        if orderValue == nil { errors.append(FieldError(field: "order", message: "The order is a whole number, e.g. 10.")) }
        let link = articleLink.trimmingCharacters(in: .whitespaces)
        let content = KnowledgeContent(
            title: title, summary: summary, body: body, categoryID: category,
            tags: tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            audience: audienceValue ?? .public,
            phrasings: kind == .faq ? phrasings.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : [],
            articleLink: kind == .faq && !link.isEmpty ? link : nil, order: orderValue ?? 0)
        guard errors.isEmpty else {
            do { _ = try content.checked(kind: kind, categoryExists: categoryExists) } catch let failure as ValidationFailure { errors += failure.errors }
            throw ValidationFailure(errors)
        }
        return content
    }

    static let audiences: [(KnowledgeAudience, String)] = [
        (.public, "Everyone"), (.customers, "Signed-in customers"), (.agents, "Agents only"),
    ]

    /// Template values: the fields, the choices (categories, audiences, articles to link), and the labels
    /// that differ between an article and a FAQ entry.
    func values(kind: KnowledgeKind, catalog: KnowledgeCatalogProjection, viewer: KnowledgeViewer) -> [String: Any] {
        var v: [String: Any] = [
            "slug": slug, "title": title, "summary": summary, "body": body, "tags": tags, "phrasings": phrasings, "order": order,
            "significant": significant, "note": note, "revision": baseRevision.map(String.init) ?? "",
            "isFAQ": kind == .faq, "isArticle": kind == .article, "kindName": kind == .faq ? "FAQ entry" : "article",
            "titleLabel": kind == .faq ? "Question" : "Title",
            "summaryLabel": kind == .faq ? "Quick answer" : "Summary",
            "bodyLabel": kind == .faq ? "Longer answer (Markdown, optional)" : "Body (Markdown)",
        ]
        v["categories"] = catalog.orderedCategories().map { c, depth in
            ["value": c.slug, "label": String(repeating: "— ", count: depth) + c.name, "selected": c.slug == category] as [String: Any]
        }
        v["audiences"] = Self.audiences.map { a, label in ["value": a.rawValue, "label": label, "selected": a.rawValue == audience] as [String: Any] }
        if kind == .faq {
            let articles = catalog.entries(kind: .article, viewer: viewer, includeUnpublished: true)
                .sorted { $0.content.title.lowercased() < $1.content.title.lowercased() }
            v["articles"] = articles.map { a in
                ["value": a.slug, "label": a.content.title + (a.status == .published ? "" : " (\(a.status.rawValue))"), "selected": a.slug == articleLink] as [String: Any]
            }
        }
        v["preview"] = body.isEmpty ? "" : MarkdownRenderer.html(body)
        return v
    }
}
