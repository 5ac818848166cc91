import Foundation
import Domain
import Hummingbird

/// Reads `Authorization: Bearer …`, verifies the access token and checks that its account and session
/// are still active. Routes that need a user call ``PortalRequestContext/requireUser()``. The API never
/// accepts the browsers' session cookie, so a third-party page cannot make a browser call it with the
/// customer's credentials (pages use ``PageSessionMiddleware``).
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let tokens: AccessTokens
    let identity: IdentityService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = Self.token(in: request) {
            context.identity = try await Self.authenticate(token, tokens: tokens, identity: identity)
        }
        return try await next(request, context)
    }

    /// The user behind an access token whose session is still active; nil otherwise.
    static func authenticate(_ token: String, tokens: AccessTokens, identity: IdentityService) async throws -> AuthenticatedUser? {
        guard let claims = await tokens.verify(token), let id = AccountID(claims.sub.value), let session = UUID(uuidString: claims.sid),
              try identity.isActive(id), await identity.isSessionActive(session, account: id)
        else { return nil }
        return AuthenticatedUser(accountID: id, sessionID: session, passwordChangeRequired: claims.pcr == true)
    }

    static func token(in request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }
}

extension PortalRequestContext {
    /// The signed-in user, or a 401 problem. A session that must change its password first gets a
    /// 403 problem everywhere except where `allowingPasswordChange` says it may go.
    func requireUser(allowingPasswordChange: Bool = false) throws -> AuthenticatedUser {
        guard let identity else { throw ProblemDetails.unauthorized("Sign in first: send a valid access token as `Authorization: Bearer <token>`.") }
        if identity.passwordChangeRequired && !allowingPasswordChange { throw ProblemDetails.passwordChangeRequired }
        return identity
    }
}
