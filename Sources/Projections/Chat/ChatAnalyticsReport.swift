import Foundation

/// The assistant's figures over a period, with one row per day.
public struct ChatAnalyticsReport: Codable, Sendable, Equatable {
    public struct Totals: Codable, Sendable, Equatable {
        public var conversations: Int
        public var closed: Int
        public var contained: Int
        public var turns: Int
        public var fallbackTurns: Int
        public var knowledgeAnswers: Int
        public var handoffs: Int
        public var handoffsByReason: [String: Int]
        public var pickedUp: Int
        public var tickets: Int
        public var helpful: Int
        public var notHelpful: Int
        /// Closed conversations that ended without a handoff or a ticket, as a share of closed ones (nil: none closed).
        public var containmentRate: Double?
        /// Handoffs per conversation started.
        public var handoffRate: Double?
        /// Turns answered "I'm not sure", as a share of all turns.
        public var fallbackRate: Double?
        /// "Did this help?" answered yes, as a share of answers.
        public var helpfulRate: Double?
        public var medianWaitSeconds: Double?
        public var p90WaitSeconds: Double?
    }

    public struct DayRow: Codable, Sendable, Equatable {
        public var day: String
        public var totals: Totals
    }

    public struct IntentCount: Codable, Sendable, Equatable {
        public var intent: String
        public var turns: Int
    }

    public var totals: Totals
    public var topIntents: [IntentCount]
    public var days: [DayRow]

    init(days: [String: ChatAnalyticsProjection.Day], topIntents: Int) {
        totals = Self.totals(Array(days.values))
        var intents: [String: Int] = [:]
        for d in days.values { intents.merge(d.intents, uniquingKeysWith: +) }
        self.topIntents = intents.map { IntentCount(intent: $0.key, turns: $0.value) }
            .sorted { ($0.turns, $1.intent) > ($1.turns, $0.intent) }.prefix(topIntents).map { $0 }
        self.days = days.keys.sorted().map { DayRow(day: $0, totals: Self.totals([days[$0]!])) }
    }

    static func totals(_ days: [ChatAnalyticsProjection.Day]) -> Totals {
        func sum(_ f: (ChatAnalyticsProjection.Day) -> Int) -> Int { days.reduce(0) { $0 + f($1) } }
        func rate(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
        var reasons: [String: Int] = [:]
        for d in days { reasons.merge(d.handoffs, uniquingKeysWith: +) }
        let waits = days.flatMap(\.waits).sorted()
        func quantile(_ q: Double) -> Double? { waits.isEmpty ? nil : waits[min(waits.count - 1, Int((q * Double(waits.count - 1)).rounded()))] }
        let handoffs = reasons.values.reduce(0, +)
        let (conversations, closed, contained, turns) = (sum(\.conversations), sum(\.closed), sum(\.contained), sum(\.turns))
        let (fallbacks, helpful, notHelpful) = (sum(\.fallbackTurns), sum(\.helpful), sum(\.notHelpful))
        return Totals(conversations: conversations, closed: closed, contained: contained, turns: turns, fallbackTurns: fallbacks,
                      knowledgeAnswers: sum(\.knowledgeAnswers), handoffs: handoffs, handoffsByReason: reasons, pickedUp: sum(\.pickedUp),
                      tickets: sum(\.tickets), helpful: helpful, notHelpful: notHelpful, containmentRate: rate(contained, closed),
                      handoffRate: rate(handoffs, conversations), fallbackRate: rate(fallbacks, turns), helpfulRate: rate(helpful, helpful + notHelpful),
                      medianWaitSeconds: quantile(0.5), p90WaitSeconds: quantile(0.9))
    }
}
