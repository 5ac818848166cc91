import Domain
import EventStore
import Foundation
import Projections
import Synchronization

/// Loads tickets from their streams. Keeps each stream's records (unsealed) in a bounded cache, so a
/// timeline or a decision reads only the events appended since it was last loaded.
final class TicketRepository: Sendable {
    struct Loaded: Sendable {
        var ticket: Ticket
        var version: UInt64
        var records: [RecordedEvent]
    }

    private let store: EventStore
    private let cache = Mutex<[UUID: Loaded]>([:])
    private let capacity: Int

    init(store: EventStore, capacity: Int = 5_000) {
        self.store = store
        self.capacity = capacity
    }

    /// The ticket, its stream version (0 when absent) and its records.
    func load(_ id: UUID) throws -> Loaded {
        var loaded = cache.withLock { $0[id] } ?? Loaded(ticket: Ticket(), version: 0, records: [])
        while true {
            let records = try store.read(stream: Ticket.stream(id), from: loaded.version + 1, limit: 500)
            for record in records {
                loaded.ticket = loaded.ticket.evolve(try record.domainEvent(), at: record.recordedAt)
                loaded.version = record.streamVersion
                loaded.records.append(record)
            }
            if records.count < 500 { break }
        }
        if loaded.version > 0 {
            cache.withLock { c in
                if c.count >= capacity, c[id] == nil, let victim = c.keys.first { c[victim] = nil }
                c[id] = loaded
            }
        }
        return loaded
    }

    /// Forgets the cached records of tickets whose requester was erased (their sealed parts must not
    /// be served from memory).
    func forget(where predicate: (Ticket) -> Bool) {
        cache.withLock { c in c = c.filter { !predicate($0.value.ticket) } }
    }
}
