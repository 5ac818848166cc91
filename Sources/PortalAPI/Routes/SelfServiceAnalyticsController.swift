import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/analytics/self-service` (analysts, admins, editors) and `/api/v1/kb/low-rated` (editors).
struct SelfServiceAnalyticsController {
    let service: KnowledgeService

    var analyticsRoutes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self).get("self-service", use: report)
    }

    var editorRoutes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self).get("low-rated", use: lowRated)
    }

    /// `from`, `to` (days, inclusive; default the last 30 days), `category` (its subtree).
    @Sendable func report(_ request: Request, context: PortalRequestContext) async throws -> SelfServiceReport {
        let user = try context.requireUser()
        let roles = try service.identity.roles(of: user.accountID)
        guard !roles.isDisjoint(with: [.analyst, .admin, .editor]) else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                 detail: "Self-service analytics need the analyst, editor or admin role (granted with `portalctl accounts grant-role ACCOUNT analyst`).")
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
        if let from, let to, to < from { errors.append(FieldError(field: "to", message: "`to` is on or after `from`.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        guard let report = await SelfServiceReports.report(service, from: from, to: to.map { $0.addingTimeInterval(86400) },
                                                           category: params["category"].map(String.init)) else { throw ProblemDetails.internal }
        return report
    }

    struct LowRatedList: ResponseEncodable { var items: [SelfServiceReports.LowRated] }

    @Sendable func lowRated(_ request: Request, context: PortalRequestContext) async throws -> LowRatedList {
        _ = try service.requireEditor(try context.requireUser().accountID)
        let minimum = request.uri.queryParameters["minVotes"].flatMap { Int(String($0)) } ?? 1
        return LowRatedList(items: await SelfServiceReports.lowRated(service, minimumVotes: max(1, min(minimum, 1000))))
    }
}

extension SelfServiceReport: ResponseEncodable {}
