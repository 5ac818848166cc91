import Domain
import Foundation
import Hummingbird

/// `/api/v1/me`: the signed-in customer, their security log and their sessions.
struct MeController {
    let identity: IdentityService
    let securityLog: SecurityLogReader

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: me)
            .get("activity", use: activity)
            .get("sessions", use: sessions)
            .delete("sessions/{id}", use: revoke)
            .post("sessions/revoke-others", use: revokeOthers)
    }

    @Sendable func me(_ request: Request, context: PortalRequestContext) async throws -> IdentityService.Profile {
        let user = try context.requireUser(allowingPasswordChange: true)
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

    struct SessionList: ResponseEncodable {
        var sessions: [SessionInfo]
    }

    @Sendable func sessions(_ request: Request, context: PortalRequestContext) async throws -> SessionList {
        let user = try context.requireUser()
        return SessionList(sessions: try await identity.listSessions(of: user.accountID, current: user.sessionID))
    }

    @Sendable func revoke(_ request: Request, context: PortalRequestContext) async throws -> HTTPResponse.Status {
        let user = try context.requireUser()
        guard let id = UUID(uuidString: try context.parameters.require("id")) else {
            throw ProblemDetails.notFound("No such session.")
        }
        let ended = try await identity.revokeSession(id, of: user.accountID, reason: .revokedByUser, client: ClientContext(request: request, context: context, deviceName: nil))
        // Another customer's session, an unknown one and an ended one look alike.
        guard ended else { throw ProblemDetails.notFound("No such session.") }
        return .noContent
    }

    struct Revoked: ResponseEncodable { var revoked: Int }

    @Sendable func revokeOthers(_ request: Request, context: PortalRequestContext) async throws -> Revoked {
        let user = try context.requireUser()
        let n = try await identity.revokeSessions(of: user.accountID, except: user.sessionID, reason: .revokedWithOthers,
                                                  client: ClientContext(request: request, context: context, deviceName: nil), actor: user.accountID.description)
        return Revoked(revoked: n)
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
