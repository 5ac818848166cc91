import Domain
import Foundation
import Hummingbird
import Logging
import OIDC

/// "Sign in with …": the browser side of OpenID Connect (authorization code flow with PKCE, `state`
/// and `nonce`). The pending request travels in a sealed, short-lived cookie; the callback checks it
/// against the provider's answer and the ID token; linking to an existing account needs the owner's
/// confirmation on a page of its own.
struct ExternalSignInPages {
    let providers: ExternalProviders
    let pages: PageSupport
    let pendingCookies: SealedCookie
    let linkCookies: SealedCookie
    let logger: Logger

    static let pendingCookie = "portal_oidc"
    static let linkCookie = "portal_oidc_link"

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("signin/oidc/{provider}", use: start)
        router.get("signin/oidc/{provider}/callback", use: callback)
        router.post("signin/oidc/link", use: confirmLink)
    }

    struct Pending: Codable {
        var provider: String
        var authorization: OIDCPendingAuthorization
    }

    struct LinkFields: Decodable, CSRFCarrying { var csrf: String? }

    private func provider(_ context: PortalRequestContext) throws -> ExternalProviders.Provider {
        let name = try context.parameters.require("provider")
        guard let p = providers.providers[name] else { throw ProblemDetails.notFound("No sign-in provider named '\(name)' is set up on this portal.") }
        return p
    }

    @Sendable func start(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let p = try provider(context)
        let authorization: OIDCAuthorizationRequest
        do { authorization = try await p.relyingParty.startAuthorization() } catch {
            logger.error("sign-in with \(p.settings.name) cannot start: \(error)")
            return refused(request, context, "Signing in with \(p.settings.displayName) is not possible right now. Try again later, or sign in with your e-mail address and password.")
        }
        var response = PageSupport.redirect(authorization.url.absoluteString)
        let sealed = try pendingCookies.seal(Pending(provider: p.settings.name, authorization: authorization.pending), expires: Date().addingTimeInterval(600))
        // Lax: the provider sends the browser back with a top-level GET, which must carry it.
        response.setCookie(Cookie(name: Self.pendingCookie, value: sealed, maxAge: 600, path: "/signin/oidc", secure: pages.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func callback(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let p = try provider(context)
        let pending = pendingCookies.open(request.cookies[Self.pendingCookie]?.value, as: Pending.self)
        var response: Response
        do {
            guard let pending, pending.provider == p.settings.name else {
                throw OIDCCallbackRefused(message: "This sign-in was not started here, or took too long. Start again from the sign-in page.")
            }
            let claims: OIDCVerifiedClaims
            do {
                claims = try await p.relyingParty.completeAuthorization(pending.authorization, callback: try OIDCCallback(query: request.uri.query ?? ""))
            } catch {
                logger.warning("sign-in with \(p.settings.name) refused: \(error)")
                throw OIDCCallbackRefused(message: Self.message(for: error, provider: p.settings.displayName))
            }
            switch try await pages.identity.signInWithProvider(p.settings.displayName, claims: claims, client: pages.client(request, context)) {
            case .signedIn(let result):
                response = signedIn(result, request, context)
            case .confirmLink(let link):
                response = pages.render("oidc-link", title: "Link your \(link.provider) sign-in", request: request, context: context,
                                        data: ["provider": link.provider, "email": link.email])
                response.setCookie(Cookie(name: Self.linkCookie, value: try linkCookies.seal(link, expires: Date().addingTimeInterval(600)), maxAge: 600,
                                          path: "/signin/oidc", secure: pages.secureCookies, httpOnly: true, sameSite: .strict))
            case .refused(let message):
                throw OIDCCallbackRefused(message: message)
            }
        } catch let refusal as OIDCCallbackRefused {
            response = refused(request, context, refusal.message)
        } catch is AuthenticationFailed {
            response = refused(request, context, "Your account is locked for a while after failed sign-ins. Try again later, or reset your password.")
        }
        // The pending request is used once, whatever the outcome.
        response.setCookie(Cookie(name: Self.pendingCookie, value: "", maxAge: 0, path: "/signin/oidc", secure: pages.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func confirmLink(_ request: Request, context: PortalRequestContext) async throws -> Response {
        _ = try await pages.form(LinkFields.self, from: request)
        guard let link = linkCookies.open(request.cookies[Self.linkCookie]?.value, as: PendingLink.self) else {
            return refused(request, context, "This link request has expired. Start again from the sign-in page.")
        }
        var response: Response
        do {
            response = signedIn(try await pages.identity.confirmLink(link, client: pages.client(request, context)), request, context)
        } catch is AuthenticationFailed {
            response = refused(request, context, "Your account is locked for a while after failed sign-ins. Try again later, or reset your password.")
        }
        response.setCookie(Cookie(name: Self.linkCookie, value: "", maxAge: 0, path: "/signin/oidc", secure: pages.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    private func signedIn(_ result: SignInResult, _ request: Request, _ context: PortalRequestContext) -> Response {
        switch result {
        case .signedIn(let tokens):
            var response = PageSupport.redirect(tokens.passwordChangeRequired ? "/account/password" : "/account")
            SessionCookie.set(tokens, refreshMaxAge: pages.refreshMaxAge, secure: pages.secureCookies).forEach { response.setCookie($0) }
            return response
        case .secondFactorRequired(let challenge):
            // The challenge cookie is SameSite=Strict, and this answer ends a navigation that began at the
            // provider: a redirect would not carry it. A page of ours, with a link, does.
            var response = pages.render("oidc-continue", title: "One more step", request: request, context: context)
            response.setCookie(SessionCookie.challenge(challenge, secure: pages.secureCookies))
            return response
        }
    }

    private func refused(_ request: Request, _ context: PortalRequestContext, _ message: String) -> Response {
        pages.render("oidc-refused", title: "Sign-in did not work", request: request, context: context, data: ["message": message], status: .badRequest)
    }

    /// What the person reads; the details (which may quote the provider) go to the log only.
    static func message(for error: any Error, provider: String) -> String {
        if let e = error as? OIDCError, case .providerError(let code, _) = e, code == "access_denied" {
            return "You cancelled signing in with \(provider)."
        }
        return "Signing in with \(provider) did not work: the answer could not be verified. Start again from the sign-in page."
    }

    struct OIDCCallbackRefused: Error { var message: String }
}
