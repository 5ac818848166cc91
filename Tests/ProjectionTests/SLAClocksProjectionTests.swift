import Domain
import EventStore
import Foundation
import Projections
import Testing

/// SLA clocks folded from ticket streams at times the test sets: readings, what the reactor must
/// record and when, the agents' queue, pauses, the policy in the version, snapshots.
@Suite("SLA clocks projection")
struct SLAClocksProjectionTests {
    /// Round-the-clock support, so working seconds are plain seconds.
    static let targets: [TicketPriority: SLAPolicy.Targets] = [
        .urgent: .init(firstResponse: 600, resolution: 3600), .high: .init(firstResponse: 1800, resolution: 7200),
        .normal: .init(firstResponse: 3600, resolution: 14400), .low: .init(firstResponse: 7200, resolution: 28800),
    ]
    let policy = SLAPolicy(calendar: .always, targets: Self.targets, warnFraction: 0.8)
    let ann = IDs.account(1)

    func clocks(_ script: TicketScript, policy: SLAPolicy? = nil) async throws -> SLAClocksProjection {
        try await script.fold(SLAClocksProjection(policy: policy ?? self.policy))
    }

    func reading(_ readings: [SLAClock.Reading], _ target: SLATarget) throws -> SLAClock.Reading {
        try #require(readings.first { $0.target == target })
    }

    @Test func readingsFollowTheTicket() async throws {
        let script = try TicketScript()
        let t0 = script.now, t = IDs.ticket(1)
        try await script.open(t, by: ann, subject: "Printer jams")
        var p = try await clocks(script)
        var fr = try reading(p.readings(t, at: t0 + 1800), .firstResponse)
        #expect(fr.state == .running)
        #expect(fr.remaining == 1800)
        #expect(fr.allowed == 3600)
        #expect(fr.dueAt == t0 + 3600)
        #expect(fr.warnAt == t0 + 2880)
        let res = try reading(p.readings(t, at: t0 + 1800), .resolution)
        #expect(res.dueAt == t0 + 14400)
        #expect(res.remaining == 12600)

        script.advance(1200)
        try await script.reply(t)
        try await script.status(t, .open)
        p = try await clocks(script)
        fr = try reading(p.readings(t, at: t0 + 5000), .firstResponse)
        #expect(fr.state == .met)
        #expect(fr.metAt == t0 + 1200)
        #expect(fr.remaining == 2400)
        #expect(fr.dueAt == nil)
        #expect(try reading(p.readings(t, at: t0 + 5000), .resolution).remaining == 9400)
        #expect(p.readings(IDs.ticket(2), at: t0).isEmpty)
        #expect(p.streamVersion(t) == 3)
    }

    @Test func dueEventsGiveTheWarningThenTheBreachThenNothing() async throws {
        let script = try TicketScript()
        let t0 = script.now, t1 = IDs.ticket(1), t2 = IDs.ticket(2)
        try await script.open(t1, by: ann, subject: "Normal")
        try await script.open(t2, by: ann, subject: "Low", priority: .low)
        var p = try await clocks(script)
        #expect(p.dueEvents(at: t0 + 2879, limit: 10).isEmpty)

        var due = p.dueEvents(at: t0 + 2880, limit: 10)
        #expect(due.map(\.ticketID) == [t1])
        #expect(due.first?.streamVersion == 1)
        let warning = try #require(due.first?.events.first as? SLABreachWarned)
        #expect(due.first?.events.count == 1)
        #expect(warning == SLABreachWarned(ticketID: t1, target: .firstResponse, dueAt: t0 + 3600))

        script.advance(2880)
        try await script.append(warning, ticket: t1)
        p = try await clocks(script)
        #expect(p.dueEvents(at: t0 + 2880, limit: 10).isEmpty)
        #expect(p.dueEvents(at: t0 + 3599, limit: 10).isEmpty)

        due = p.dueEvents(at: t0 + 3600, limit: 10)
        #expect(due.map(\.ticketID) == [t1])
        #expect(due.first?.streamVersion == 2)
        let breach = try #require(due.first?.events.first as? SLABreached)
        #expect(breach == SLABreached(ticketID: t1, target: .firstResponse, dueAt: t0 + 3600))

        script.advance(720)
        try await script.append(breach, ticket: t1)
        p = try await clocks(script)
        #expect(p.dueEvents(at: t0 + 3600, limit: 10).isEmpty)
        #expect(p.dueEvents(at: t0 + 5759, limit: 10).isEmpty)
        #expect(p.dueEvents(at: t0 + 5760, limit: 10).map(\.ticketID) == [t2])

        // Much later: the low ticket's first response is missed (its warning was never recorded, so
        // the breach comes straight away) and the normal one's resolution warning is due; earliest first.
        due = p.dueEvents(at: t0 + 11520, limit: 10)
        #expect(due.map(\.ticketID) == [t2, t1])
        #expect(due[0].events.map { type(of: $0).eventType } == [SLABreached.eventType])
        #expect((due[1].events.first as? SLABreachWarned)?.target == .resolution)
        #expect(p.dueEvents(at: t0 + 11520, limit: 1).map(\.ticketID) == [t2])
        #expect(p.dueEvents(at: t0 + 11520, limit: 0).isEmpty)
    }

