import Foundation

/// An article or FAQ entry, folded from its stream: the current content, its status and every revision.
public struct KnowledgeItem: Sendable, Equatable {
    /// One revision as the history lists it.
    public struct Revision: Sendable, Equatable {
        public var number: Int
        public var content: KnowledgeContent
        public var author: String
        public var at: Date
        public var significant: Bool
        public var restoredFrom: Int?
        public var note: String
    }

    public var kind: KnowledgeKind?
    public var slug: String?
    public var status = KnowledgeStatus.draft
    public var revisions: [Revision] = []
    public var createdAt: Date?
    /// When readers last saw a change: the latest revision while published, or the moment of publishing.
    public var updatedAt: Date?
    public var publishedAt: Date?

    public init() {}

    public var exists: Bool { slug != nil }
    public var content: KnowledgeContent? { revisions.last?.content }
    public var revision: Int { revisions.last?.number ?? 0 }

    public func revision(_ number: Int) -> Revision? {
        guard number >= 1, number <= revisions.count else { return nil }
        return revisions[number - 1]
    }

    public func evolve(_ event: any DomainEvent, at: Date) -> KnowledgeItem {
        var item = self
        switch event {
        case let e as KnowledgeItemCreated:
            item.kind = e.kind
            item.slug = e.slug
            item.status = .draft
            item.createdAt = at
            item.updatedAt = at
            item.revisions = [Revision(number: 1, content: e.content, author: e.author, at: at, significant: false, restoredFrom: nil, note: "")]
        case let e as KnowledgeItemRevised:
            item.revisions.append(Revision(number: e.revision, content: e.content, author: e.author, at: at, significant: e.significant,
                                           restoredFrom: e.restoredFrom, note: e.note))
            item.updatedAt = at
        case let e as KnowledgeItemStatusChanged:
            item.status = e.to
            if e.to == .published {
                item.publishedAt = item.publishedAt ?? at
                item.updatedAt = at
            }
        default:
            break
        }
        return item
    }

    /// Whether `viewer` may read the item as a reader: published and within the viewer's audiences.
    /// Editors see drafts and archived items on the editing pages only (``KnowledgeViewer/isEditor``).
    public func isReadable(by viewer: KnowledgeViewer) -> Bool {
        guard let content, status == .published else { return false }
        return viewer.mayRead(content.audience)
    }
}
