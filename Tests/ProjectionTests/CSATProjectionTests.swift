import Domain
import EventStore
import Foundation
import Projections
import Testing

/// CSAT figures from ratings and surveys recorded at dates the test sets (UTC).
@Suite("CSAT projection")
struct CSATProjectionTests {
    /// Sunday 2025-12-28 10:00 UTC (ISO week 2025-W52).
    static let sunday = Date(timeIntervalSince1970: 1_766_916_000)
    let ann = IDs.account(1)
    let x = IDs.agent, y = IDs.otherAgent

    /// Ticket 1 (billing, agent X) rated 2 on Sunday then 5 on Monday; ticket 2 (billing, Y) 3 on
    /// Monday; ticket 3 (tech, X) 4 and ticket 4 (tech, unassigned) 1 a week later.
    func ratings(_ script: TicketScript) async throws {
        let t = (1...4).map(IDs.ticket)
        for ticket in t { try await script.open(ticket, by: ann, subject: "Question") }
        try await script.rate(t[0], 2, agent: x, category: "billing")
        try await script.survey(t[0], resolution: 5, agentRating: 4, speed: nil)
        script.advance(86400)
        try await script.rate(t[0], 5, agent: x, category: "billing")
        try await script.survey(t[0], resolution: 4, agentRating: 4, speed: 3)
        try await script.rate(t[1], 3, agent: y, category: "billing")
        script.advance(7 * 86400)
        try await script.rate(t[2], 4, agent: x, category: "tech")
        try await script.survey(t[2], resolution: 2, agentRating: nil, speed: 5, comment: "Slow but fixed")
        script.advance(3600)
        try await script.rate(t[3], 1, agent: nil, category: "tech")
        // A rating outside 1…5 never counts.
        try await script.rate(t[3], 9, agent: nil, category: "tech")
    }

    func report(_ p: CSATProjection, _ grouping: CSATGrouping, from: Date? = nil, to: Date? = nil, category: String? = nil,
                agent: AccountID? = nil) -> CSATReport {
        p.report(from: from, to: to, groupBy: grouping, categoryID: category, agent: agent)
    }