    /// A reactor run against the projection: at each step the index must name exactly the tickets
    /// whose clocks have something due, and once their events are recorded, nothing more.
    @Test func theIndexAgreesWithEveryClockThroughAReactorRun() async throws {
        let script = try TicketScript()
        let tickets = (1...40).map(IDs.ticket)
        for (n, t) in tickets.enumerated() {
            try await script.open(t, by: IDs.account(n % 4 + 1), subject: "Ticket \(n)", priority: TicketPriority.allCases[n % 4])
            if n % 3 == 0 { try await script.reply(t) }
            if n % 5 == 0 { try await script.status(t, .pending) }
            if n % 7 == 0 { try await script.status(t, .solved) }
            script.advance(97)
        }
        var recorded = 0
        for _ in 0..<30 {
            script.advance(1234)
            let now = script.now
            let p = try await clocks(script)
            let due = p.dueEvents(at: now, limit: 1000)
            let expected = Set(tickets.filter { !(p.clock($0)?.due(at: now, policy: policy).isEmpty ?? true) })
            #expect(Set(due.map(\.ticketID)) == expected)
            for item in due {
                #expect(item.streamVersion == p.streamVersion(item.ticketID))
                for event in item.events { try await script.append(event, ticket: item.ticketID) }
                recorded += item.events.count
            }
            if !due.isEmpty { #expect(try await clocks(script).dueEvents(at: now, limit: 1000).isEmpty) }
        }
        #expect(recorded > 20)
        // Every running clock ended up recorded as missed.
        let p = try await clocks(script)
        for t in tickets {
            for r in p.readings(t, at: script.now) where r.state == .breached && r.dueAt != nil {
                #expect(p.clock(t)?.due(at: script.now, policy: policy).isEmpty == true)
            }
        }
    }

    @Test func theQueuePutsMissedFirstThenSoonestThenPausedAndMet() async throws {
        let script = try TicketScript()
        let t0 = script.now
        let (a, b, c, d, e) = (IDs.ticket(1), IDs.ticket(2), IDs.ticket(3), IDs.ticket(4), IDs.ticket(5))
        try await script.open(a, by: ann, subject: "A", priority: .urgent)
        try await script.open(b, by: ann, subject: "B", priority: .normal)
        try await script.open(c, by: ann, subject: "C", priority: .high)
        try await script.open(d, by: ann, subject: "D", priority: .normal)
        try await script.open(e, by: ann, subject: "E", priority: .normal)
        script.advance(100)
        try await script.status(d, .pending)
        script.advance(100)
        try await script.status(e, .solved)
        try await script.assign(c, to: IDs.agent)
        var p = try await clocks(script)
        let all: Set<TicketStatus> = [.new, .open, .pending, .solved]
        let now = t0 + 900

        let queue = p.queue(at: now, assignee: nil, statuses: all, offset: 0, limit: 10)
        #expect(queue.total == 5)
        #expect(queue.items.map(\.ticketID) == [a, c, b, d, e])
        #expect(queue.items.map(\.breached) == [true, false, false, false, false])
        #expect(queue.items[0].nextDue == t0 + 600)
        #expect(queue.items[0].nextTarget == .firstResponse)
        #expect(queue.items[0].priority == .urgent)
        #expect(queue.items[1].nextDue == t0 + 1800)
        #expect(queue.items[1].assignee == IDs.agent)
        #expect(queue.items[3].nextDue == nil)
        #expect(queue.items[3].status == .pending)
        #expect(queue.items[4].status == .solved)

        #expect(p.queue(at: now, assignee: .some(IDs.agent), statuses: all, offset: 0, limit: 10).items.map(\.ticketID) == [c])
        #expect(p.queue(at: now, assignee: .some(nil), statuses: all, offset: 0, limit: 10).items.map(\.ticketID) == [a, b, d, e])
        #expect(p.queue(at: now, assignee: nil, statuses: [.pending], offset: 0, limit: 10).items.map(\.ticketID) == [d])
        let page = p.queue(at: now, assignee: nil, statuses: all, offset: 1, limit: 2)
        #expect(page.total == 5)
        #expect(page.items.map(\.ticketID) == [c, b])
        #expect(p.queue(at: now, assignee: nil, statuses: all, offset: -3, limit: -1).items.isEmpty)
        // Before A's first response was due, nothing was missed: soonest first.
        #expect(p.queue(at: t0 + 300, assignee: nil, statuses: all, offset: 0, limit: 10).items.map(\.breached) == [false, false, false, false, false])

        // Once B's first response is met, its resolution is what is due next.
        try await script.reply(b)
        p = try await clocks(script)
        let itemB = try #require(p.queue(at: now, assignee: nil, statuses: all, offset: 0, limit: 10).items.first { $0.ticketID == b })
        #expect(itemB.nextTarget == .resolution)
        #expect(itemB.nextDue == t0 + 14400)
    }

    @Test func pendingPausesBothClocks() async throws {
        let script = try TicketScript()
        let t0 = script.now, t = IDs.ticket(1)
        try await script.open(t, by: ann, subject: "Printer jams")
        script.advance(1000)
        try await script.status(t, .pending)
        var p = try await clocks(script)
        let fr = try reading(p.readings(t, at: t0 + 5000), .firstResponse)
        #expect(fr.state == .paused)
        #expect(fr.remaining == 2600)
        #expect(fr.dueAt == nil)
        #expect(fr.warnAt == nil)
        #expect(try reading(p.readings(t, at: t0 + 5000), .resolution).remaining == 13400)
        #expect(p.dueEvents(at: t0 + 100_000, limit: 10).isEmpty)
        #expect(p.queue(at: t0 + 100_000, assignee: nil, statuses: [.pending], offset: 0, limit: 10).items.first?.breached == false)

        script.advance(5000)
        try await script.comment(t, by: ann, role: .customer, body: "Here is the log.")
        try await script.status(t, .open, by: ann, role: .customer)
        p = try await clocks(script)
        let resumed = try reading(p.readings(t, at: t0 + 6000), .firstResponse)
        #expect(resumed.state == .running)
        #expect(resumed.remaining == 2600)
        #expect(resumed.dueAt == t0 + 8600)
        #expect(resumed.warnAt == t0 + 7880)
        #expect(p.dueEvents(at: t0 + 7879, limit: 10).isEmpty)
        #expect(p.dueEvents(at: t0 + 7880, limit: 10).map(\.ticketID) == [t])
    }

    @Test func closedTicketsKeepTheirClockUntilArchived() async throws {
        let script = try TicketScript()
        let t0 = script.now, t1 = IDs.ticket(1), t2 = IDs.ticket(2)
        try await script.open(t1, by: ann, subject: "Reopened later")
        try await script.open(t2, by: ann, subject: "Archived")
        script.advance(1000)
        for t in [t1, t2] { try await script.status(t, .solved) }
        script.advance(100)
        for t in [t1, t2] { try await script.status(t, .closed) }
        try await script.archive(t2)
        script.advance(900)
        try await script.status(t1, .open, by: ann, role: .customer)
        let p = try await clocks(script)

        #expect(p.count == 1)
        #expect(p.clock(t2) == nil)
        #expect(p.readings(t2, at: t0).isEmpty)
        let res = try reading(p.readings(t1, at: t0 + 2000), .resolution)
        #expect(res.state == .running)
        #expect(res.remaining == 13400)  // only the time before it was solved counts
        #expect(try reading(p.readings(t1, at: t0 + 2000), .firstResponse).state == .met)
    }

    @Test func thePolicyIsPartOfTheVersionSoANewCalendarRebuilds() async throws {
        let office = SLAPolicy(calendar: .officeHours(TimeZone(identifier: "UTC")!), targets: Self.targets, warnFraction: 0.8)
        let v1 = SLAClocksProjection(policy: policy).version
        #expect(SLAClocksProjection(policy: policy).version == v1)
        #expect(v1 / 1_000_000 == 1)
        #expect(SLAClocksProjection(policy: office).version != v1)
        #expect(SLAClocksProjection(policy: SLAPolicy(calendar: .always, targets: Self.targets, warnFraction: 0.7)).version != v1)
        var other = Self.targets
        other[.low] = .init(firstResponse: 7201, resolution: 28800)
        #expect(SLAClocksProjection(policy: SLAPolicy(calendar: .always, targets: other, warnFraction: 0.8)).version != v1)
        let holiday = SLAPolicy(calendar: .officeHours(TimeZone(identifier: "UTC")!, holidays: ["2025-12-25"]), targets: Self.targets)
        #expect(SLAClocksProjection(policy: holiday).version != SLAClocksProjection(policy: office).version)

        // Monday 2025-11-24 16:30 UTC: a normal ticket's hour runs to 17:30 round the clock, but in
        // office hours (9–17) half an hour on Monday and half an hour on Tuesday.
        let script = try TicketScript(start: Date(timeIntervalSince1970: 1_764_001_800))
        let t0 = script.now, t = IDs.ticket(1)
        try await script.open(t, by: ann, subject: "Printer jams")
        let always = try await clocks(script)
        #expect(try reading(always.readings(t, at: t0), .firstResponse).dueAt == t0 + 3600)
        let rebuilt = try await clocks(script, policy: office)  // the stored snapshot has the other version
        #expect(try reading(rebuilt.readings(t, at: t0), .firstResponse).dueAt == t0 + 17 * 3600)
        #expect(throws: (any Error).self) { try SLAClocksProjection(policy: policy).restore(from: rebuilt.snapshot()) }
    }

    @Test func aSnapshotRestoresTheSameClocks() async throws {
        let script = try TicketScript()
        let t0 = script.now
        let tickets = (1...30).map(IDs.ticket)
        for (n, t) in tickets.enumerated() {
            try await script.open(t, by: IDs.account(n % 3 + 1), subject: "Ticket \(n)", priority: TicketPriority.allCases[n % 4])
            if n % 2 == 0 { try await script.reply(t) }
            if n % 3 == 0 { try await script.status(t, .pending) }
            if n % 4 == 0 { try await script.assign(t, to: IDs.agent) }
            if n % 5 == 0 { try await script.status(t, .solved) }
            if n % 10 == 0 { try await script.status(t, .closed) }
            script.advance(300)
        }
        let original = try await clocks(script)
        let restored = SLAClocksProjection(policy: policy)
        try restored.restore(from: original.snapshot())

        #expect(restored.count == original.count)
        for t in tickets {
            #expect(restored.clock(t) == original.clock(t))
            #expect(restored.streamVersion(t) == original.streamVersion(t))
        }
        let all = Set(TicketStatus.allCases)
        for now in stride(from: t0, through: t0 + 40000, by: 3333) {
            for t in tickets { #expect(restored.readings(t, at: now) == original.readings(t, at: now)) }
            #expect(restored.queue(at: now, assignee: nil, statuses: all, offset: 0, limit: 100).items
                == original.queue(at: now, assignee: nil, statuses: all, offset: 0, limit: 100).items)
            let due = { (p: SLAClocksProjection) in p.dueEvents(at: now, limit: 100).map { "\($0.ticketID) \($0.streamVersion) \($0.events.map { type(of: $0).eventType })" } }
            #expect(due(restored) == due(original))
        }
        var cut = try original.snapshot()
        cut.removeLast()
        #expect(throws: (any Error).self) { try SLAClocksProjection(policy: policy).restore(from: cut) }
    }
}
