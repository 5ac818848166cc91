import Domain
import EventStore
import Foundation
import Synchronization

/// Customer satisfaction: each ticket's latest rating (with the agent and category it was given for)
/// and latest detailed survey, aggregated on demand by category, agent or period.
///
/// Per-ticket records rather than running totals, so a changed rating replaces the earlier one in
/// every aggregate. A response belongs to the time of its latest rating. Holds no personal data: the
/// survey's words stay in the sealed stream.
public final class CSATProjection: Projection {
    struct Rated {
        var rating: UInt8
        var agent: AccountID?
        var categoryID: String
        var at: Date
    }

    /// Survey answers, 1–5, 0 for a question left out.
    struct Survey: Equatable {
        var resolution: UInt8
        var agent: UInt8
        var speed: UInt8
    }

    struct State {
        var ratings: [UUID: Rated] = [:]
        var surveys: [UUID: Survey] = [:]
    }

    public let name = "csat"
    public let version = 1
    public let eventTypes: Set<String>? = [TicketRated.eventType, SurveyAnswered.eventType]
    let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        switch event.type {
        case TicketRated.eventType:
            let e = try event.decode(as: TicketRated.self)
            guard (1...5).contains(e.rating) else { return }
            let rated = Rated(rating: UInt8(e.rating), agent: e.agent, categoryID: e.categoryID, at: event.recordedAt)
            state.withLock { $0.ratings[e.ticketID] = rated }
        case SurveyAnswered.eventType:
            let e = try event.decode(as: SurveyAnswered.self)
            let survey = Survey(resolution: Self.score(e.resolution), agent: Self.score(e.agentRating), speed: Self.score(e.speed))
            state.withLock { $0.surveys[e.ticketID] = survey }
        default:
            break
        }
    }

    private static func score(_ value: Int?) -> UInt8 {
        guard let value, (1...5).contains(value) else { return 0 }
        return UInt8(value)
    }

    /// Figures for ratings given in [`from`, `to`), optionally of one category or agent, per group.
    public func report(from: Date?, to: Date?, groupBy: CSATGrouping, categoryID: String?, agent: AccountID?) -> CSATReport {
        var groups: [String: CSATTally] = [:]
        var total = CSATTally()
        state.withLock { s in
            for (ticket, r) in s.ratings {
                if let from, r.at < from { continue }
                if let to, r.at >= to { continue }
                if let categoryID, r.categoryID != categoryID { continue }
                if let agent, r.agent != agent { continue }
                let survey = s.surveys[ticket]
                total.add(rating: Int(r.rating), survey: survey)
                groups[Self.key(r, groupBy), default: CSATTally()].add(rating: Int(r.rating), survey: survey)
            }
        }
        let ordered = groups.sorted { $0.key < $1.key }.map { CSATReport.Group(key: $0.key, figures: $0.value.figures) }
        return CSATReport(grouping: groupBy, groups: ordered, total: total.figures)
    }

    static func key(_ r: Rated, _ grouping: CSATGrouping) -> String {
        switch grouping {
        case .category: r.categoryID
        case .agent: r.agent?.description ?? "unassigned"
        case .day: UTCCalendarDay(r.at).dayKey
        case .week: UTCCalendarDay(r.at).isoWeekKey
        case .month: UTCCalendarDay(r.at).monthKey
        case .none: "all"
        }
    }

    /// Binary: the ratings, then the surveys.
    public func snapshot() throws -> [UInt8] {
        let copy = state.withLock { $0 }
        var w = BinarySnapshotWriter(version: version, capacity: copy.ratings.count * 60 + copy.surveys.count * 20)
        w.append(UInt32(copy.ratings.count))
        for (ticket, r) in copy.ratings {
            w.append(ticket)
            w.append(r.rating)
            w.append(r.agent)
            w.append(r.categoryID)
            w.append(r.at)
        }
        w.append(UInt32(copy.surveys.count))
        for (ticket, s) in copy.surveys {
            w.append(ticket)
            w.append(s.resolution)
            w.append(s.agent)
            w.append(s.speed)
        }
        return w.bytes
    }

    public func restore(from snapshot: [UInt8]) throws {
        var r = BinarySnapshotReader(snapshot)
        var restored = State()
        for _ in 0..<(try r.read(UInt32.self)) {
            let ticket = try r.readUUID()
            let rated = Rated(rating: try r.read(UInt8.self), agent: try r.readOptionalAccount(), categoryID: try r.readString(), at: try r.readDate())
            guard (1...5).contains(rated.rating) else { throw TicketSnapshotError.malformed("a rating of \(rated.rating)") }
            restored.ratings[ticket] = rated
        }
        for _ in 0..<(try r.read(UInt32.self)) {
            let ticket = try r.readUUID()
            let survey = Survey(resolution: try r.read(UInt8.self), agent: try r.read(UInt8.self), speed: try r.read(UInt8.self))
            guard [survey.resolution, survey.agent, survey.speed].allSatisfy({ $0 <= 5 }) else { throw TicketSnapshotError.malformed("a survey answer above 5") }
            restored.surveys[ticket] = survey
        }
        guard r.isAtEnd else { throw TicketSnapshotError.malformed("bytes after the last survey") }
        state.withLock { $0 = restored }
    }

    public func reset() { state.withLock { $0 = State() } }
}
