import Domain
import EventStore
import Foundation
import Synchronization

/// The SLA clocks of every ticket that can still change, for the SLA reactor (what to record when)
/// and the agents' queue (what is due first).
///
/// Closed tickets keep their stopped clock, because a closed ticket can be reopened within the reopen
/// window and its resolution clock then runs on from where it stopped; an archived ticket can never
/// be reopened, so its clock is dropped. The final readings of archived tickets come from
/// ``TicketTimeline``, which folds the ticket's own stream.
///
/// The clocks count business time of one ``SLAPolicy``; the policy is part of ``version``, so a
/// snapshot folded under another calendar or other targets is discarded and the clocks are rebuilt.
public final class SLAClocksProjection: Projection {
    struct Clocked {
        var clock: SLAClock
        var streamVersion: UInt64
        var assignee: AccountID?
        /// When each running clock is due. They change only with events, so the queue needs no
        /// calendar arithmetic per query.
        var dueFirstResponse: Date?
        var dueResolution: Date?
        /// Missed whatever the time: a recorded breach, or a stopped clock over its allowance.
        var breachedAlready = false
        /// When the reactor next has a warning or a breach to record; nil when nothing is pending.
        var alarm: Date?
    }

    struct State {
        var clocks: [UUID: Clocked] = [:]
        var alarms = SLAAlarmIndex()
    }

    /// Bumped when the folding or the snapshot changes; ``version`` adds the policy's fingerprint.
    static let baseVersion = 1

    public let name = "sla-clocks"
    public let version: Int
    public let eventTypes: Set<String>? = [
        TicketOpened.eventType, TicketCommented.eventType, TicketStatusChanged.eventType, TicketAssigned.eventType,
        TicketPriorityChanged.eventType, SLABreachWarned.eventType, SLABreached.eventType, TicketArchived.eventType,
        // These change no clock, but the reactor appends with the stream's version, so every event
        // on a ticket stream is counted.
        AttachmentAdded.eventType, TicketRated.eventType, SurveyAnswered.eventType, FollowUpRequested.eventType,
    ]
    public let policy: SLAPolicy
    let state = Mutex(State())

    public init(policy: SLAPolicy) {
        self.policy = policy
        version = Self.baseVersion * 1_000_000 + Self.fingerprint(of: policy)
    }

    public func apply(_ event: RecordedEvent) throws {
        let at = event.recordedAt
        let domainEvent = try event.domainEvent()
        switch domainEvent {
        case let e as TicketOpened:
            var clock = SLAClock()
            clock.apply(e, at: at, policy: policy)
            var entry = Clocked(clock: clock, streamVersion: event.streamVersion, assignee: nil)
            refresh(&entry)
            state.withLock { s in
                guard s.clocks[e.ticketID] == nil else { return }
                s.clocks[e.ticketID] = entry
                if let alarm = entry.alarm { s.alarms.push(alarm, e.ticketID) }
            }
        case let e as TicketAssigned:
            update(e.ticketID, event) { $0.assignee = e.agent }
        case let e as TicketArchived:
            state.withLock { s in
                s.clocks[e.ticketID] = nil
                tidy(&s)
            }
        case let e as TicketCommented:
            tick(e.ticketID, domainEvent, event)
        case let e as TicketStatusChanged:
            tick(e.ticketID, domainEvent, event)
        case let e as TicketPriorityChanged:
            tick(e.ticketID, domainEvent, event)
        case let e as SLABreachWarned:
            tick(e.ticketID, domainEvent, event)
        case let e as SLABreached:
            tick(e.ticketID, domainEvent, event)
        case let e as AttachmentAdded:
            update(e.ticketID, event) { _ in }
        case let e as TicketRated:
            update(e.ticketID, event) { _ in }
        case let e as SurveyAnswered:
            update(e.ticketID, event) { _ in }
        case let e as FollowUpRequested:
            update(e.ticketID, event) { _ in }
        default:
            break
        }
    }

