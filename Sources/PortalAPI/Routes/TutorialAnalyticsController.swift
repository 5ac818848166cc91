import Domain
import Foundation
import Hummingbird
import Projections

/// `GET /api/v1/analytics/tutorials`: completion funnels of every tutorial, for analysts and editors.
struct TutorialAnalyticsController {
    let service: TutorialService

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self).get("tutorials", use: funnels)
    }

    struct Funnels: ResponseEncodable { var from: String?; var to: String?; var tutorials: [TutorialFunnel] }

    @Sendable func funnels(_ request: Request, context: PortalRequestContext) async throws -> Funnels {
        let user = try context.requireUser()
        let roles = try service.identity.roles(of: user.accountID)
        guard !roles.isDisjoint(with: [.analyst, .editor, .admin]) else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden, detail: "Tutorial analytics need the analyst or editor role.")
        }
        let period = try Self.period(request)
        let params = request.uri.queryParameters
        return Funnels(from: params["from"].map(String.init), to: params["to"].map(String.init), tutorials: service.funnels(period: period))
    }

    /// `from` and `to` as days (`yyyy-MM-dd`, UTC, both inclusive): learners who started in that period. Neither: all time.
    static func period(_ request: Request) throws -> DateInterval? {
        let params = request.uri.queryParameters
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        var errors: [FieldError] = []
        func day(_ name: String) -> Date? {
            guard let text = params[name[...]].map(String.init) else { return nil }
            guard text.count == 10, let date = f.date(from: text) else {
                errors.append(FieldError(field: name, message: "`\(name)` is a day like 2026-11-01."))
                return nil
            }
            return date
        }
        let from = day("from"), to = day("to")
        if let from, let to, to < from { errors.append(FieldError(field: "to", message: "`to` is on or after `from`.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        if from == nil, to == nil { return nil }
        let start = from ?? .distantPast
        let end = (to ?? Date.distantFuture.addingTimeInterval(-86_400)).addingTimeInterval(86_400)
        return DateInterval(start: start, end: end)
    }
}
