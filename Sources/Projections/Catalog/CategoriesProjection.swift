import Domain
import EventStore
import Foundation
import Synchronization

/// The ticket categories and their current forms, with each category stream's version (a handful of
/// small records, so the snapshot is plain JSON).
public final class CategoriesProjection: Projection {
    public struct Entry: Sendable, Equatable {
        public var category: Category
        public var streamVersion: UInt64
        public var createdAt: Date
    }

    struct Stored: Codable {
        var id: String
        var name: String
        var description: String
        var schema: FormSchema
        var formVersion: Int
        var retired: Bool
        var streamVersion: UInt64
        var createdAt: Date
        /// Earlier forms, by version, so old tickets can be shown with the labels they were opened with.
        var forms: [Int: FormSchema]
    }

    public let name = "categories"
    public let version = 1
    public let eventTypes: Set<String>? = [CategoryCreated.eventType, CategoryFormChanged.eventType, CategoryRenamed.eventType, CategoryRetired.eventType]
    private let state = Mutex<[String: Stored]>([:])

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        let domain = try event.domainEvent()
        let id: String
        switch domain {
        case let e as CategoryCreated: id = e.categoryID
        case let e as CategoryFormChanged: id = e.categoryID
        case let e as CategoryRenamed: id = e.categoryID
        case let e as CategoryRetired: id = e.categoryID
        default: return
        }
        state.withLock { all in
            var category = all[id].map(Self.category) ?? Category()
            category = category.evolve(domain)
            var forms = all[id]?.forms ?? [:]
            forms[category.formVersion] = category.schema
            all[id] = Stored(id: id, name: category.name, description: category.description, schema: category.schema, formVersion: category.formVersion,
                             retired: category.retired, streamVersion: event.streamVersion, createdAt: all[id]?.createdAt ?? event.recordedAt, forms: forms)
        }
    }

    static func category(_ s: Stored) -> Category {
        var c = Category()
        c.id = s.id
        c.name = s.name
        c.description = s.description
        c.schema = s.schema
        c.formVersion = s.formVersion
        c.retired = s.retired
        return c
    }

    /// One category, retired ones included.
    public func entry(_ id: String) -> Entry? {
        state.withLock { all in all[id].map { Entry(category: Self.category($0), streamVersion: $0.streamVersion, createdAt: $0.createdAt) } }
    }

    /// All categories by name; retired ones only when asked.
    public func all(includingRetired: Bool = false) -> [Entry] {
        state.withLock { all in
            all.values.filter { includingRetired || !$0.retired }
                .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
                .map { Entry(category: Self.category($0), streamVersion: $0.streamVersion, createdAt: $0.createdAt) }
        }
    }

    /// The form a category had at `version` (tickets keep the one they were opened with).
    public func form(_ id: String, version: Int) -> FormSchema? { state.withLock { $0[id]?.forms[version] } }

    public func snapshot() throws -> [UInt8] {
        try SnapshotCodec.encode(state.withLock { Array($0.values).sorted { $0.id < $1.id } }, version: version)
    }

    public func restore(from snapshot: [UInt8]) throws {
        let stored = try SnapshotCodec.decode([Stored].self, from: snapshot)
        state.withLock { $0 = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0) }) }
    }

    public func reset() { state.withLock { $0 = [:] } }
}
