import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/analytics`: figures for analysts (and admins).
struct AnalyticsController {
    let service: TicketService

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get("csat", use: csat)
    }

    /// `from`, `to` (days, inclusive), `by` (category, agent, day, week, month, none), `category`, `agent`.
    @Sendable func csat(_ request: Request, context: PortalRequestContext) async throws -> CSATReports.Report {
        let user = try context.requireUser()
        let roles = try service.identity.roles(of: user.accountID)
        guard roles.contains(.analyst) || roles.contains(.admin) else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                 detail: "Analytics need the analyst or admin role (granted with `portalctl accounts grant-role ACCOUNT analyst`).")
        }
        let params = request.uri.queryParameters
        var errors: [FieldError] = []
        func day(_ name: String) -> Date? {
            guard let raw = params[name[...]], !raw.isEmpty else { return nil }
            guard let d = CSATReports.day(String(raw)) else {
                errors.append(FieldError(field: name, message: "`\(name)` must be a date like 2026-11-25."))
                return nil
            }
            return d
        }
        let from = day("from"), to = day("to")
        let by = params["by"].map(String.init) ?? "category"
        if !CSATReports.groupings.contains(by) { errors.append(FieldError(field: "by", message: "`by` is one of \(CSATReports.groupings.joined(separator: ", ")).")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        _ = await service.runner.waitUntil(service.store.lastPosition, projections: [service.csat.name], timeout: .seconds(2))
        return try CSATReports.report(service.csat, from: from, to: to.map { $0.addingTimeInterval(86400) }, groupBy: by,
                                      category: params["category"].map(String.init), agent: params["agent"].map(String.init))
    }
}

/// The CSAT report for the API and `portalctl analytics csat`.
public enum CSATReports {
    public static let groupings = CSATGrouping.allCases.map(\.rawValue)

    public struct Figures: Codable, Sendable {
        public var responses: Int
        /// Ratings of 1 … 5.
        public var distribution: [Int]
        public var average: Double?
        /// Share of 4 and 5, in percent.
        public var csat: Double?
        public var surveyResponses: Int
        public var resolutionAverage: Double?
        public var agentAverage: Double?
        public var speedAverage: Double?

        init(_ f: CSATFigures) {
            responses = f.responses
            distribution = f.distribution
            average = f.average.map(Self.round)
            csat = f.csat.map(Self.round)
            surveyResponses = f.surveyResponses
            resolutionAverage = f.resolutionAverage.map(Self.round)
            agentAverage = f.agentAverage.map(Self.round)
            speedAverage = f.speedAverage.map(Self.round)
        }

        static func round(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    }

    public struct Group: Codable, Sendable {
        public var key: String
        public var figures: Figures
    }

    public struct Report: Codable, Sendable, ResponseEncodable {
        public var groupBy: String
        public var from: Date?
        /// Exclusive.
        public var to: Date?
        public var groups: [Group]
        public var total: Figures
    }

    /// `to` is exclusive.
    static func report(_ projection: CSATProjection, from: Date?, to: Date?, groupBy: String, category: String?, agent: String?) throws -> Report {
        guard let grouping = CSATGrouping(rawValue: groupBy) else { throw FieldError(field: "by", message: "`by` is one of \(groupings.joined(separator: ", ")).") }
        let agentID = try agent.flatMap { raw -> AccountID? in
            guard let id = AccountID(raw) else { throw FieldError(field: "agent", message: "`agent` must be an account id.") }
            return id
        }
        let r = projection.report(from: from, to: to, groupBy: grouping, categoryID: category.flatMap { $0.isEmpty ? nil : $0 }, agent: agentID)
        return Report(groupBy: grouping.rawValue, from: from, to: to, groups: r.groups.map { Group(key: $0.key, figures: Figures($0.figures)) }, total: Figures(r.total))
    }

    /// The report as a table for the terminal.
    static func text(_ r: Report) -> String {
        func line(_ key: String, _ f: Figures) -> String {
            let pad = key.padding(toLength: max(12, key.count), withPad: " ", startingAt: 0)
            return "\(pad)  \(String(format: "%5d", f.responses))  \(f.average.map { String(format: "%4.2f", $0) } ?? "   -")  "
                + "\(f.csat.map { String(format: "%5.1f %%", $0) } ?? "     -")  \(f.distribution.map(String.init).joined(separator: "/"))"
        }
        guard r.total.responses > 0 else { return "no ratings in this period" }
        var lines = ["\(r.groupBy.padding(toLength: 12, withPad: " ", startingAt: 0))  rated  mean   CSAT    1/2/3/4/5"]
        lines += r.groups.map { line($0.key, $0.figures) }
        lines.append(line("total", r.total))
        return lines.joined(separator: "\n")
    }

    public static func day(_ text: String) -> Date? { TicketQuery.day(text) }
}
