import Domain
import Foundation

extension SLAClocksProjection {
    /// One ticket in the agents' queue.
    public struct QueueItem: Sendable, Equatable {
        public var ticketID: UUID
        public var priority: TicketPriority
        public var status: TicketStatus
        public var assignee: AccountID?
        /// When the earliest running clock is due; nil when no clock runs (paused or met).
        public var nextDue: Date?
        public var nextTarget: SLATarget?
        /// A target is missed: recorded, or a running clock is past its due time.
        public var breached: Bool
    }

    /// What the SLA reactor must append now, per ticket, with the stream version to expect: warnings
    /// that are due and breaches not yet recorded. Earliest first, at most `limit` tickets. Once the
    /// events are applied, the same tickets are not returned again until their next moment.
    public func dueEvents(at now: Date, limit: Int) -> [(ticketID: UUID, streamVersion: UInt64, events: [any DomainEvent])] {
        guard limit > 0 else { return [] }
        return state.withLock { s in
            var out: [(ticketID: UUID, streamVersion: UInt64, events: [any DomainEvent])] = []
            for entry in s.alarms.due(through: now, isLive: { Self.isLive($0, s.clocks) }) {
                guard let c = s.clocks[entry.ticket] else { continue }
                let events = c.clock.due(at: now, policy: policy)
                guard !events.isEmpty else { continue }
                out.append((entry.ticket, c.streamVersion, events))
                if out.count == limit { break }
            }
            return out
        }
    }

    /// Both clocks of a ticket at `now`; empty for a ticket not held (unknown or archived).
    public func readings(_ id: UUID, at now: Date) -> [SLAClock.Reading] {
        state.withLock { s in s.clocks[id]?.clock.readings(at: now, policy: policy) ?? [] }
    }

    /// A ticket's clock as folded so far.
    public func clock(_ id: UUID) -> SLAClock? { state.withLock { $0.clocks[id]?.clock } }

    /// The stream version of the last event applied for a ticket.
    public func streamVersion(_ id: UUID) -> UInt64? { state.withLock { $0.clocks[id]?.streamVersion } }

    /// The tickets in `statuses` (and of `assignee`: nil any, `.some(nil)` unassigned), ordered by
    /// urgency: first those with a running clock that is missed, then the rest with a running clock,
    /// each by the earliest due time; tickets whose clocks are all paused or met come last. Ties go
    /// to the higher priority, then the ticket id.
    public func queue(at now: Date, assignee: AccountID??, statuses: Set<TicketStatus>, offset: Int, limit: Int) -> (total: Int, items: [QueueItem]) {
        let offset = max(0, offset)
        let limit = min(max(0, limit), TicketQuery.maximumLimit)
        let items: [QueueItem] = state.withLock { s in
            var items: [QueueItem] = []
            for (id, c) in s.clocks where statuses.contains(c.clock.status) {
                if let assignee, c.assignee != assignee { continue }
                var next: (Date, SLATarget)?
                for (due, target) in [(c.dueFirstResponse, SLATarget.firstResponse), (c.dueResolution, .resolution)] {
                    guard let due else { continue }
                    if next == nil || due < next!.0 { next = (due, target) }
                }
                let overdue = [c.dueFirstResponse, c.dueResolution].contains { $0.map { now > $0 } ?? false }
                items.append(QueueItem(ticketID: id, priority: c.clock.priority, status: c.clock.status, assignee: c.assignee,
                                       nextDue: next?.0, nextTarget: next?.1, breached: c.breachedAlready || overdue))
            }
            return items
        }
        let sorted = items.sorted { a, b in
            let ga = Self.group(a), gb = Self.group(b)
            if ga != gb { return ga < gb }
            if let da = a.nextDue, let db = b.nextDue, da != db { return da < db }
            if a.priority != b.priority { return a.priority > b.priority }
            return UUIDOrder.less(a.ticketID, b.ticketID)
        }
        guard offset < sorted.count else { return (sorted.count, []) }
        return (sorted.count, Array(sorted[offset..<min(sorted.count, offset + limit)]))
    }

    private static func group(_ item: QueueItem) -> Int {
        guard item.nextDue != nil else { return 2 }
        return item.breached ? 0 : 1
    }

    /// How many tickets' clocks are held.
    public var count: Int { state.withLock { $0.clocks.count } }
}
