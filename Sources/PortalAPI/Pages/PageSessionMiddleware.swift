import Domain
import Foundation
import Hummingbird

/// Signs browsers in from their session cookies. When the access token has run out but the refresh
/// cookie is still good, it rotates the pair on the way (as an API client would) and sets the new
/// cookies on the answer; when the refresh token is refused, it clears both cookies.
struct PageSessionMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let tokens: AccessTokens
    let identity: IdentityService
    let secureCookies: Bool
    let refreshMaxAge: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let access = request.cookies[SessionCookie.name]?.value,
           let user = try await BearerAuthMiddleware.authenticate(access, tokens: tokens, identity: identity) {
            context.identity = user
            return try await next(request, context)
        }
        guard let refresh = request.cookies[SessionCookie.refreshName]?.value, !refresh.isEmpty else {
            return try await next(request, context)
        }
        var cookies: [Cookie]
        do {
            let fresh = try await identity.refresh(token: refresh, client: ClientContext(request: request, context: context, deviceName: nil))
            context.identity = AuthenticatedUser(accountID: fresh.accountID, sessionID: fresh.sessionID, passwordChangeRequired: fresh.passwordChangeRequired)
            cookies = SessionCookie.set(fresh, refreshMaxAge: refreshMaxAge, secure: secureCookies)
        } catch is AuthenticationFailed {
            cookies = SessionCookie.clear(secure: secureCookies)
        }
        var response = try await next(request, context)
        // A page that set a cookie itself (a new access token after a password change) knows better.
        let setByPage = Set(response.headers[values: .setCookie].compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) })
        cookies.filter { !setByPage.contains($0.name) }.forEach { response.setCookie($0) }
        return response
    }
}
