import Domain
import Foundation
import Testing

private typealias F = TicketFixtures

/// A ticket's stream with wall-clock times in Berlin, folded into its SLA clocks.
///
/// Every expected moment below is worked out by hand from the office hours (Monday to Friday,
/// 9:00–17:00) and the default targets: urgent 1 h / 8 h, high 4 h / 24 h, normal 8 h / 40 h,
/// low 24 h / 80 h of working time, warnings when 80 % has passed.
private struct SLAScenario {
    var policy: SLAPolicy
    var history: [(event: any DomainEvent, at: Date)] = []

    static let christmas: Set<String> = ["2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01"]
    static let easter: Set<String> = ["2026-04-03", "2026-04-06"]

    static func opened(_ priority: TicketPriority, at time: String, holidays: Set<String> = christmas, warnFraction: Double = 0.8) -> SLAScenario {
        var opened = F.opened
        opened.priority = priority
        let policy = SLAPolicy(calendar: .officeHours(F.berlin, holidays: holidays), warnFraction: warnFraction)
        return SLAScenario(policy: policy, history: [(opened, wallClock(time))])
    }

    func and(_ events: (any DomainEvent)..., at time: String) -> SLAScenario {
        var next = self
        next.history += events.map { ($0, wallClock(time)) }
        return next
    }

    var clock: SLAClock { SLAClock.fold(history, policy: policy) }

    func reading(_ target: SLATarget, at time: String) -> SLAClock.Reading { clock.reading(target, at: wallClock(time), policy: policy) }
    func due(at time: String) -> [any DomainEvent] { clock.due(at: wallClock(time), policy: policy) }

    // What happens to a ticket, as its events.
    static let agentReply = F.comment(by: F.asAgent)
    static let note = F.comment(by: F.asAgent, "Customer is on the old plan.", internal: true)
    static let customerReply = F.comment(by: F.asCustomer, "Here is the log.")
    static func priority(_ from: TicketPriority, _ to: TicketPriority) -> TicketPriorityChanged {
        TicketPriorityChanged(ticketID: F.ticketID, from: from, to: to, by: F.agent)
    }
    static func warned(_ target: SLATarget, due: String) -> SLABreachWarned { SLABreachWarned(ticketID: F.ticketID, target: target, dueAt: wallClock(due)) }
    static func breached(_ target: SLATarget, due: String) -> SLABreached { SLABreached(ticketID: F.ticketID, target: target, dueAt: wallClock(due)) }
}

private typealias S = SLAScenario
private let hour: TimeInterval = 3600

/// What a reading says, compared as a whole.
private struct Seen: Equatable, CustomStringConvertible {
    var state: SLAClock.State
    var dueAt: Date?
    var remaining: TimeInterval
    var allowed: TimeInterval
    var warnAt: Date?
    var metAt: Date?

    init(state: SLAClock.State, dueAt: Date?, remaining: TimeInterval, allowed: TimeInterval, warnAt: Date? = nil, metAt: Date? = nil) {
        self.state = state
        self.dueAt = dueAt
        self.remaining = remaining
        self.allowed = allowed
        self.warnAt = warnAt
        self.metAt = metAt
    }

    init(_ r: SLAClock.Reading) {
        self.init(state: r.state, dueAt: r.dueAt, remaining: r.remaining, allowed: r.allowed, warnAt: r.warnAt, metAt: r.metAt)
    }

    var description: String {
        "\(state) due \(dueAt.map { "\($0)" } ?? "-") remaining \(remaining / 3600) h of \(allowed / 3600) h, warn \(warnAt.map { "\($0)" } ?? "-"), met \(metAt.map { "\($0)" } ?? "-")"
    }
}

@Suite("SLA clocks")
struct SLAClockTests {
    // MARK: Due times

