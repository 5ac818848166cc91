import Foundation

/// An article or FAQ entry was written for the first time (revision 1, a draft).
public struct KnowledgeItemCreated: DomainEvent {
    public static let eventType = "KnowledgeItemCreated"
    public var kind: KnowledgeKind
    public var slug: String
    public var content: KnowledgeContent
    /// Who wrote it: `account-<id>`, or `import` for docs-as-code.
    public var author: String
    public init(kind: KnowledgeKind, slug: String, content: KnowledgeContent, author: String) {
        self.kind = kind
        self.slug = slug
        self.content = content
        self.author = author
    }
}

/// A new revision: the whole content as it now stands.
public struct KnowledgeItemRevised: DomainEvent {
    public static let eventType = "KnowledgeItemRevised"
    public var kind: KnowledgeKind
    public var slug: String
    public var revision: Int
    public var content: KnowledgeContent
    public var author: String
    /// The editor marked the edit as significant: readers who bookmarked the item are told.
    public var significant: Bool
    /// Set when the revision brings back an earlier one.
    public var restoredFrom: Int?
    /// The editor's note on what changed.
    public var note: String
    public init(kind: KnowledgeKind, slug: String, revision: Int, content: KnowledgeContent, author: String, significant: Bool = false,
                restoredFrom: Int? = nil, note: String = "") {
        self.kind = kind
        self.slug = slug
        self.revision = revision
        self.content = content
        self.author = author
        self.significant = significant
        self.restoredFrom = restoredFrom
        self.note = note
    }
}

/// Published, taken back to draft, archived or brought back from the archive.
public struct KnowledgeItemStatusChanged: DomainEvent {
    public static let eventType = "KnowledgeItemStatusChanged"
    public var kind: KnowledgeKind
    public var slug: String
    public var from: KnowledgeStatus
    public var to: KnowledgeStatus
    public var author: String
    public init(kind: KnowledgeKind, slug: String, from: KnowledgeStatus, to: KnowledgeStatus, author: String) {
        self.kind = kind
        self.slug = slug
        self.from = from
        self.to = to
        self.author = author
    }
}

/// A knowledge-base category was created (stream `kb-category-<slug>`).
public struct KnowledgeCategoryCreated: DomainEvent {
    public static let eventType = "KnowledgeCategoryCreated"
    public var slug: String
    public var name: String
    public var description: String
    public var parent: String?
    public var order: Int
    public init(slug: String, name: String, description: String, parent: String?, order: Int) {
        self.slug = slug
        self.name = name
        self.description = description
        self.parent = parent
        self.order = order
    }
}

/// Renamed, moved under another parent or reordered.
public struct KnowledgeCategoryChanged: DomainEvent {
    public static let eventType = "KnowledgeCategoryChanged"
    public var slug: String
    public var name: String
    public var description: String
    public var parent: String?
    public var order: Int
    public init(slug: String, name: String, description: String, parent: String?, order: Int) {
        self.slug = slug
        self.name = name
        self.description = description
        self.parent = parent
        self.order = order
    }
}

/// The editors' synonym groups for search (stream `kb-synonyms`): each group's words match each other.
public struct KnowledgeSynonymsChanged: DomainEvent {
    public static let eventType = "KnowledgeSynonymsChanged"
    public var groups: [[String]]
    public var author: String
    public init(groups: [[String]], author: String) {
        self.groups = groups
        self.author = author
    }
}
