import Domain
import Foundation
import Hummingbird
import Projections

/// An article or FAQ entry as the API shows it to a reader.
struct KnowledgeItemDTO: ResponseEncodable {
    var key: String
    var kind: String
    var slug: String
    var title: String
    var summary: String
    /// The body rendered to HTML (raw HTML and unsafe links made inert).
    var html: String
    var category: String
    var categoryPath: [String]
    var tags: [String]
    var audience: String
    var status: String
    var revision: Int
    var updatedAt: Date
    var publishedAt: Date?
    var phrasings: [String]?
    var articleLink: String?
    var order: Int?
    var helpful: Int
    var unhelpful: Int
    var helpfulPercent: Int?
    var url: String

    init(_ e: KnowledgeCatalogProjection.Entry, tree: [String: KnowledgeCategory], markdown: Bool = false) {
        key = e.key
        kind = e.kind.rawValue
        slug = e.slug
        title = e.content.title
        summary = e.content.summary
        html = MarkdownRenderer.html(e.content.body)
        category = e.content.categoryID
        categoryPath = KnowledgeCategory.path(e.content.categoryID, tree: tree)
        tags = e.content.tags
        audience = e.content.audience.rawValue
        status = e.status.rawValue
        revision = e.revision
        updatedAt = e.updatedAt
        publishedAt = e.publishedAt
        if e.kind == .faq {
            phrasings = e.content.phrasings
            articleLink = e.content.articleLink
            order = e.content.order
        }
        helpful = e.helpful
        unhelpful = e.unhelpful
        helpfulPercent = e.helpfulPercent
        url = KnowledgeRoutes.path(e.kind, e.slug)
    }
}

/// The item with its Markdown source (editors).
struct KnowledgeEditableDTO: ResponseEncodable {
    var item: KnowledgeItemDTO
    var markdown: String
}

/// A short listing entry.
struct KnowledgeListEntryDTO: ResponseEncodable {
    var key: String
    var kind: String
    var slug: String
    var title: String
    var summary: String
    var category: String
    var status: String
    var updatedAt: Date
    var helpfulPercent: Int?
    var url: String

    init(_ e: KnowledgeCatalogProjection.Entry) {
        key = e.key
        kind = e.kind.rawValue
        slug = e.slug
        title = e.content.title
        summary = e.content.summary
        category = e.content.categoryID
        status = e.status.rawValue
        updatedAt = e.updatedAt
        helpfulPercent = e.helpfulPercent
        url = KnowledgeRoutes.path(e.kind, e.slug)
    }
}

/// What an editor sends to create or revise an item.
struct KnowledgeContentDTO: Decodable {
    var slug: String?
    var title: String
    var summary: String?
    var body: String?
    var category: String
    var tags: [String]?
    var audience: String?
    var phrasings: [String]?
    var articleLink: String?
    var order: Int?
    /// Create: publish at once. Revise: ignored.
    var publish: Bool?
    /// Revise: tell readers who bookmarked it.
    var significant: Bool?
    var note: String?

    func content() throws -> KnowledgeContent {
        var audienceValue = KnowledgeAudience.public
        if let audience {
            guard let a = KnowledgeAudience(rawValue: audience) else {
                throw FieldError(field: "audience", message: "The audience is public, customers or agents.")
            }
            audienceValue = a
        }
        return KnowledgeContent(title: title, summary: summary ?? "", body: body ?? "", categoryID: category, tags: tags ?? [], audience: audienceValue,
                                phrasings: phrasings ?? [], articleLink: articleLink, order: order ?? 0)
    }
}

struct KnowledgeRevisionDTO: ResponseEncodable {
    var number: Int
    var author: String
    var at: Date
    var significant: Bool
    var restoredFrom: Int?
    var note: String
    var title: String
    var markdown: String?

    init(_ r: KnowledgeItem.Revision, full: Bool) {
        number = r.number
        author = r.author
        at = r.at
        significant = r.significant
        restoredFrom = r.restoredFrom
        note = r.note
        title = r.content.title
        markdown = full ? r.content.body : nil
    }
}

struct KnowledgeDiffDTO: ResponseEncodable {
    struct Field: Encodable { var name: String; var old: String; var new: String }
    struct Line: Encodable { var op: String; var text: String }
    var from: Int
    var to: Int
    var fields: [Field]
    var body: [Line]

    init(_ d: KnowledgeDiff) {
        from = d.from
        to = d.to
        fields = d.fields.map { Field(name: $0.name, old: $0.old, new: $0.new) }
        body = d.body.map {
            switch $0 {
            case .same(let t): Line(op: "same", text: t)
            case .added(let t): Line(op: "added", text: t)
            case .removed(let t): Line(op: "removed", text: t)
            }
        }
    }
}

struct KnowledgeCategoryDTO: Codable, ResponseEncodable {
    var slug: String
    var name: String
    var description: String?
    var parent: String?
    var order: Int?
    var depth: Int?
}

struct VoteDTO: Decodable {
    var helpful: Bool
    var reason: String?
    var comment: String?
}

/// Where `/api/v1/kb` and the pages put an item.
enum KnowledgeRoutes {
    static func segment(_ kind: KnowledgeKind) -> String {
        switch kind {
        case .article: "articles"
        case .faq: "faq"
        case .tutorial: "tutorials"
        }
    }
    static func kind(segment: String) -> KnowledgeKind? {
        switch segment {
        case "articles", "article": .article
        case "faq": .faq
        default: nil
        }
    }
    /// The reader's page: `/kb/articles/<slug>`, `/kb/faq/<slug>`, or `/tutorials/<slug>` (tutorials have pages of their own).
    static func path(_ kind: KnowledgeKind, _ slug: String) -> String { kind == .tutorial ? "/tutorials/\(slug)" : "/kb/\(segment(kind))/\(slug)" }
}
