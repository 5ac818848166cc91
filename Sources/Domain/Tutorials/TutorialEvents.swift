import Foundation

/// A tutorial was written for the first time (revision 1, a draft). Stream `tutorial-<slug>`.
public struct TutorialCreated: DomainEvent {
    public static let eventType = "TutorialCreated"
    public var slug: String
    public var content: TutorialContent
    public var author: String
    public init(slug: String, content: TutorialContent, author: String) {
        self.slug = slug
        self.content = content
        self.author = author
    }
}

/// A new revision: the whole tutorial as it now stands.
public struct TutorialRevised: DomainEvent {
    public static let eventType = "TutorialRevised"
    public var slug: String
    public var revision: Int
    public var content: TutorialContent
    public var author: String
    public var note: String
    public init(slug: String, revision: Int, content: TutorialContent, author: String, note: String) {
        self.slug = slug
        self.revision = revision
        self.content = content
        self.author = author
        self.note = note
    }
}

/// Published, taken back to draft, archived or brought back.
public struct TutorialStatusChanged: DomainEvent {
    public static let eventType = "TutorialStatusChanged"
    public var slug: String
    public var from: KnowledgeStatus
    public var to: KnowledgeStatus
    public var author: String
    public init(slug: String, from: KnowledgeStatus, to: KnowledgeStatus, author: String) {
        self.slug = slug
        self.from = from
        self.to = to
        self.author = author
    }
}

/// Tutorials as the knowledge base's lists and search see them: each tutorial event read as the knowledge-item
/// event it amounts to (kind `tutorial`, the tutorial's ``TutorialContent/searchContent``). The catalog, the word
/// index and the passage vectors fold tutorials through this, so a tutorial is found like an article.
public enum TutorialAsKnowledge {
    public static let eventTypes: Set<String> = [TutorialCreated.eventType, TutorialRevised.eventType, TutorialStatusChanged.eventType]

    /// The knowledge-item event a tutorial event amounts to; any other event as it is.
    public static func translate(_ event: any DomainEvent) -> any DomainEvent {
        switch event {
        case let e as TutorialCreated:
            KnowledgeItemCreated(kind: .tutorial, slug: e.slug, content: e.content.searchContent, author: e.author)
        case let e as TutorialRevised:
            KnowledgeItemRevised(kind: .tutorial, slug: e.slug, revision: e.revision, content: e.content.searchContent, author: e.author, note: e.note)
        case let e as TutorialStatusChanged:
            KnowledgeItemStatusChanged(kind: .tutorial, slug: e.slug, from: e.from, to: e.to, author: e.author)
        default:
            event
        }
    }
}
