import Domain

/// One article or FAQ entry as a Markdown file with YAML front matter: knowledge kept as code, reviewed and
/// versioned like code, imported into the portal and exported back.
///
/// ```
/// ---
/// question: How do I reset my password?
/// answer: Choose "Forgot your password?" on the sign-in page and follow the link we e-mail you.
/// category: signing-in
/// tags:
///   - password
/// phrasings:
///   - I forgot my password
/// article: sign-in-and-reset-password
/// ---
///
/// The longer answer, in Markdown.
/// ```
///
/// Articles use `title` and `summary`; FAQ entries `question` and `answer` (they may also write `title` and
/// `summary`). `category` is required; `tags`, `audience` (public, customers or agents; default public),
/// `status` (draft, published or archived; default published) and `order` are optional; `phrasings` and
/// `article` belong to FAQ entries only. The body after the front matter is the article's text or the FAQ
/// entry's longer answer.
public struct KnowledgeFile: Sendable, Equatable {
    public var kind: KnowledgeKind
    /// From the file name: `articles/<slug>.md`, `faq/<slug>.md`.
    public var slug: String
    /// As ``KnowledgeContent/checked(kind:categoryExists:)`` leaves it: trimmed, tags as slugs.
    public var content: KnowledgeContent
    public var status: KnowledgeStatus

    public init(kind: KnowledgeKind, slug: String, content: KnowledgeContent, status: KnowledgeStatus = .published) {
        self.kind = kind
        self.slug = slug
        self.content = content
        self.status = status
    }

    /// No file is read that is larger than this (1 MiB): an article is far smaller, and a mistake (a binary
    /// saved as `.md`) should fail fast rather than fill memory.
    public static let maximumSize = 1 << 20

    /// The folder of a kind inside a knowledge folder.
    public static func folder(_ kind: KnowledgeKind) -> String {
        switch kind {
        case .article: "articles"
        case .faq: "faq"
        case .tutorial: "tutorials"
        }
    }

    /// `articles/<slug>.md` or `faq/<slug>.md`.
    public static func path(kind: KnowledgeKind, slug: String) -> String { "\(folder(kind))/\(slug).md" }

    public var path: String { Self.path(kind: kind, slug: slug) }

    /// The file's text. Keys come in a fixed order and defaults are left out, so the same item always gives the
    /// same bytes and ``parse(_:kind:slug:)`` gives back the same value: exporting and importing again changes
    /// nothing.
    public func render() -> String {
        let c = content
        var yaml = ""
        yaml += "\(kind == .faq ? "question" : "title"): \(KnowledgeYAML.scalar(c.title))\n"
        if !c.summary.isEmpty { yaml += "\(kind == .faq ? "answer" : "summary"): \(KnowledgeYAML.scalar(c.summary))\n" }
        yaml += "category: \(KnowledgeYAML.scalar(c.categoryID))\n"
        if !c.tags.isEmpty { yaml += KnowledgeYAML.list("tags", c.tags) }
        if c.audience != .public { yaml += "audience: \(c.audience.rawValue)\n" }
        if status != .published { yaml += "status: \(status.rawValue)\n" }
        if !c.phrasings.isEmpty { yaml += KnowledgeYAML.list("phrasings", c.phrasings) }
        if let article = c.articleLink { yaml += "article: \(KnowledgeYAML.scalar(article))\n" }
        if c.order != 0 { yaml += "order: \(c.order)\n" }
        let body = c.body.isEmpty ? "" : "\n\(c.body)\n"
        return "---\n\(yaml)---\n\(body)"
    }
}
