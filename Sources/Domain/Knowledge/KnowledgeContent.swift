import Foundation

/// Everything an editor writes in one revision of an article or FAQ entry. Each revision stores it whole, so
/// any revision can be shown, compared or restored without replaying the ones before it.
public struct KnowledgeContent: Codable, Sendable, Equatable {
    /// The article's title, or the FAQ entry's question.
    public var title: String
    /// The article's summary, or the FAQ entry's quick answer (shown inline in results and in the chatbot).
    public var summary: String
    /// Markdown: the article's body, or the FAQ entry's optional longer answer.
    public var body: String
    public var categoryID: String
    public var tags: [String]
    public var audience: KnowledgeAudience
    /// FAQ only: other ways people ask the question (search matches them).
    public var phrasings: [String]
    /// FAQ only: an article with the full answer.
    public var articleLink: String?
    /// FAQ only: the position within its category (lower first).
    public var order: Int

    public init(title: String, summary: String, body: String, categoryID: String, tags: [String] = [], audience: KnowledgeAudience = .public,
                phrasings: [String] = [], articleLink: String? = nil, order: Int = 0) {
        self.title = title
        self.summary = summary
        self.body = body
        self.categoryID = categoryID
        self.tags = tags
        self.audience = audience
        self.phrasings = phrasings
        self.articleLink = articleLink
        self.order = order
    }

    static let maximumTitle = 200
    static let maximumSummary = 600
    static let maximumQuickAnswer = 400
    static let maximumBody = 200_000
    static let maximumTags = 20
    static let maximumPhrasings = 30

    /// Trims and lower-cases what should be, and reports every problem at once, by field.
    public func checked(kind: KnowledgeKind, categoryExists: (String) -> Bool) throws -> KnowledgeContent {
        var c = self
        var errors: [FieldError] = []
        c.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        c.summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        c.body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        let titleName = kind == .faq ? "question" : "title"
        if c.title.count < 3 { errors.append(FieldError(field: "title", message: "The \(titleName) needs at least 3 characters.")) }
        if c.title.count > Self.maximumTitle { errors.append(FieldError(field: "title", message: "The \(titleName) has at most \(Self.maximumTitle) characters.")) }
        if c.title.contains(where: \.isNewline) { errors.append(FieldError(field: "title", message: "The \(titleName) is one line.")) }
        switch kind {
        case .tutorial:
            errors.append(FieldError(field: "kind", message: "Tutorials are written through /api/v1/tutorials, not as knowledge-base items."))
        case .article:
            if c.summary.count > Self.maximumSummary { errors.append(FieldError(field: "summary", message: "A summary has at most \(Self.maximumSummary) characters.")) }
            if c.body.isEmpty { errors.append(FieldError(field: "body", message: "An article needs a body.")) }
            if !phrasings.isEmpty { errors.append(FieldError(field: "phrasings", message: "Alternative phrasings belong to FAQ entries.")) }
            if articleLink != nil { errors.append(FieldError(field: "articleLink", message: "Only FAQ entries link to an article.")) }
        case .faq:
            if c.summary.isEmpty { errors.append(FieldError(field: "summary", message: "A FAQ entry needs a quick answer.")) }
            if c.summary.count > Self.maximumQuickAnswer {
                errors.append(FieldError(field: "summary", message: "A quick answer has at most \(Self.maximumQuickAnswer) characters; put the rest in the longer answer."))
            }
        }
        if c.body.count > Self.maximumBody { errors.append(FieldError(field: "body", message: "At most \(Self.maximumBody) characters.")) }
        if !categoryExists(categoryID) { errors.append(FieldError(field: "categoryID", message: "Choose an existing category.")) }
        var tags: [String] = []
        for raw in self.tags {
            let tag = KnowledgeSlug.make(from: raw)
            guard !tag.isEmpty, tag.count <= 40 else {
                errors.append(FieldError(field: "tags", message: "A tag is 1–40 letters, digits or dashes ('\(raw.prefix(40))' is not)."))
                continue
            }
            if !tags.contains(tag) { tags.append(tag) }
        }
        if tags.count > Self.maximumTags { errors.append(FieldError(field: "tags", message: "At most \(Self.maximumTags) tags.")) }
        c.tags = tags
        var phrasings: [String] = []
        for raw in self.phrasings {
            let p = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !p.isEmpty else { continue }
            if p.count > Self.maximumTitle || p.contains(where: \.isNewline) {
                errors.append(FieldError(field: "phrasings", message: "Each phrasing is one line of at most \(Self.maximumTitle) characters."))
            } else if !phrasings.contains(p) {
                phrasings.append(p)
            }
        }
        if phrasings.count > Self.maximumPhrasings { errors.append(FieldError(field: "phrasings", message: "At most \(Self.maximumPhrasings) phrasings.")) }
        c.phrasings = phrasings
        if let link = articleLink?.trimmingCharacters(in: .whitespaces) {
            if link.isEmpty { c.articleLink = nil } else if !KnowledgeSlug.isValid(link) {
                errors.append(FieldError(field: "articleLink", message: "Link an article by its slug (lower-case letters, digits and dashes)."))
            } else { c.articleLink = link }
        }
        if !(-1_000_000...1_000_000).contains(order) { errors.append(FieldError(field: "order", message: "The order is a number between -1000000 and 1000000.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return c
    }
}
