import Domain
import Foundation

/// How a CSAT report groups responses. Periods are UTC days, ISO weeks and months.
public enum CSATGrouping: String, Sendable, CaseIterable {
    case category, agent, day, week, month, none
}

/// Satisfaction figures of a set of rated tickets.
public struct CSATFigures: Sendable, Equatable {
    /// Rated tickets (a ticket rated twice counts once, with its latest rating).
    public var responses = 0
    /// How many ratings of 1, 2, 3, 4 and 5 (index 0 is 1).
    public var distribution = [0, 0, 0, 0, 0]
    /// Mean rating; nil without responses.
    public var average: Double?
    /// Share of ratings of 4 or 5, in percent; nil without responses.
    public var csat: Double?
    /// Rated tickets with a detailed survey.
    public var surveyResponses = 0
    /// Means of the survey's answers (each over the surveys that answered it); nil when none did.
    public var resolutionAverage: Double?
    public var agentAverage: Double?
    public var speedAverage: Double?

    public init() {}
}

/// CSAT figures per group, and for all of them together.
public struct CSATReport: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        /// The category id; the agent's account id (`unassigned` for tickets without one); the day
        /// (`yyyy-MM-dd`), ISO week (`yyyy-Www`) or month (`yyyy-MM`); `all` when not grouped.
        public var key: String
        public var figures: CSATFigures
    }

    public var grouping: CSATGrouping
    /// Ordered by key.
    public var groups: [Group]
    public var total: CSATFigures
}

/// Sums from which ``CSATFigures`` are computed.
struct CSATTally {
    var distribution = [0, 0, 0, 0, 0]
    var surveys = 0
    var resolution = (sum: 0, count: 0)
    var agent = (sum: 0, count: 0)
    var speed = (sum: 0, count: 0)

    mutating func add(rating: Int, survey: CSATProjection.Survey?) {
        distribution[rating - 1] += 1
        guard let survey else { return }
        surveys += 1
        if survey.resolution > 0 { resolution = (resolution.sum + Int(survey.resolution), resolution.count + 1) }
        if survey.agent > 0 { agent = (agent.sum + Int(survey.agent), agent.count + 1) }
        if survey.speed > 0 { speed = (speed.sum + Int(survey.speed), speed.count + 1) }
    }

    var figures: CSATFigures {
        var f = CSATFigures()
        f.distribution = distribution
        f.responses = distribution.reduce(0, +)
        if f.responses > 0 {
            let sum = distribution.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
            f.average = Double(sum) / Double(f.responses)
            f.csat = Double(distribution[3] + distribution[4]) * 100 / Double(f.responses)
        }
        f.surveyResponses = surveys
        func mean(_ t: (sum: Int, count: Int)) -> Double? { t.count == 0 ? nil : Double(t.sum) / Double(t.count) }
        f.resolutionAverage = mean(resolution)
        f.agentAverage = mean(agent)
        f.speedAverage = mean(speed)
        return f
    }
}
