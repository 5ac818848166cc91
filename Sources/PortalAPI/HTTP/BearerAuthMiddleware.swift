import Domain
import Hummingbird

/// Reads `Authorization: Bearer …` (API clients) or — on pages only — the session cookie, verifies
/// the access token and checks that its account is still active. Routes that need a user call
/// ``PortalRequestContext/requireUser()``. The API never accepts the cookie, so a third-party page
/// cannot make a browser call it with the customer's credentials.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let tokens: AccessTokens
    let identity: IdentityService
    let acceptsCookie: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = Self.token(in: request, cookie: acceptsCookie), let claims = await tokens.verify(token),
           let id = AccountID(claims.sub.value), try identity.isActive(id) {
            context.identity = AuthenticatedUser(accountID: id, sessionID: claims.sid)
        }
        return try await next(request, context)
    }

    static func token(in request: Request, cookie: Bool) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
            return nil
        }
        return cookie ? request.cookies[SessionCookie.name]?.value : nil
    }
}

extension PortalRequestContext {
    /// The signed-in user, or a 401 problem.
    func requireUser() throws -> AuthenticatedUser {
        guard let identity else { throw ProblemDetails.unauthorized("Sign in first: send a valid access token as `Authorization: Bearer <token>`.") }
        return identity
    }
}