    /// Folds an event into a ticket's clock.
    private func tick(_ id: UUID, _ domainEvent: any DomainEvent, _ event: RecordedEvent) {
        update(id, event) { $0.clock.apply(domainEvent, at: event.recordedAt, policy: policy) }
    }

    /// Changes a known ticket, notes the event's stream version, and re-files its alarm if it moved.
    private func update(_ id: UUID, _ event: RecordedEvent, _ change: (inout Clocked) -> Void) {
        state.withLock { s in
            guard var entry = s.clocks.removeValue(forKey: id) else { return }
            let before = entry.clock
            change(&entry)
            entry.streamVersion = event.streamVersion
            if entry.clock != before {
                let oldAlarm = entry.alarm
                refresh(&entry)
                if let alarm = entry.alarm, alarm != oldAlarm { s.alarms.push(alarm, id) }
            }
            s.clocks[id] = entry
            tidy(&s)
        }
    }

    /// Keeps stale alarm entries from piling up.
    private func tidy(_ s: inout State) {
        let clocks = s.clocks
        s.alarms.dropStaleTop { Self.isLive($0, clocks) }
        if s.alarms.count > 2 * clocks.count + 1024 { s.alarms = Self.index(of: clocks) }
    }

    static func isLive(_ entry: SLAAlarmIndex.Entry, _ clocks: [UUID: Clocked]) -> Bool {
        clocks[entry.ticket]?.alarm?.timeIntervalSince1970 == entry.at
    }

    static func index(of clocks: [UUID: Clocked]) -> SLAAlarmIndex {
        SLAAlarmIndex(clocks.compactMap { id, c in c.alarm.map { SLAAlarmIndex.Entry(at: $0.timeIntervalSince1970, ticket: id) } })
    }

    /// Recomputes what the queue and the reactor read from a clock after it changed.
    func refresh(_ entry: inout Clocked) {
        entry.dueFirstResponse = nil
        entry.dueResolution = nil
        entry.breachedAlready = false
        entry.alarm = nil
        guard let snapshot = entry.clock.snapshot else { return }
        for target in SLATarget.allCases {
            let track = snapshot.track(target)
            guard let since = track.runningSince else {
                // Stopped: met, paused or never started; missed if flagged or over its allowance.
                if entry.clock.reading(target, at: snapshot.openedAt, policy: policy).state == .breached { entry.breachedAlready = true }
                continue
            }
            // Read at the moment it started running, which costs no calendar walk: the due and warn
            // moments do not depend on the time of reading.
            let reading = entry.clock.reading(target, at: since, policy: policy)
            if track.breached || reading.remaining < 0 { entry.breachedAlready = true }
            switch target {
            case .firstResponse: entry.dueFirstResponse = reading.dueAt
            case .resolution: entry.dueResolution = reading.dueAt
            }
            guard track.metAt == nil, !track.breached, let next = reading.warnAt ?? reading.dueAt else { continue }
            entry.alarm = min(entry.alarm ?? next, next)
        }
    }

    public func reset() { state.withLock { $0 = State() } }

    /// A stable number below 1,000,000 for a policy: the same policy gives the same number in every
    /// process (no `Hashable`, whose seed changes per run).
    static func fingerprint(of policy: SLAPolicy) -> Int {
        var w = BinarySnapshotWriter(version: 0)
        w.append(policy.calendar.timeZone.identifier)
        for (day, hours) in policy.calendar.weekdays.sorted(by: { $0.key < $1.key }) {
            w.append(Int64(day))
            w.append(Int64(hours.start))
            w.append(Int64(hours.end))
        }
        w.append(UInt32(policy.calendar.holidays.count))
        for day in policy.calendar.holidays.sorted() { w.append(day) }
        for priority in TicketPriority.allCases {
            for target in SLATarget.allCases { w.append(policy.seconds(target, for: priority)) }
        }
        w.append(policy.warnFraction)
        let digest = Sodium.blake2b(w.bytes, outputLength: 16)
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % 1_000_000)
    }
}
