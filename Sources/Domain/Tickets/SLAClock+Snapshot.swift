import Foundation

/// The inside of an ``SLAClock`` as plain values, so a read model can store clocks and restore them
/// without folding each ticket's stream again.
extension SLAClock {
    /// One target's clock.
    public struct TrackSnapshot: Sendable, Equatable, Codable {
        /// Working seconds counted before `runningSince`.
        public var elapsed: TimeInterval
        /// Set while the clock runs.
        public var runningSince: Date?
        public var metAt: Date?
        /// Known to be missed (recorded by the reactor, or met late).
        public var breached: Bool
        /// A warning was recorded.
        public var warned: Bool

        public init(elapsed: TimeInterval, runningSince: Date?, metAt: Date?, breached: Bool, warned: Bool) {
            self.elapsed = elapsed
            self.runningSince = runningSince
            self.metAt = metAt
            self.breached = breached
            self.warned = warned
        }
    }

    /// A whole clock; only clocks of opened tickets have one.
    public struct Snapshot: Sendable, Equatable, Codable {
        public var ticketID: UUID
        public var priority: TicketPriority
        public var status: TicketStatus
        public var openedAt: Date
        public var firstResponse: TrackSnapshot
        public var resolution: TrackSnapshot

        public init(ticketID: UUID, priority: TicketPriority, status: TicketStatus, openedAt: Date, firstResponse: TrackSnapshot, resolution: TrackSnapshot) {
            self.ticketID = ticketID
            self.priority = priority
            self.status = status
            self.openedAt = openedAt
            self.firstResponse = firstResponse
            self.resolution = resolution
        }

        public func track(_ target: SLATarget) -> TrackSnapshot {
            switch target {
            case .firstResponse: firstResponse
            case .resolution: resolution
            }
        }
    }

    /// The clock's state; nil before the ticket was opened.
    public var snapshot: Snapshot? {
        guard let ticketID, let openedAt else { return nil }
        func track(_ target: SLATarget) -> TrackSnapshot {
            let t = tracks[target] ?? Track()
            return TrackSnapshot(elapsed: t.elapsed, runningSince: t.runningSince, metAt: t.metAt, breached: t.breached, warned: t.warned)
        }
        return Snapshot(ticketID: ticketID, priority: priority, status: status, openedAt: openedAt,
                        firstResponse: track(.firstResponse), resolution: track(.resolution))
    }

    /// The clock a snapshot was taken of.
    public init(snapshot s: Snapshot) {
        self.init()
        // The identity, priority, status and opening time are only settable by folding events
        // (their setters are private to SLAClock.swift), so they are folded here; the tracks those
        // events start are then replaced by the stored ones.
        let policy = SLAPolicy(calendar: .always)
        apply(TicketOpened(ticketID: s.ticketID, requester: AccountID(s.ticketID), categoryID: "", formVersion: 0, priority: s.priority,
                           attachmentIDs: [], followUpOf: nil, personal: nil), at: s.openedAt, policy: policy)
        if s.status != .new {
            apply(TicketStatusChanged(ticketID: s.ticketID, from: .new, to: s.status, by: nil, role: .system, personal: nil), at: s.openedAt, policy: policy)
        }
        func track(_ t: TrackSnapshot) -> Track {
            Track(elapsed: t.elapsed, runningSince: t.runningSince, metAt: t.metAt, breached: t.breached, warned: t.warned)
        }
        tracks = [.firstResponse: track(s.firstResponse), .resolution: track(s.resolution)]
    }
}