    @Test func bothClocksStartWhenTheTicketOpensAndSkipTheWeekend() {
        // Friday 27 November 15:00, normal: 2 h on Friday, the rest from Monday 9:00.
        let s = S.opened(.normal, at: "2026-11-27 15:00")
        #expect(Seen(s.reading(.firstResponse, at: "2026-11-27 15:00"))
            == Seen(state: .running, dueAt: wallClock("2026-11-30 15:00"), remaining: 8 * hour, allowed: 8 * hour, warnAt: wallClock("2026-11-30 13:24")))
        // 40 h: 2 h Friday, 32 h Monday to Thursday, 6 h on Friday 4 December. The warning after 32 h: Thursday 15:00.
        let resolution = s.reading(.resolution, at: "2026-11-27 15:00")
        #expect(resolution.dueAt == wallClock("2026-12-04 15:00"))
        #expect(resolution.warnAt == wallClock("2026-12-03 15:00"))
        // On Saturday two hours have gone, and no more until Monday.
        #expect(s.reading(.firstResponse, at: "2026-11-28 12:00").remaining == 6 * hour)
        #expect(s.reading(.firstResponse, at: "2026-11-30 08:59").remaining == 6 * hour)
        #expect(s.reading(.firstResponse, at: "2026-11-30 10:00").remaining == 5 * hour)
        #expect(s.clock.readings(at: wallClock("2026-11-28 12:00"), policy: s.policy).map(\.target) == [.firstResponse, .resolution])
    }

    @Test func holidaysDoNotCount() {
        // Wednesday 23 December 14:00, high (4 h / 24 h): 3 h that day; the 24th and 25th are holidays, then the weekend.
        let s = S.opened(.high, at: "2026-12-23 14:00")
        #expect(s.reading(.firstResponse, at: "2026-12-23 14:00").dueAt == wallClock("2026-12-28 10:00"))
        // 24 h: 3 h + 8 h Monday 28 + 8 h Tuesday 29 + 5 h on Wednesday 30.
        #expect(s.reading(.resolution, at: "2026-12-23 14:00").dueAt == wallClock("2026-12-30 14:00"))
        // Over New Year: Wednesday 30 December 10:00, normal: 7 h that day; 31 December and 1 January are holidays.
        let newYear = S.opened(.normal, at: "2026-12-30 10:00")
        #expect(newYear.reading(.firstResponse, at: "2026-12-30 10:00").dueAt == wallClock("2027-01-04 10:00"))
        #expect(newYear.reading(.firstResponse, at: "2027-01-01 12:00").remaining == 1 * hour)
    }

    @Test func aTicketOpenedOutsideOfficeHoursStartsCountingAtNine() {
        let s = S.opened(.urgent, at: "2026-11-28 22:30")  // a Saturday night
        #expect(s.reading(.firstResponse, at: "2026-11-28 22:30").dueAt == wallClock("2026-11-30 10:00"))
        #expect(s.reading(.resolution, at: "2026-11-28 22:30").dueAt == wallClock("2026-11-30 17:00"))
    }

    // MARK: Pending

    @Test func pendingPausesBothClocksAndKeepsWhatIsLeft() {
        // Monday 23 November 9:00, normal; waiting for the customer from 12:00 (3 h counted) until Wednesday 9:00.
        let s = S.opened(.normal, at: "2026-11-23 09:00").and(F.status(.new, .pending), at: "2026-11-23 12:00")
        #expect(Seen(s.reading(.firstResponse, at: "2026-11-24 12:00")) == Seen(state: .paused, dueAt: nil, remaining: 5 * hour, allowed: 8 * hour))
        #expect(s.reading(.resolution, at: "2026-11-24 12:00").state == .paused)
        #expect(s.reading(.resolution, at: "2026-11-24 12:00").remaining == 37 * hour)
        #expect(s.due(at: "2026-11-26 12:00").isEmpty)

        let resumed = s.and(S.customerReply, F.status(.pending, .open, by: F.asCustomer, reason: "The customer replied."), at: "2026-11-25 09:00")
        // 5 h left from Wednesday 9:00; the warning 6 h 24 min into the target, 3 h 24 min after resuming.
        let first = resumed.reading(.firstResponse, at: "2026-11-25 10:00")
        #expect(first.state == .running)
        #expect(first.dueAt == wallClock("2026-11-25 14:00"))
        #expect(first.warnAt == wallClock("2026-11-25 12:24"))
        #expect(first.remaining == 4 * hour)
        // 37 h: Wednesday, Thursday, Friday (24 h), Monday 30 (8 h), 5 h on Tuesday 1 December.
        #expect(resumed.reading(.resolution, at: "2026-11-25 10:00").dueAt == wallClock("2026-12-01 14:00"))
    }

    @Test func aClockPausedPastItsDueTimeIsBreached() {
        let s = S.opened(.urgent, at: "2026-11-23 09:00").and(F.status(.new, .pending), at: "2026-11-23 10:30")
        let first = s.reading(.firstResponse, at: "2026-11-23 11:00")
        #expect(first.state == .breached)
        #expect(first.remaining == -0.5 * hour)
        #expect(s.reading(.resolution, at: "2026-11-23 11:00").state == .paused)
    }

    // MARK: First response

    @Test func theFirstResponseIsMetByAPublicAgentReplyNotByAnInternalNote() {
        let s = S.opened(.normal, at: "2026-11-23 09:00").and(S.note, at: "2026-11-23 10:00")
        #expect(s.reading(.firstResponse, at: "2026-11-23 10:30").state == .running)
        #expect(s.reading(.firstResponse, at: "2026-11-23 10:30").dueAt == wallClock("2026-11-23 17:00"))

        let replied = s.and(S.agentReply, F.status(.new, .open), at: "2026-11-23 11:00")
        #expect(Seen(replied.reading(.firstResponse, at: "2026-11-24 12:00"))
            == Seen(state: .met, dueAt: nil, remaining: 6 * hour, allowed: 8 * hour, metAt: wallClock("2026-11-23 11:00")))
        // The resolution clock runs on: 40 h from Monday 9:00 end on Friday 17:00, the warning at 32 h on Thursday 17:00.
        let resolution = replied.reading(.resolution, at: "2026-11-24 12:00")
        #expect(resolution.state == .running)
        #expect(resolution.dueAt == wallClock("2026-11-27 17:00"))
        #expect(resolution.warnAt == wallClock("2026-11-26 17:00"))
    }

    @Test func aCustomersCommentDoesNotMeetTheFirstResponse() {
        let s = S.opened(.normal, at: "2026-11-23 09:00").and(S.customerReply, at: "2026-11-23 10:00")
        #expect(s.reading(.firstResponse, at: "2026-11-23 11:00").state == .running)
    }

    @Test func solvingWithoutAReplyMeetsBothClocks() {
        let s = S.opened(.normal, at: "2026-11-23 09:00").and(F.status(.new, .solved), at: "2026-11-23 10:00")
        for target in SLATarget.allCases {
            let r = s.reading(target, at: "2026-11-25 10:00")
            #expect(r.state == .met)
            #expect(r.metAt == wallClock("2026-11-23 10:00"))
        }
    }

    @Test func aFirstResponseAtTheDueMinuteIsInTimeAndAfterItIsBreached() {
        let opened = S.opened(.urgent, at: "2026-11-23 09:00")
        #expect(opened.and(S.agentReply, at: "2026-11-23 10:00").reading(.firstResponse, at: "2026-11-23 12:00").state == .met)
        let late = opened.and(S.agentReply, at: "2026-11-23 10:30").reading(.firstResponse, at: "2026-11-23 12:00")
        #expect(late.state == .breached)
        #expect(late.metAt == wallClock("2026-11-23 10:30"))
        #expect(late.remaining == -0.5 * hour)
        // A running clock past its due time reads as breached too.
        #expect(opened.reading(.firstResponse, at: "2026-11-23 10:01").state == .breached)
        #expect(opened.reading(.firstResponse, at: "2026-11-23 10:00").state == .running)
    }

    // MARK: Resolution

    @Test func reopeningResumesTheResolutionClockWithTheTimeAlreadyCounted() {
        // Replied at 9:30, solved on Tuesday 11:00: 8 h + 2 h of the 40 h counted.
        let solved = S.opened(.normal, at: "2026-11-23 09:00")
            .and(S.agentReply, F.status(.new, .open), at: "2026-11-23 09:30")
            .and(F.status(.open, .solved), at: "2026-11-24 11:00")
        let met = solved.reading(.resolution, at: "2026-11-25 12:00")
        #expect(met.state == .met && met.remaining == 30 * hour && met.metAt == wallClock("2026-11-24 11:00"))

        let reopened = solved.and(S.customerReply, F.status(.solved, .open, by: F.asCustomer), at: "2026-11-26 09:00")
        let resolution = reopened.reading(.resolution, at: "2026-11-26 09:00")
        #expect(resolution.state == .running)
        #expect(resolution.remaining == 30 * hour)
        #expect(resolution.metAt == nil)
        // 30 h from Thursday 9:00: Thursday, Friday (16 h), Monday 30 (8 h), 6 h on Tuesday 1 December.
        #expect(resolution.dueAt == wallClock("2026-12-01 15:00"))
        // The first response stays met when it was.
        #expect(reopened.reading(.firstResponse, at: "2026-11-26 09:00").metAt == wallClock("2026-11-23 09:30"))
        // Solved again on Friday 12:00: 10 h + 8 h + 3 h counted.
        let again = reopened.and(F.status(.open, .solved), at: "2026-11-27 12:00").reading(.resolution, at: "2026-11-30 09:00")
        #expect(again.state == .met && again.remaining == 19 * hour)
    }

    @Test func closingASolvedTicketChangesNothing() {
        let solved = S.opened(.normal, at: "2026-11-23 09:00").and(F.status(.new, .solved), at: "2026-11-23 10:00")
        let closed = solved.and(F.status(.solved, .closed, by: nil), at: "2026-11-30 10:00")
        #expect(closed.reading(.resolution, at: "2026-12-01 10:00") == solved.reading(.resolution, at: "2026-12-01 10:00"))
    }

    // MARK: Priority

    @Test func aPriorityChangeMovesTheDueTimeButNotTheTimeCounted() {
        let s = S.opened(.normal, at: "2026-11-23 09:00")
        let urgent = s.and(S.priority(.normal, .urgent), at: "2026-11-23 09:30")
        #expect(urgent.reading(.firstResponse, at: "2026-11-23 09:30").dueAt == wallClock("2026-11-23 10:00"))
        #expect(urgent.reading(.resolution, at: "2026-11-23 09:30").dueAt == wallClock("2026-11-23 17:00"))
        let overdue = urgent.reading(.firstResponse, at: "2026-11-23 10:30")
        #expect(overdue.state == .breached && overdue.remaining == -0.5 * hour && overdue.allowed == 1 * hour)

        // Lowered to low before a breach was recorded: 24 h from Monday 9:00 end on Wednesday 17:00; 80 h on Friday 4 December.
        let low = urgent.and(S.priority(.urgent, .low), at: "2026-11-23 10:30")
        let first = low.reading(.firstResponse, at: "2026-11-23 10:30")
        #expect(first.state == .running)
        #expect(first.dueAt == wallClock("2026-11-25 17:00"))
        #expect(first.remaining == 22.5 * hour)
        #expect(low.reading(.resolution, at: "2026-11-23 10:30").dueAt == wallClock("2026-12-04 17:00"))
    }

    @Test func aPriorityChangeWhilePendingAppliesWhenTheClockResumes() {
        let s = S.opened(.normal, at: "2026-11-23 09:00")
            .and(F.status(.new, .pending), at: "2026-11-23 10:00")
            .and(S.priority(.normal, .high), at: "2026-11-24 10:00")
        #expect(s.reading(.firstResponse, at: "2026-11-24 11:00").remaining == 3 * hour)
        let resumed = s.and(S.customerReply, F.status(.pending, .open, by: F.asCustomer), at: "2026-11-25 15:00")
        // 3 h left from Wednesday 15:00: 2 h that day, 1 h on Thursday.
        #expect(resumed.reading(.firstResponse, at: "2026-11-25 15:00").dueAt == wallClock("2026-11-26 10:00"))
    }

    @Test func aClockMetInTimeStaysMetWhenThePriorityIsRaisedLater() {
        // Replied after 2 h, within the 8 h of a normal ticket; raised to urgent (1 h) afterwards.
        let s = S.opened(.normal, at: "2026-11-23 09:00")
            .and(S.agentReply, F.status(.new, .open), at: "2026-11-23 11:00")
            .and(S.priority(.normal, .urgent), at: "2026-11-23 11:30")
        #expect(s.reading(.firstResponse, at: "2026-11-23 12:00").state == .met)
        #expect(s.due(at: "2026-11-23 12:00").isEmpty)
        // The resolution, still running, is held to the new target: 8 h from 9:00.
        #expect(s.reading(.resolution, at: "2026-11-23 12:00").dueAt == wallClock("2026-11-23 17:00"))
        // And a clock met late stays breached when the priority is lowered later.
        let late = S.opened(.urgent, at: "2026-11-23 09:00")
            .and(S.agentReply, F.status(.new, .open), at: "2026-11-23 11:00")
            .and(S.priority(.urgent, .low), at: "2026-11-23 11:30")
        #expect(late.reading(.firstResponse, at: "2026-11-23 12:00").state == .breached)
    }

    // MARK: Clock changes

    @Test func theWeekendOfTheSpringClockChangeAndEaster() {
        // Friday 27 March 2026 15:00 CET; clocks go forward on Sunday 29 March; Good Friday and Easter Monday are holidays.
        let s = S.opened(.normal, at: "2026-03-27 15:00", holidays: S.easter)
        #expect(s.reading(.firstResponse, at: "2026-03-27 15:00").dueAt == wallClock("2026-03-30 15:00"))
        #expect(s.reading(.firstResponse, at: "2026-03-30 09:00").remaining == 6 * hour)
        // 40 h: 2 h + 32 h (30 March to 2 April); 3 April, the weekend and 6 April off; 6 h on Tuesday 7 April.
        #expect(s.reading(.resolution, at: "2026-03-27 15:00").dueAt == wallClock("2026-04-07 15:00"))
    }

    @Test func theWeekendOfTheAutumnClockChange() {
        // Friday 23 October 2026 15:00 CEST; clocks go back on Sunday 25 October.
        let s = S.opened(.normal, at: "2026-10-23 15:00")
        let first = s.reading(.firstResponse, at: "2026-10-23 15:00")
        #expect(first.dueAt == wallClock("2026-10-26 15:00"))
        #expect(first.warnAt == wallClock("2026-10-26 13:24"))
        #expect(s.reading(.firstResponse, at: "2026-10-26 09:00").remaining == 6 * hour)
    }

    @Test func roundTheClockSupportCountsTheRealLengthOfTheNight() {
        // A 24/7 calendar in Berlin: a high ticket's 24 h end an hour later on the wall clock in spring and an hour earlier in autumn.
        let allDay = BusinessCalendar(timeZone: F.berlin, weekdays: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, BusinessCalendar.Hours(start: 0, end: 1440)) }))
        var opened = F.opened
        opened.priority = .high
        let spring = SLAScenario(policy: SLAPolicy(calendar: allDay), history: [(opened, wallClock("2026-03-28 12:00"))])
        #expect(spring.reading(.resolution, at: "2026-03-28 12:00").dueAt == wallClock("2026-03-29 13:00"))
        let autumn = SLAScenario(policy: SLAPolicy(calendar: allDay), history: [(opened, wallClock("2026-10-24 12:00"))])
        #expect(autumn.reading(.resolution, at: "2026-10-24 12:00").dueAt == wallClock("2026-10-25 11:00"))
    }

    // MARK: Warnings and breaches

    @Test func theWarningComesWhenTheConfiguredShareHasPassed() {
        let half = S.opened(.normal, at: "2026-11-23 09:00", warnFraction: 0.5)
        #expect(half.reading(.firstResponse, at: "2026-11-23 09:00").warnAt == wallClock("2026-11-23 13:00"))
        // 20 h: Monday, Tuesday, 4 h on Wednesday.
        #expect(half.reading(.resolution, at: "2026-11-23 09:00").warnAt == wallClock("2026-11-25 13:00"))
        let late = S.opened(.normal, at: "2026-11-23 09:00", warnFraction: 0.75)
        #expect(late.reading(.firstResponse, at: "2026-11-23 09:00").warnAt == wallClock("2026-11-23 15:00"))
    }

    @Test func theReactorRecordsAWarningThenABreachAndEachOnlyOnce() {
        // Urgent, Monday 9:00: first response due 10:00 (warning at 9:48), resolution due 17:00 (warning at 15:24).
        var s = S.opened(.urgent, at: "2026-11-23 09:00")
        #expect(s.due(at: "2026-11-23 09:47").isEmpty)
        #expect(sameEvents(s.due(at: "2026-11-23 09:48"), [S.warned(.firstResponse, due: "2026-11-23 10:00")]))
        s = s.and(S.warned(.firstResponse, due: "2026-11-23 10:00"), at: "2026-11-23 09:48")
        #expect(s.reading(.firstResponse, at: "2026-11-23 09:50").warnAt == nil)
        #expect(s.due(at: "2026-11-23 09:59").isEmpty)
        // At the due minute the reactor records the breach.
        #expect(sameEvents(s.due(at: "2026-11-23 10:00"), [S.breached(.firstResponse, due: "2026-11-23 10:00")]))
        s = s.and(S.breached(.firstResponse, due: "2026-11-23 10:00"), at: "2026-11-23 10:00")
        #expect(s.due(at: "2026-11-23 10:30").isEmpty)
        #expect(s.reading(.firstResponse, at: "2026-11-23 10:30").state == .breached)
        // A late reply does not undo a recorded breach.
        s = s.and(S.agentReply, F.status(.new, .open), at: "2026-11-23 10:30")
        #expect(s.reading(.firstResponse, at: "2026-11-23 11:00").state == .breached)
        #expect(s.reading(.firstResponse, at: "2026-11-23 11:00").metAt == wallClock("2026-11-23 10:30"))

        #expect(s.due(at: "2026-11-23 15:23").isEmpty)
        #expect(sameEvents(s.due(at: "2026-11-23 15:24"), [S.warned(.resolution, due: "2026-11-23 17:00")]))
        s = s.and(S.warned(.resolution, due: "2026-11-23 17:00"), at: "2026-11-23 15:24")
        #expect(s.due(at: "2026-11-23 16:59").isEmpty)
        #expect(sameEvents(s.due(at: "2026-11-23 17:00"), [S.breached(.resolution, due: "2026-11-23 17:00")]))
        s = s.and(S.breached(.resolution, due: "2026-11-23 17:00"), at: "2026-11-23 17:00")
        #expect(s.due(at: "2026-11-24 12:00").isEmpty)
        #expect(s.due(at: "2026-12-24 12:00").isEmpty)
    }

    @Test func aReactorThatWasAwayRecordsWhatIsDueForBothTargetsAtOnce() {
        let s = S.opened(.urgent, at: "2026-11-23 09:00")
        // At 15:30 the first response is long overdue (only the breach, no belated warning) and the resolution warning is due.
        #expect(sameEvents(s.due(at: "2026-11-23 15:30"), [S.breached(.firstResponse, due: "2026-11-23 10:00"),
                                                            S.warned(.resolution, due: "2026-11-23 17:00")]))
    }

    @Test func nothingIsDueForMetPausedOrUnopenedClocks() {
        let replied = S.opened(.urgent, at: "2026-11-23 09:00").and(S.agentReply, F.status(.new, .open), at: "2026-11-23 09:10")
        #expect(replied.due(at: "2026-11-23 12:00").isEmpty)
        let pending = S.opened(.urgent, at: "2026-11-23 09:00").and(F.status(.new, .pending), at: "2026-11-23 09:30")
        #expect(pending.due(at: "2026-11-30 12:00").isEmpty)
        let solved = S.opened(.urgent, at: "2026-11-23 09:00").and(F.status(.new, .solved), at: "2026-11-23 09:30")
        #expect(solved.due(at: "2026-11-30 12:00").isEmpty)
        let policy = SLAPolicy(calendar: .officeHours(F.berlin))
        #expect(SLAClock().due(at: F.t0, policy: policy).isEmpty)
        #expect(SLAClock().readings(at: F.t0, policy: policy).isEmpty)
        #expect(!SLAClock().isOpen)
    }

    // MARK: Policy

    @Test func theDefaultPolicyIsValid() throws {
        try SLAPolicy(calendar: .officeHours(F.berlin)).check()
        try SLAPolicy(calendar: .always, warnFraction: 0.1).check()
        try SLAPolicy(calendar: .always, warnFraction: 0.99).check()
    }

    func problems(_ policy: SLAPolicy) -> [String] {
        do {
            try policy.check()
            return []
        } catch {
            return invalidFields(error) ?? ["?"]
        }
    }

    @Test func badTargetsAreRefusedByPriority() {
        var missing = SLAPolicy.defaultTargets
        missing[.low] = nil
        #expect(problems(SLAPolicy(calendar: .always, targets: missing)) == ["sla.low"])

        var targets = SLAPolicy.defaultTargets
        targets[.urgent] = .init(firstResponse: 0, resolution: 8 * hour)
        targets[.high] = .init(firstResponse: 4 * hour, resolution: -1)
        targets[.normal] = .init(firstResponse: 9 * hour, resolution: 8 * hour)
        #expect(Set(problems(SLAPolicy(calendar: .always, targets: targets))) == ["sla.urgent", "sla.high", "sla.normal"])
        // Equal targets are allowed.
        targets = SLAPolicy.defaultTargets
        targets[.low] = .init(firstResponse: 8 * hour, resolution: 8 * hour)
        #expect(problems(SLAPolicy(calendar: .always, targets: targets)) == [])
    }

    @Test(arguments: [0, 0.05, 0.995, 1, 1.5, -0.8, Double.nan])
    func aWarningComesBetweenTenAndNinetyNinePercent(fraction: Double) {
        #expect(problems(SLAPolicy(calendar: .always, warnFraction: fraction)) == ["sla.warnFraction"])
    }

    @Test(arguments: [
        [2: BusinessCalendar.Hours(start: 600, end: 540)],
        [2: BusinessCalendar.Hours(start: 540, end: 540)],
        [2: BusinessCalendar.Hours(start: -60, end: 540)],
        [2: BusinessCalendar.Hours(start: 540, end: 1441)],
        [0: BusinessCalendar.Hours.hours(9, 17)],
        [8: BusinessCalendar.Hours.hours(9, 17)],
    ])
    func workingHoursLieWithinADay(weekdays: [Int: BusinessCalendar.Hours]) {
        #expect(problems(SLAPolicy(calendar: BusinessCalendar(timeZone: F.berlin, weekdays: weekdays))) == ["sla.calendar"])
    }

    @Test func aCalendarNeedsAWorkingDay() {
        #expect(problems(SLAPolicy(calendar: BusinessCalendar(timeZone: F.berlin, weekdays: [:]))) == ["sla.calendar"])
        #expect(problems(SLAPolicy(calendar: BusinessCalendar(timeZone: F.berlin, weekdays: [1: .init(start: 0, end: 1440)]))) == [])
    }
}
