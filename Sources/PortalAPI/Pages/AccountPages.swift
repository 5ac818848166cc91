import Domain
import Foundation
import Hummingbird

/// The account page: profile, whether the address is verified (and a new link when it is not),
/// the latest security events, and the way to the password, sessions and activity pages.
struct AccountPages {
    let pages: PageSupport
    let securityLog: SecurityLogReader
    private var identity: IdentityService { pages.identity }

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("account", use: account)
        router.post("account/resend-verification", use: resendVerification)
    }

    @Sendable func account(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let query = request.uri.queryParameters
            return try await render(user, request: request, context: context, data: [
                "passwordChanged": query["passwordChanged"] != nil, "verificationSent": query["verificationSent"] != nil,
            ])
        }
    }

    /// Sends a new link to the account's own address; there is no address to type, so nothing to get wrong.
    @Sendable func resendVerification(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            _ = try await pages.form(ButtonForm.self, from: request)
            guard let profile = try identity.profile(user.accountID) else { return PageSupport.redirect("/signin") }
            if profile.emailVerified { return PageSupport.redirect("/account") }
            do {
                try await identity.resendVerification(email: profile.email, client: pages.client(request, context))
            } catch let limited as RateLimited {
                var headers: HTTPFields = [:]
                headers[.retryAfter] = String(limited.retryAfter)
                return try await render(user, request: request, context: context, data: ["rateLimited": ["seconds": limited.retryAfter, "one": limited.retryAfter == 1]],
                                        status: .tooManyRequests, headers: headers)
            }
            return PageSupport.redirect("/account?verificationSent=1")
        }
    }

    private func render(_ user: AuthenticatedUser, request: Request, context: PortalRequestContext, data: [String: Any],
                        status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) async throws -> Response {
        guard let profile = try identity.profile(user.accountID) else { return PageSupport.redirect("/signin") }
        let recent = try await securityLog.page(for: user.accountID, offset: 0, limit: 5)
        var values = data
        values["name"] = profile.name
        values["email"] = profile.email
        values["emailVerified"] = profile.emailVerified
        values["twoFactorEnabled"] = profile.twoFactorEnabled
        values["activity"] = SecurityLogText.rows(recent.items, currentDevice: pages.deviceID(request))
        values["moreActivity"] = recent.total > recent.items.count
        return pages.render("account", title: "Your account", request: request, context: context, data: values,
                            status: status, headers: headers, section: .account)
    }
}