    func group(_ r: CSATReport, _ key: String) throws -> CSATFigures { try #require(r.groups.first { $0.key == key }).figures }

    @Test func aLaterRatingReplacesTheEarlierOneEverywhere() async throws {
        let script = try TicketScript(start: Self.sunday)
        try await ratings(script)
        let p = try await script.fold(CSATProjection())
        let total = report(p, .none).total
        #expect(total.responses == 4)
        #expect(total.distribution == [1, 0, 1, 1, 1])
        #expect(total.average == 3.25)
        #expect(total.csat == 50)
        #expect(total.surveyResponses == 2)
        #expect(total.resolutionAverage == 3)
        #expect(total.agentAverage == 4)
        #expect(total.speedAverage == 4)
        #expect(report(p, .none).groups.map(\.key) == ["all"])
        #expect(report(p, .none).groups.first?.figures == total)
    }

    @Test func groupsByCategoryAndAgent() async throws {
        let script = try TicketScript(start: Self.sunday)
        try await ratings(script)
        let p = try await script.fold(CSATProjection())

        let byCategory = report(p, .category)
        #expect(byCategory.groups.map(\.key) == ["billing", "tech"])
        let billing = try group(byCategory, "billing"), tech = try group(byCategory, "tech")
        #expect(billing.responses == 2)
        #expect(billing.average == 4)
        #expect(billing.csat == 50)
        #expect(billing.surveyResponses == 1)
        #expect(billing.resolutionAverage == 4)
        #expect(tech.average == 2.5)
        #expect(tech.agentAverage == nil)
        #expect(tech.speedAverage == 5)
        #expect(byCategory.total == report(p, .none).total)

        let byAgent = report(p, .agent)
        #expect(byAgent.groups.map(\.key) == [x.description, y.description, "unassigned"])
        #expect(try group(byAgent, x.description).average == 4.5)
        #expect(try group(byAgent, x.description).csat == 100)
        #expect(try group(byAgent, y.description).distribution == [0, 0, 1, 0, 0])
        #expect(try group(byAgent, "unassigned").average == 1)

        #expect(report(p, .category, category: "tech").total.responses == 2)
        #expect(report(p, .category, category: "tech").groups.map(\.key) == ["tech"])
        #expect(report(p, .none, agent: x).total.average == 4.5)
        #expect(report(p, .none, category: "none-such").total == CSATFigures())
        #expect(report(p, .none, category: "none-such").total.average == nil)
    }

    @Test func groupsByUTCDayISOWeekAndMonth() async throws {
        let script = try TicketScript(start: Self.sunday)
        try await ratings(script)
        let p = try await script.fold(CSATProjection())

        // Ticket 1's first rating (Sunday) was replaced by Monday's, so Sunday has no group.
        let days = report(p, .day)
        #expect(days.groups.map(\.key) == ["2025-12-29", "2026-01-05"])
        #expect(try group(days, "2025-12-29").responses == 2)
        let weeks = report(p, .week)
        #expect(weeks.groups.map(\.key) == ["2026-W01", "2026-W02"])
        #expect(try group(weeks, "2026-W02").average == 2.5)
        let months = report(p, .month)
        #expect(months.groups.map(\.key) == ["2025-12", "2026-01"])
        #expect(try group(months, "2025-12").average == 4)
    }

    @Test func isoWeeksAtTheTurnOfTheYear() async throws {
        // Sunday 2021-01-03 belongs to 2020-W53; Monday 2024-12-30 to 2025-W01.
        let script = try TicketScript(start: Date(timeIntervalSince1970: 1_609_675_200))
        for n in 1...2 { try await script.open(IDs.ticket(n), by: ann, subject: "Year end") }
        try await script.rate(IDs.ticket(1), 5)
        script.advance(1_735_560_000 - 1_609_675_200)
        try await script.rate(IDs.ticket(2), 4)
        let p = try await script.fold(CSATProjection())
        #expect(report(p, .week).groups.map(\.key) == ["2020-W53", "2025-W01"])
        #expect(report(p, .day).groups.map(\.key) == ["2021-01-03", "2024-12-30"])
        #expect(report(p, .month).groups.map(\.key) == ["2021-01", "2024-12"])
    }

    @Test func aDateRangeIncludesItsStartAndExcludesItsEnd() async throws {
        let script = try TicketScript(start: Self.sunday)
        try await ratings(script)
        let p = try await script.fold(CSATProjection())
        let weekLater = Self.sunday.addingTimeInterval(8 * 86400)
        #expect(report(p, .none, from: weekLater).total.responses == 2)
        #expect(report(p, .none, to: weekLater).total.responses == 2)
        #expect(report(p, .none, to: weekLater).total.average == 4)
        #expect(report(p, .none, from: Self.sunday, to: Self.sunday.addingTimeInterval(86400)).total.responses == 0)
        #expect(report(p, .none, from: weekLater, to: weekLater.addingTimeInterval(1)).total.responses == 1)
    }

    @Test func aSnapshotRestoresTheSameFigures() async throws {
        let script = try TicketScript(start: Self.sunday)
        try await ratings(script)
        let p = try await script.fold(CSATProjection())
        let restored = CSATProjection()
        try restored.restore(from: p.snapshot())
        for grouping in CSATGrouping.allCases {
            #expect(report(restored, grouping) == report(p, grouping))
        }
        #expect(report(restored, .week, from: Self.sunday.addingTimeInterval(3600)) == report(p, .week, from: Self.sunday.addingTimeInterval(3600)))
        var cut = try p.snapshot()
        cut.removeLast()
        #expect(throws: (any Error).self) { try CSATProjection().restore(from: cut) }
    }
}
