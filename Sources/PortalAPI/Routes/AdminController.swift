import Domain
import EventStore
import Foundation
import Hummingbird
import Projections

/// `/api/v1/admin`: for accounts with the admin role.
struct AdminController {
    let identity: IdentityService
    let alerts: SecurityAlertsProjection
    let runner: ProjectionRunner
    let store: EventStore

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get("security/alerts", use: securityAlerts)
            .get("security/signals", use: securitySignals)
    }

    @Sendable func securityAlerts(_ request: Request, context: PortalRequestContext) async throws -> SecurityReports.AlertPage {
        try requireAdmin(context)
        let since = try request.uri.queryParameters["since"].map { raw -> Date in
            guard let d = SecurityReports.parseDate(String(raw)) else {
                throw ProblemDetails.validation([FieldError(field: "since", message: "`since` must be an ISO 8601 date like 2026-11-25 or 2026-11-25T14:00:00Z.")])
            }
            return d
        }
        let offset = try Paging.int(request, "offset", default: 0, range: 0...1_000_000)
        let limit = try Paging.int(request, "limit", default: 50, range: 1...500)
        _ = await runner.waitUntil(store.lastPosition, projections: [alerts.name], timeout: .seconds(2))
        return SecurityReports.alerts(alerts, since: since, offset: offset, limit: limit)
    }

    @Sendable func securitySignals(_ request: Request, context: PortalRequestContext) async throws -> SecurityReports.SignalReport {
        try requireAdmin(context)
        let days = try Paging.int(request, "days", default: 30, range: 1...3650)
        _ = await runner.waitUntil(store.lastPosition, projections: [alerts.name], timeout: .seconds(2))
        return SecurityReports.signals(alerts, days: days)
    }

    private func requireAdmin(_ context: PortalRequestContext) throws {
        let user = try context.requireUser()
        guard try identity.roles(of: user.accountID).contains(.admin) else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden, detail: "This needs the admin role (granted with `portalctl accounts grant-role ACCOUNT admin`).")
        }
    }
}

/// The security reports, for the API and `portalctl security`.
public enum SecurityReports {
    public struct AlertItem: Codable, Sendable {
        public var at: Date
        public var kind: String
        public var accountID: String?
        public var signals: [String]
        public var score: Int?
        public var network: String?
        public var accounts: Int?
        public var failures: Int?
        public var throttledUntil: Date?
    }

    public struct AlertPage: Codable, Sendable, ResponseEncodable {
        public var alerts: [AlertItem]
        public var total: Int
    }

    public struct SignalReport: Codable, Sendable, ResponseEncodable {
        public struct Day: Codable, Sendable {
            public var day: String
            public var signInAttempts: Int
            public var suspicious: Int
            public var stuffingSources: Int
            public var signals: [String: Int]
        }
        public var days: [Day]
        public var signInAttempts: Int
        public var suspicious: Int
        /// Per signal: how many sign-in attempts raised it, and that as a share of all attempts.
        public var signals: [String: Int]
        public var rates: [String: Double]
    }

    public static func alerts(_ projection: SecurityAlertsProjection, since: Date?, offset: Int, limit: Int) -> AlertPage {
        let (alerts, total) = projection.alerts(since: since, offset: offset, limit: limit)
        return AlertPage(alerts: alerts.map {
            AlertItem(at: Date(timeIntervalSince1970: Double($0.atMicros) / 1e6), kind: $0.kind.rawValue, accountID: $0.accountID?.description,
                      signals: $0.signals.map(\.rawValue), score: $0.score, network: $0.network, accounts: $0.accounts, failures: $0.failures,
                      throttledUntil: $0.throttledUntil)
        }, total: total)
    }

    public static func signals(_ projection: SecurityAlertsProjection, days: Int, now: Date = Date()) -> SignalReport {
        let list = projection.days(since: now.addingTimeInterval(-Double(days - 1) * 86400))
        var totals: [String: Int] = [:]
        for (_, figures) in list { for (signal, n) in figures.bySignal { totals[signal.rawValue, default: 0] += n } }
        let attempts = list.reduce(0) { $0 + $1.figures.signInAttempts }
        return SignalReport(
            days: list.map { Day(day: $0.day, signInAttempts: $0.figures.signInAttempts, suspicious: $0.figures.suspicious,
                                 stuffingSources: $0.figures.stuffingSources, signals: Dictionary(uniqueKeysWithValues: $0.figures.bySignal.map { ($0.key.rawValue, $0.value) })) },
            signInAttempts: attempts, suspicious: list.reduce(0) { $0 + $1.figures.suspicious }, signals: totals,
            rates: totals.mapValues { attempts == 0 ? 0 : Double($0) / Double(attempts) })
    }

    public static func parseDate(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let d = full.date(from: text) { return d }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}

private typealias Day = SecurityReports.SignalReport.Day
