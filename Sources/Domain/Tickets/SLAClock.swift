import Foundation

/// The SLA clocks of one ticket, folded from its events with their times.
///
/// Both clocks count working time of the policy's calendar while the ticket is new or open; they pause
/// while it is pending on the customer and stop when met. The first response is met by the first public
/// reply of an agent (or by solving the ticket); the resolution by solving it, and it runs on again if
/// the ticket is reopened. A change of priority changes the targets, not the time already counted.
public struct SLAClock: Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        /// Counting down.
        case running
        /// Waiting for the customer.
        case paused
        /// Met in time.
        case met
        /// Missed (met late, or still open past the due time).
        case breached
    }

    /// One clock as seen at a moment.
    public struct Reading: Sendable, Equatable {
        public var target: SLATarget
        public var state: State
        /// When it is (or was) due; nil while paused.
        public var dueAt: Date?
        /// Working seconds left (negative when overdue).
        public var remaining: TimeInterval
        /// Working seconds allowed.
        public var allowed: TimeInterval
        /// When a warning is due; nil when paused, met or breached.
        public var warnAt: Date?
        /// When it was met.
        public var metAt: Date?
    }

    struct Track: Sendable, Equatable {
        /// Working seconds counted before `runningSince`.
        var elapsed: TimeInterval = 0
        var runningSince: Date?
        var metAt: Date?
        /// Set once the clock is known to be missed (by the reactor's event or by being met late).
        var breached = false
        var warned = false
    }

    public private(set) var priority = TicketPriority.normal
    public private(set) var status = TicketStatus.new
    public private(set) var openedAt: Date?
    var tracks: [SLATarget: Track] = [.firstResponse: Track(), .resolution: Track()]

    public init() {}

    public var isOpen: Bool { openedAt != nil }

    public mutating func apply(_ event: any DomainEvent, at time: Date, policy: SLAPolicy) {
        switch event {
        case let e as TicketOpened:
            ticketID = e.ticketID
            priority = e.priority
            status = .new
            openedAt = time
            for target in SLATarget.allCases { tracks[target] = Track(runningSince: time) }
        case let e as TicketCommented:
            if e.role == .agent, !e.isInternal { meet(.firstResponse, at: time, policy: policy) }
        case let e as TicketStatusChanged:
            status = e.to
            switch e.to {
            case .new, .open:
                for target in SLATarget.allCases {
                    if target == .resolution { tracks[target]!.metAt = nil }
                    resume(target, at: time)
                }
            case .pending:
                for target in SLATarget.allCases { pause(target, at: time, policy: policy) }
            case .solved, .closed:
                meet(.firstResponse, at: time, policy: policy)
                meet(.resolution, at: time, policy: policy)
            }
        case let e as TicketPriorityChanged:
            priority = e.to
        case let e as SLABreachWarned:
            tracks[e.target]!.warned = true
        case let e as SLABreached:
            tracks[e.target]!.breached = true
        default:
            break
        }
    }

    private mutating func resume(_ target: SLATarget, at time: Date) {
        guard tracks[target]!.metAt == nil, tracks[target]!.runningSince == nil else { return }
        tracks[target]!.runningSince = time
    }

    private mutating func pause(_ target: SLATarget, at time: Date, policy: SLAPolicy) {
        guard var t = tracks[target], let since = t.runningSince else { return }
        t.elapsed += policy.calendar.workingSeconds(from: since, to: time)
        t.runningSince = nil
        if t.elapsed > policy.seconds(target, for: priority) { t.breached = true }
        tracks[target] = t
    }

    private mutating func meet(_ target: SLATarget, at time: Date, policy: SLAPolicy) {
        guard tracks[target]!.metAt == nil else { return }
        pause(target, at: time, policy: policy)
        tracks[target]!.metAt = time
    }

    /// Both clocks as they stand at `now`.
    public func readings(at now: Date, policy: SLAPolicy) -> [Reading] {
        guard openedAt != nil else { return [] }
        return SLATarget.allCases.map { reading($0, at: now, policy: policy) }
    }

    public func reading(_ target: SLATarget, at now: Date, policy: SLAPolicy) -> Reading {
        let t = tracks[target]!
        let allowed = policy.seconds(target, for: priority)
        let left = allowed - t.elapsed
        guard let since = t.runningSince else {
            // A met clock was judged when it was met (`breached` says whether it was late); a later
            // priority change must not turn a reply given in time into a breach, nor a late one into a success.
            let missed = t.breached || (t.metAt == nil && left < 0)
            let state: State = missed ? .breached : (t.metAt != nil ? .met : .paused)
            return Reading(target: target, state: state, dueAt: nil, remaining: left, allowed: allowed, warnAt: nil, metAt: t.metAt)
        }
        let calendar = policy.calendar
        let remaining = left - calendar.workingSeconds(from: since, to: now)
        let due = left >= 0 ? calendar.adding(left, to: since) : since
        let warnLeft = allowed * policy.warnFraction - t.elapsed
        let warnAt = t.warned || t.breached ? nil : (warnLeft > 0 ? calendar.adding(warnLeft, to: since) : since)
        let state: State = t.breached || remaining < 0 ? .breached : .running
        return Reading(target: target, state: state, dueAt: due, remaining: remaining, allowed: allowed, warnAt: warnAt, metAt: nil)
    }

    /// What the SLA reactor should record at `now`: warnings that are due and breaches not yet recorded.
    public func due(at now: Date, policy: SLAPolicy) -> [any DomainEvent] {
        guard let id = ticketID else { return [] }
        var events: [any DomainEvent] = []
        for target in SLATarget.allCases {
            let t = tracks[target]!
            guard t.metAt == nil, !t.breached else { continue }
            let r = reading(target, at: now, policy: policy)
            guard let dueAt = r.dueAt else { continue }
            if r.remaining <= 0, now >= dueAt {
                events.append(SLABreached(ticketID: id, target: target, dueAt: dueAt))
            } else if let warnAt = r.warnAt, now >= warnAt {
                events.append(SLABreachWarned(ticketID: id, target: target, dueAt: dueAt))
            }
        }
        return events
    }

    public private(set) var ticketID: UUID?

    /// Folds a ticket's whole stream.
    public static func fold(_ events: [(event: any DomainEvent, at: Date)], policy: SLAPolicy) -> SLAClock {
        var clock = SLAClock()
        for (event, at) in events { clock.apply(event, at: at, policy: policy) }
        return clock
    }
}
