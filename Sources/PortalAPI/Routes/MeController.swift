import Domain
import Foundation
import Hummingbird

/// `/api/v1/me`: the signed-in customer.
struct MeController {
    let identity: IdentityService
    let securityLog: SecurityLogReader

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: me)
            .get("activity", use: activity)
    }

    @Sendable func me(_ request: Request, context: PortalRequestContext) async throws -> IdentityService.Profile {
        let user = try context.requireUser()
        guard let profile = try identity.profile(user.accountID) else { throw ProblemDetails.unauthorized("This account no longer exists.") }
        return profile
    }

    struct ActivityPage: ResponseEncodable {
        var items: [SecurityLogItem]
        var total: Int
        var offset: Int
        var limit: Int
    }

    @Sendable func activity(_ request: Request, context: PortalRequestContext) async throws -> ActivityPage {
        let user = try context.requireUser()
        let offset = try Paging.int(request, "offset", default: 0, range: 0...1_000_000)
        let limit = try Paging.int(request, "limit", default: 50, range: 1...200)
        let page = try await securityLog.page(for: user.accountID, offset: offset, limit: limit)
        return ActivityPage(items: page.items, total: page.total, offset: offset, limit: limit)
    }
}

/// Paging parameters from the query string, with clear errors.
enum Paging {
    static func int(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = request.uri.queryParameters[name[...]] else { return value }
        guard let n = Int(String(raw)), range.contains(n) else {
            throw ProblemDetails.validation([FieldError(field: name, message: "`\(name)` must be a whole number from \(range.lowerBound) to \(range.upperBound).")])
        }
        return n
    }
}
