import Foundation

/// A tutorial folded from its stream: the current content, its status and every revision.
public struct Tutorial: Codable, Sendable, Equatable {
    public struct Revision: Codable, Sendable, Equatable {
        public var number: Int
        public var content: TutorialContent
        public var author: String
        public var at: Date
        public var note: String
    }

    public var slug: String?
    public var status = KnowledgeStatus.draft
    public var revisions: [Revision] = []
    public var createdAt: Date?
    public var updatedAt: Date?

    public init() {}

    public static func stream(_ slug: String) -> String { "tutorial-\(slug)" }
    /// The tutorial's key in bookmarks and search: `tutorial:<slug>`.
    public static func key(_ slug: String) -> String { "tutorial:\(slug)" }
    /// A step's key in bookmarks and notes: `step:<slug>/<step id>`.
    public static func stepKey(_ slug: String, step: String) -> String { "step:\(slug)/\(step)" }

    public var exists: Bool { slug != nil }
    public var content: TutorialContent? { revisions.last?.content }
    public var revision: Int { revisions.last?.number ?? 0 }

    public func evolve(_ event: any DomainEvent, at: Date) -> Tutorial {
        var t = self
        switch event {
        case let e as TutorialCreated:
            t.slug = e.slug
            t.status = .draft
            t.createdAt = at
            t.updatedAt = at
            t.revisions = [Revision(number: 1, content: e.content, author: e.author, at: at, note: "")]
        case let e as TutorialRevised:
            t.revisions.append(Revision(number: e.revision, content: e.content, author: e.author, at: at, note: e.note))
            t.updatedAt = at
        case let e as TutorialStatusChanged:
            t.status = e.to
            if e.to == .published { t.updatedAt = at }
        default:
            break
        }
        return t
    }

    /// Whether `viewer` may take the tutorial: published and within the viewer's audiences.
    public func isReadable(by viewer: KnowledgeViewer) -> Bool {
        guard let content, status == .published else { return false }
        return viewer.mayRead(content.audience)
    }

    public static func decideCreate(slug: String, content: TutorialContent, author: String, existing: Tutorial,
                                    categoryExists: (String) -> Bool) throws -> TutorialCreated {
        guard !existing.exists else { throw DomainError.rejected("a tutorial '\(slug)' exists already") }
        var errors: [FieldError] = []
        if !KnowledgeSlug.isValid(slug) {
            errors.append(FieldError(field: "slug", message: "A slug is 1–80 lower-case letters, digits and dashes, e.g. your-first-ticket."))
        }
        do {
            let checked = try content.checked(categoryExists: categoryExists)
            if errors.isEmpty { return TutorialCreated(slug: slug, content: checked, author: author) }
        } catch let failure as ValidationFailure { errors += failure.errors }
        throw ValidationFailure(errors)
    }

    public func decideRevise(_ content: TutorialContent, author: String, note: String, categoryExists: (String) -> Bool) throws -> TutorialRevised {
        guard let slug, let current = self.content else { throw DomainError.notFound("tutorial") }
        let checked = try content.checked(categoryExists: categoryExists)
        guard checked != current else { throw DomainError.rejected("nothing changed") }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 500 else { throw FieldError(field: "note", message: "A revision note has at most 500 characters.") }
        return TutorialRevised(slug: slug, revision: revision + 1, content: checked, author: author, note: text)
    }

    public func decideStatus(_ to: KnowledgeStatus, author: String) throws -> TutorialStatusChanged {
        guard let slug else { throw DomainError.notFound("tutorial") }
        guard status != to else { throw DomainError.rejected("it is \(to.rawValue) already") }
        guard status.canMove(to: to) else { throw DomainError.rejected("a\(status == .archived ? "n" : "") \(status.rawValue) tutorial cannot become \(to.rawValue)") }
        return TutorialStatusChanged(slug: slug, from: status, to: to, author: author)
    }
}
