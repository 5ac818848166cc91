import Domain
import Foundation
import Hummingbird

/// The security log, newest first, a page at a time: `/account/activity?page=N`.
struct ActivityPages {
    let pages: PageSupport
    let securityLog: SecurityLogReader
    static let pageSize = 20

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("account/activity", use: activity)
    }

    @Sendable func activity(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            // A page number that is not a number, or past the end, shows the nearest page there is.
            let asked = request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1
            var page = max(1, asked)
            var log = try await securityLog.page(for: user.accountID, offset: (page - 1) * Self.pageSize, limit: Self.pageSize)
            let last = max(1, (log.total + Self.pageSize - 1) / Self.pageSize)
            if page > last {
                page = last
                log = try await securityLog.page(for: user.accountID, offset: (page - 1) * Self.pageSize, limit: Self.pageSize)
            }
            var data: [String: Any] = [
                "activity": SecurityLogText.rows(log.items, currentDevice: pages.deviceID(request)),
                "empty": log.items.isEmpty, "page": page, "pages": last, "total": log.total,
            ]
            if page > 1 { data["newer"] = ["href": "/account/activity?page=\(page - 1)"] }
            if page < last { data["older"] = ["href": "/account/activity?page=\(page + 1)"] }
            data["paged"] = last > 1
            return pages.render("activity", title: "Security activity", request: request, context: context, data: data, section: .activity)
        }
    }
}
