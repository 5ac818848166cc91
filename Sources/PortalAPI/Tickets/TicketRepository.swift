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
    /// Subjects for ticket lists (a page shows 25; loading 25 whole streams for that is wasteful). A
    /// subject never changes once the ticket is opened. Memory only; erasure clears a requester's.
    private let subjects = Mutex<[UUID: (requester: AccountID, subject: String?)]>([:])
    private let subjectCapacity = 200_000

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

    /// A ticket's subject (nil once its requester is erased), reading only the opening event when the
    /// ticket is not in memory.
    func subject(_ id: UUID) throws -> String? {
        if let known = subjects.withLock({ $0[id] }) { return known.subject }
        let opened: TicketOpened?
        if let cached = cache.withLock({ $0[id] }) {
            opened = try cached.records.first?.domainEvent() as? TicketOpened
        } else {
            opened = try store.read(stream: Ticket.stream(id), from: 1, limit: 1).first?.domainEvent() as? TicketOpened
        }
        guard let opened else { return nil }
        subjects.withLock { s in
            if s.count >= subjectCapacity, let victim = s.keys.first { s[victim] = nil }
            s[id] = (opened.requester, opened.personal?.subject)
        }
        return opened.personal?.subject
    }

    /// Forgets the cached records and subjects of an erased requester's tickets (their sealed parts must
    /// not be served from memory).
    func forget(requester: AccountID) {
        cache.withLock { c in c = c.filter { $0.value.ticket.requester != requester } }
        subjects.withLock { s in s = s.filter { $0.value.requester != requester } }
    }
}
