import Domain
import Foundation
import Projections

/// What the editors' pages show of items and categories: a row of the dashboard, the header of the edit
/// form with the status moves it offers, and the category forms (each with its own messages).
enum KnowledgeEditorView {
    static let statusWords: [KnowledgeStatus: String] = [.draft: "Draft", .published: "Published", .archived: "Archived"]

    static func audienceWords(_ a: KnowledgeAudience) -> String {
        KnowledgeEditView.audiences.first { $0.0 == a }?.1 ?? a.rawValue
    }

    /// One item on the dashboard.
    static func row(_ e: KnowledgeCatalogProjection.Entry, tree: [String: KnowledgeCategory]) -> [String: Any] {
        [
            "title": e.content.title, "editPath": KnowledgePages.editPath(e.kind, e.slug), "kindName": e.kind == .faq ? "FAQ" : "Article",
            "status": e.status.rawValue, "statusText": statusWords[e.status] ?? e.status.rawValue,
            "category": tree[e.content.categoryID]?.name ?? e.content.categoryID, "audience": audienceWords(e.content.audience),
            "updated": PageDate.values(e.updatedAt), "revision": e.revision,
            "helpful": e.helpfulPercent.map { "\($0)% of \(e.votes)" } ?? "–",
        ]
    }

    /// The edit form's header: status, revision, and links to the reader's page and the history.
    static func itemValues(_ e: KnowledgeCatalogProjection.Entry) -> [String: Any] {
        let edit = KnowledgePages.editPath(e.kind, e.slug)
        return [
            "title": e.content.title, "slug": e.slug, "status": e.status.rawValue, "statusText": statusWords[e.status] ?? e.status.rawValue,
            "revision": e.revision, "updated": PageDate.values(e.updatedAt), "editPath": edit, "revisionsPath": edit + "/revisions",
            "readerPath": e.status == .published ? (KnowledgeRoutes.path(e.kind, e.slug) as Any) : (false as Any),
            "statusPath": edit + "/status",
        ]
    }

    /// The buttons for the moves the status allows.
    static func statusActions(_ status: KnowledgeStatus) -> [[String: Any]] {
        let labels: [(KnowledgeStatus, String)] = [
            (.published, "Publish"), (.draft, status == .archived ? "Bring back as a draft" : "Unpublish (back to draft)"), (.archived, "Archive"),
        ]
        return labels.filter { status.canMove(to: $0.0) }.map { to, label in
            ["value": to.rawValue, "label": label, "secondary": to != .published] as [String: Any]
        }
    }

    /// A category form as typed.
    struct CategoryFields {
        var slug = ""
        var name = ""
        var description = ""
        var parent = ""
        var order = "0"

        init() {}

        init(_ c: KnowledgeCategory) {
            slug = c.slug
            name = c.name
            description = c.description
            parent = c.parent ?? ""
            order = String(c.order)
        }

        init(form: [String: [String]], slug fixed: String? = nil) {
            func field(_ name: String) -> String { form[name]?.first ?? "" }
            slug = fixed ?? field("slug").trimmingCharacters(in: .whitespaces)
            name = field("name")
            description = field("description")
            parent = field("parent")
            order = field("order")
        }

        func category() throws -> KnowledgeCategory {
            let trimmed = order.trimmingCharacters(in: .whitespaces)
            guard let number = trimmed.isEmpty ? 0 : Int(trimmed) else {
                throw FieldError(field: "order", message: "The order is a whole number, e.g. 10.")
            }
            let made = slug.isEmpty ? KnowledgeSlug.make(from: name) : slug
            return KnowledgeCategory(slug: made, name: name, description: description, parent: parent.isEmpty ? nil : parent, order: number)
        }
    }

    /// A refused category form: which one (nil: the new category's), what was typed, and the messages.
    struct CategoryRefusal {
        var slug: String?
        var typed: CategoryFields
        var errors: [FieldError]
    }

    /// The element id of a category form's field: `new-category-name`, `category-billing-name`.
    static func categoryFieldID(_ slug: String?, _ field: String) -> String {
        (slug.map { "category-\($0)" } ?? "new-category") + "-" + field
    }

    /// Every category with its form (a category cannot move under itself or its own subcategories), and
    /// the form for a new one.
    static func categoryForms(_ catalog: KnowledgeCatalogProjection, refusal: CategoryRefusal?) -> (existing: [[String: Any]], new: [String: Any]) {
        let ordered = catalog.orderedCategories()
        func form(_ fields: CategoryFields, id: String?, excluded: Set<String>) -> [String: Any] {
            var messages: [String: String] = [:]
            if let refusal, refusal.slug == id { for e in refusal.errors where messages[e.field] == nil { messages[e.field] = e.message } }
            let parents = ordered.filter { !excluded.contains($0.category.slug) }.map { c, depth in
                ["value": c.slug, "label": String(repeating: "— ", count: depth) + c.name, "selected": c.slug == fields.parent] as [String: Any]
            }
            return ["slug": fields.slug, "name": fields.name, "description": fields.description, "order": fields.order, "parents": parents,
                    "formErrors": messages, "hasErrors": !messages.isEmpty, "prefix": String(categoryFieldID(id, "").dropLast())]
        }
        let existing = ordered.map { c, depth -> [String: Any] in
            let typed = refusal.flatMap { $0.slug == c.slug ? $0.typed : nil } ?? CategoryFields(c)
            var v = form(typed, id: c.slug, excluded: catalog.subtree(of: c.slug))
            v["depth"] = depth
            v["title"] = c.name
            v["path"] = "/kb/edit/categories/" + c.slug
            v["readerPath"] = KnowledgePages.categoryPath(c.slug)
            return v
        }
        let typedNew = refusal.flatMap { $0.slug == nil ? $0.typed : nil } ?? CategoryFields()
        return (existing, form(typedNew, id: nil, excluded: []))
    }
}
