import Domain
import EventStore
import Foundation
import Projections

extension KnowledgeService {
    /// Loads an item's stream. Keys that are not `article:<slug>` or `faq:<slug>` never reach the store.
    func load(_ key: String) throws -> (item: KnowledgeItem, version: UInt64) {
        guard let (kind, slug) = KnowledgeKind.parse(key: key) else { return (KnowledgeItem(), 0) }
        var item = KnowledgeItem()
        var version: UInt64 = 0
        for record in try store.read(stream: kind.stream(slug), limit: 100_000) {
            item = item.evolve(try record.domainEvent(), at: record.recordedAt)
            version = record.streamVersion
        }
        return (item, version)
    }

    func categoryExists(_ slug: String) -> Bool { catalog.categoryTree[slug] != nil }

    /// Writes a new article or FAQ entry as a draft, published at once when `publish` is set.
    @discardableResult
    public func create(kind: KnowledgeKind, slug: String, content: KnowledgeContent, publish: Bool, by author: String) async throws -> UInt64 {
        let existing = try load(kind.key(slug))
        let created = try KnowledgeItem.decideCreate(kind: kind, slug: slug, content: content, author: author, existing: existing.item,
                                                     categoryExists: categoryExists)
        var events: [any DomainEvent] = [created]
        if publish { events.append(KnowledgeItemStatusChanged(kind: kind, slug: slug, from: .draft, to: .published, author: author)) }
        let position = try await append(events, stream: kind.stream(slug), expected: existing.version == 0 ? .noStream : .exact(existing.version), actor: author)
        await settle(position)
        return position
    }

    /// A new revision of `key` with `content`.
    @discardableResult
    public func revise(_ key: String, content: KnowledgeContent, significant: Bool, note: String, by author: String) async throws -> UInt64 {
        try await change(key, by: author) { item in
            [try item.decideRevise(content, author: author, significant: significant, note: note, categoryExists: categoryExists)]
        }
    }

    /// Brings back revision `number` as the newest revision.
    @discardableResult
    public func restore(_ key: String, revision number: Int, by author: String) async throws -> UInt64 {
        try await change(key, by: author) { item in [try item.decideRestore(number, author: author, categoryExists: categoryExists)] }
    }

    /// Publishes, unpublishes (back to draft), archives or brings back from the archive.
    @discardableResult
    public func setStatus(_ key: String, to status: KnowledgeStatus, by author: String) async throws -> UInt64 {
        try await change(key, by: author) { item in [try item.decideStatus(status, author: author)] }
    }

    func change(_ key: String, by author: String, decide: (KnowledgeItem) throws -> [any DomainEvent]) async throws -> UInt64 {
        try await retrying {
            let (item, version) = try load(key)
            guard let kind = item.kind, let slug = item.slug, version > 0 else { throw DomainError.notFound("item") }
            let position = try await append(try decide(item), stream: kind.stream(slug), expected: .exact(version), actor: author)
            await settle(position)
            return position
        }
    }

    /// An item for a reader, or `notFound` — the same answer for an item that does not exist, a draft, and one
    /// outside the reader's audience, so ids cannot be probed.
    public func readable(_ key: String, viewer: KnowledgeViewer) throws -> KnowledgeCatalogProjection.Entry {
        guard let entry = catalog.readable(key, by: viewer) else { throw DomainError.notFound("article") }
        return entry
    }

    /// An item for its editors, whatever its status.
    public func editable(_ key: String, viewer: KnowledgeViewer) throws -> KnowledgeCatalogProjection.Entry {
        guard viewer.isEditor else { return try readable(key, viewer: viewer) }
        guard let entry = catalog.entry(key) else { throw DomainError.notFound("article") }
        return entry
    }

    /// The revision history, newest first (editors only: drafts may hold text not meant for readers yet).
    public func revisions(_ key: String, viewer: KnowledgeViewer) throws -> [KnowledgeItem.Revision] {
        guard viewer.isEditor else { throw DomainError.notFound("article") }
        let (item, version) = try load(key)
        guard version > 0 else { throw DomainError.notFound("article") }
        return item.revisions.reversed()
    }

    public func revision(_ key: String, number: Int, viewer: KnowledgeViewer) throws -> KnowledgeItem.Revision {
        guard viewer.isEditor else { throw DomainError.notFound("article") }
        guard let revision = try load(key).item.revision(number) else { throw DomainError.notFound("revision") }
        return revision
    }

    /// What changed between two revisions, field by field (the body line by line).
    public func diff(_ key: String, from a: Int, to b: Int, viewer: KnowledgeViewer) throws -> KnowledgeDiff {
        guard viewer.isEditor else { throw DomainError.notFound("article") }
        let item = try load(key).item
        guard let old = item.revision(a) else { throw DomainError.notFound("revision \(a)") }
        guard let new = item.revision(b) else { throw DomainError.notFound("revision \(b)") }
        return KnowledgeDiff(old: old, new: new)
    }
}

/// Two revisions compared: the fields that changed, and the body's lines.
public struct KnowledgeDiff: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var old: String
        public var new: String
    }

    public var from: Int
    public var to: Int
    public var fields: [Field]
    public var body: [TextDiff.Line]

    init(old: KnowledgeItem.Revision, new: KnowledgeItem.Revision) {
        from = old.number
        to = new.number
        let a = old.content, b = new.content
        var changed: [Field] = []
        func compare(_ name: String, _ x: String, _ y: String) { if x != y { changed.append(Field(name: name, old: x, new: y)) } }
        compare("title", a.title, b.title)
        compare("summary", a.summary, b.summary)
        compare("category", a.categoryID, b.categoryID)
        compare("tags", a.tags.joined(separator: ", "), b.tags.joined(separator: ", "))
        compare("audience", a.audience.rawValue, b.audience.rawValue)
        compare("phrasings", a.phrasings.joined(separator: "\n"), b.phrasings.joined(separator: "\n"))
        compare("article", a.articleLink ?? "", b.articleLink ?? "")
        compare("order", String(a.order), String(b.order))
        fields = changed
        body = TextDiff.lines(from: a.body, to: b.body)
    }
}
