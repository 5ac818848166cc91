import Domain
import EventStore
import Foundation
import Synchronization

/// The knowledge base as readers and editors see it now: every article and FAQ entry with its current
/// content and status, the category tree, the editors' synonyms, helpful votes, and readers' bookmarks with
/// the significant updates they have not seen.
///
/// Revisions are not kept here: the item's own stream holds them and the revision pages read it.
public final class KnowledgeCatalogProjection: Projection {
    /// One item as listed.
    public struct Entry: Codable, Sendable, Equatable {
        public var kind: KnowledgeKind
        public var slug: String
        public var status: KnowledgeStatus
        public var content: KnowledgeContent
        public var revision: Int
        public var streamVersion: UInt64
        public var createdAt: Date
        public var updatedAt: Date
        public var publishedAt: Date?
        public var helpful: Int
        public var unhelpful: Int

        public var key: String { kind.key(slug) }
        public var votes: Int { helpful + unhelpful }
        /// Helpful share in percent, nil without votes.
        public var helpfulPercent: Int? { votes == 0 ? nil : Int((Double(helpful) * 100 / Double(votes)).rounded()) }
    }

    /// A significant edit of something a reader bookmarked, until they open the item again.
    public struct Update: Codable, Sendable, Equatable {
        public var itemKey: String
        public var revision: Int
        public var at: Date
        public var note: String
    }

    struct State: Codable {
        var items: [String: Entry] = [:]
        var categories: [String: KnowledgeCategory] = [:]
        var categoryVersions: [String: UInt64] = [:]
        var synonyms: [[String]] = []
        var synonymsVersion: UInt64 = 0
        var bookmarks: [String: [String]] = [:]
        var bookmarkVersions: [String: UInt64] = [:]
        var updates: [String: [Update]] = [:]
    }

    public let name = "knowledge-catalog"
    public let version = 1
    public let eventTypes: Set<String>? = [
        KnowledgeItemCreated.eventType, KnowledgeItemRevised.eventType, KnowledgeItemStatusChanged.eventType,
        KnowledgeCategoryCreated.eventType, KnowledgeCategoryChanged.eventType, KnowledgeSynonymsChanged.eventType,
        KnowledgeVoteCast.eventType, BookmarkAdded.eventType, BookmarkRemoved.eventType, KnowledgeItemViewed.eventType,
        TutorialCreated.eventType, TutorialRevised.eventType, TutorialStatusChanged.eventType,
    ]
    /// Unseen updates kept per reader.
    static let maximumUpdates = 100
    let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        // Tutorials are listed and searched like articles.
        let domain = TutorialAsKnowledge.translate(try event.domainEvent())
        let at = event.recordedAt
        state.withLock { s in
            switch domain {
            case let e as KnowledgeItemCreated:
                s.items[e.kind.key(e.slug)] = Entry(kind: e.kind, slug: e.slug, status: .draft, content: e.content, revision: 1, streamVersion: event.streamVersion,
                                                    createdAt: at, updatedAt: at, publishedAt: nil, helpful: 0, unhelpful: 0)
            case let e as KnowledgeItemRevised:
                let key = e.kind.key(e.slug)
                guard var entry = s.items[key] else { return }
                entry.content = e.content
                entry.revision = e.revision
                entry.updatedAt = at
                entry.streamVersion = event.streamVersion
                s.items[key] = entry
                if e.significant, entry.status == .published { notifyBookmarkers(of: key, revision: e.revision, note: e.note, at: at, in: &s) }
            case let e as KnowledgeItemStatusChanged:
                let key = e.kind.key(e.slug)
                guard var entry = s.items[key] else { return }
                entry.status = e.to
                entry.streamVersion = event.streamVersion
                if e.to == .published {
                    entry.publishedAt = entry.publishedAt ?? at
                    entry.updatedAt = at
                }
                s.items[key] = entry
            case let e as KnowledgeCategoryCreated:
                s.categories[e.slug] = KnowledgeCategory(slug: e.slug, name: e.name, description: e.description, parent: e.parent, order: e.order)
                s.categoryVersions[e.slug] = event.streamVersion
            case let e as KnowledgeCategoryChanged:
                s.categories[e.slug] = KnowledgeCategory(slug: e.slug, name: e.name, description: e.description, parent: e.parent, order: e.order)
                s.categoryVersions[e.slug] = event.streamVersion
            case let e as KnowledgeSynonymsChanged:
                s.synonyms = e.groups
                s.synonymsVersion = event.streamVersion
            case let e as KnowledgeVoteCast:
                guard var entry = s.items[e.itemKey] else { return }
                switch e.replaces {
                case true?: entry.helpful -= 1
                case false?: entry.unhelpful -= 1
                case nil: break
                }
                if e.helpful { entry.helpful += 1 } else { entry.unhelpful += 1 }
                s.items[e.itemKey] = entry
            case let e as BookmarkAdded:
                let account = e.account.description
                if !(s.bookmarks[account]?.contains(e.target) ?? false) { s.bookmarks[account, default: []].append(e.target) }
                s.bookmarkVersions[account] = event.streamVersion
            case let e as BookmarkRemoved:
                let account = e.account.description
                s.bookmarks[account]?.removeAll { $0 == e.target }
                if s.bookmarks[account]?.isEmpty == true { s.bookmarks[account] = nil }
                s.updates[account]?.removeAll { $0.itemKey == e.target }
                s.bookmarkVersions[account] = event.streamVersion
            case let e as KnowledgeItemViewed:
                // Reading the item again is seeing the update.
                guard let account = e.visitor?.account?.description, s.updates[account] != nil else { return }
                s.updates[account]?.removeAll { $0.itemKey == e.itemKey }
                if s.updates[account]?.isEmpty == true { s.updates[account] = nil }
            default:
                break
            }
        }
    }

    private func notifyBookmarkers(of key: String, revision: Int, note: String, at: Date, in s: inout State) {
        for (account, targets) in s.bookmarks where targets.contains(key) {
            var list = s.updates[account] ?? []
            list.removeAll { $0.itemKey == key }
            list.append(Update(itemKey: key, revision: revision, at: at, note: note))
            s.updates[account] = Array(list.suffix(Self.maximumUpdates))
        }
    }

    public func snapshot() throws -> [UInt8] { try SnapshotCodec.encode(state.withLock { $0 }, version: version) }

    public func restore(from snapshot: [UInt8]) throws {
        let stored = try SnapshotCodec.decode(State.self, from: snapshot)
        state.withLock { $0 = stored }
    }

    public func reset() { state.withLock { $0 = State() } }
}
