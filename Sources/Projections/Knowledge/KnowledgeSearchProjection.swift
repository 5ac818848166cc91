import Domain
import EventStore
import Foundation
import Semantics
import Synchronization

/// The word index over the knowledge base's published articles and FAQ entries (``KnowledgeIndex``): titles,
/// phrasings, summaries and bodies (Markdown turned to text), with each item's category path, tags and
/// audience as facets, the editors' synonyms, and view counts that rank suggestions.
///
/// Only published items are in the index; drafts and archived items are kept aside so publishing puts them
/// back without reading the log. The snapshot holds the items, not the index, which is rebuilt on restore
/// (10,000 articles take a few seconds).
///
/// Readers search a copy of the index taken under the lock (a value type: the copy shares storage until
/// the next write), so searches run in parallel and never wait for each other.
public final class KnowledgeSearchProjection: Projection {
    struct Item: Codable, Equatable {
        var kind: KnowledgeKind
        var slug: String
        var status: KnowledgeStatus
        var content: KnowledgeContent
    }

    struct Stored: Codable {
        var items: [String: Item] = [:]
        var categories: [String: KnowledgeCategory] = [:]
        var synonyms: [[String]] = []
        var views: [String: Int] = [:]
    }

    struct State {
        var stored = Stored()
        var index = KnowledgeIndex()
    }

    public let name = "knowledge-search"
    public let version = 1
    public let eventTypes: Set<String>? = [
        KnowledgeItemCreated.eventType, KnowledgeItemRevised.eventType, KnowledgeItemStatusChanged.eventType,
        KnowledgeCategoryCreated.eventType, KnowledgeCategoryChanged.eventType, KnowledgeSynonymsChanged.eventType,
        KnowledgeItemViewed.eventType, TutorialCreated.eventType, TutorialRevised.eventType, TutorialStatusChanged.eventType,
    ]
    /// Markdown to the plain text that is indexed (the portal's renderer; tests may pass the identity).
    public typealias PlainText = @Sendable (String) -> String
    let plainText: PlainText
    let state = Mutex(State())

    public init(plainText: @escaping PlainText) {
        self.plainText = plainText
    }

    public func apply(_ event: RecordedEvent) throws {
        // Tutorials are listed and searched like articles.
        let domain = TutorialAsKnowledge.translate(try event.domainEvent())
        state.withLock { s in
            switch domain {
            case let e as KnowledgeItemCreated:
                put(Item(kind: e.kind, slug: e.slug, status: .draft, content: e.content), in: &s)
            case let e as KnowledgeItemRevised:
                guard var item = s.stored.items[e.kind.key(e.slug)] else { return }
                item.content = e.content
                put(item, in: &s)
            case let e as KnowledgeItemStatusChanged:
                guard var item = s.stored.items[e.kind.key(e.slug)] else { return }
                item.status = e.to
                put(item, in: &s)
            case let e as KnowledgeCategoryCreated:
                s.stored.categories[e.slug] = KnowledgeCategory(slug: e.slug, name: e.name, description: e.description, parent: e.parent, order: e.order)
            case let e as KnowledgeCategoryChanged:
                let moved = s.stored.categories[e.slug]?.parent != e.parent
                s.stored.categories[e.slug] = KnowledgeCategory(slug: e.slug, name: e.name, description: e.description, parent: e.parent, order: e.order)
                // Items below a moved category have a new path.
                if moved {
                    for item in s.stored.items.values where item.status == .published {
                        if KnowledgeCategory.path(item.content.categoryID, tree: s.stored.categories).contains(e.slug) { put(item, in: &s) }
                    }
                }
            case let e as KnowledgeSynonymsChanged:
                s.stored.synonyms = e.groups
                s.index.setSynonyms(e.groups)
            case let e as KnowledgeItemViewed:
                let views = (s.stored.views[e.itemKey] ?? 0) + 1
                s.stored.views[e.itemKey] = views
                if s.index.contains(e.itemKey) { s.index.setPopularity(e.itemKey, log1p(Double(views))) }
            default:
                break
            }
        }
    }

    private func put(_ item: Item, in s: inout State) {
        let key = item.kind.key(item.slug)
        s.stored.items[key] = item
        if item.status == .published {
            s.index.upsert(document(item, tree: s.stored.categories))
            if let views = s.stored.views[key] { s.index.setPopularity(key, log1p(Double(views))) }
        } else {
            s.index.remove(key)
        }
    }

    func document(_ item: Item, tree: [String: KnowledgeCategory]) -> KnowledgeDocument {
        let c = item.content
        return KnowledgeDocument(key: item.kind.key(item.slug), title: c.title, phrasings: c.phrasings, summary: c.summary, body: plainText(c.body),
                                 facets: KnowledgeFacets(kind: item.kind.rawValue, categoryPath: KnowledgeCategory.path(c.categoryID, tree: tree),
                                                         tags: Set(c.tags), audience: c.audience.rawValue))
    }

    /// The index as it is now, to search without holding the lock.
    public var index: KnowledgeIndex { state.withLock { $0.index } }

    public func snapshot() throws -> [UInt8] { try SnapshotCodec.encode(state.withLock { $0.stored }, version: version) }

    public func restore(from snapshot: [UInt8]) throws {
        let stored = try SnapshotCodec.decode(Stored.self, from: snapshot)
        var index = KnowledgeIndex()
        index.setSynonyms(stored.synonyms)
        for item in stored.items.values.sorted(by: { $0.kind.key($0.slug) < $1.kind.key($1.slug) }) where item.status == .published {
            let key = item.kind.key(item.slug)
            index.upsert(document(item, tree: stored.categories))
            if let views = stored.views[key] { index.setPopularity(key, log1p(Double(views))) }
        }
        state.withLock { $0 = State(stored: stored, index: index) }
    }

    public func reset() { state.withLock { $0 = State() } }
}
