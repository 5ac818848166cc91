import Domain
import EventStore
import Foundation
import Synchronization

/// Every tutorial with its current content, status and revisions, as learners and editors see them now.
public final class TutorialCatalogProjection: Projection {
    struct State: Codable {
        var tutorials: [String: Tutorial] = [:]
        var versions: [String: UInt64] = [:]
    }

    public let name = "tutorial-catalog"
    public let version = 1
    public let eventTypes: Set<String>? = [TutorialCreated.eventType, TutorialRevised.eventType, TutorialStatusChanged.eventType]
    private let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        let domain = try event.domainEvent()
        let slug: String
        switch domain {
        case let e as TutorialCreated: slug = e.slug
        case let e as TutorialRevised: slug = e.slug
        case let e as TutorialStatusChanged: slug = e.slug
        default: return
        }
        state.withLock { s in
            s.tutorials[slug] = (s.tutorials[slug] ?? Tutorial()).evolve(domain, at: event.recordedAt)
            s.versions[slug] = event.streamVersion
        }
    }

    /// A tutorial in any status (editors), with its stream version for the next append.
    public func tutorial(_ slug: String) -> (tutorial: Tutorial, version: UInt64)? {
        state.withLock { s in s.tutorials[slug].map { ($0, s.versions[slug] ?? 0) } }
    }

    /// The tutorial when `viewer` may take it (published, audience), else nil — the same answer as "no such tutorial".
    public func readable(_ slug: String, by viewer: KnowledgeViewer) -> Tutorial? {
        state.withLock { $0.tutorials[slug] }.flatMap { $0.isReadable(by: viewer) ? $0 : nil }
    }

    /// Published tutorials `viewer` may take, by title; optionally in one category.
    public func published(for viewer: KnowledgeViewer, category: String? = nil) -> [Tutorial] {
        state.withLock { Array($0.tutorials.values) }
            .filter { $0.isReadable(by: viewer) && (category == nil || $0.content?.categoryID == category) }
            .sorted { ($0.content?.title ?? "") < ($1.content?.title ?? "") }
    }

    /// Every tutorial, for editors, newest change first.
    public func all() -> [Tutorial] {
        state.withLock { Array($0.tutorials.values) }.sorted { ($0.updatedAt ?? .distantPast) > ($1.updatedAt ?? .distantPast) }
    }

    public func snapshot() throws -> [UInt8] { try SnapshotCodec.encode(state.withLock { $0 }, version: version) }

    public func restore(from snapshot: [UInt8]) throws {
        let stored = try SnapshotCodec.decode(State.self, from: snapshot)
        state.withLock { $0 = stored }
    }

    public func reset() { state.withLock { $0 = State() } }
}
