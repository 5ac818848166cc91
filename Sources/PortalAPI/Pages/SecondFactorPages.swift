import Domain
import Foundation
import Hummingbird

/// The second step of signing in, `/signin/second-factor`: after the right password, a code from
/// the authenticator app (or a recovery code), or the code mailed because the sign-in looked
/// unusual. The challenge travels in the `portal_challenge` cookie that the sign-in form set.
struct SecondFactorPages {
    let pages: PageSupport
    private var identity: IdentityService { pages.identity }
    static let title = "Enter your sign-in code"

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("signin/second-factor", use: form)
        router.post("signin/second-factor", use: complete)
    }

    struct CodeFields: Decodable, CSRFCarrying { var code: String?; var recoveryCode: String?; var csrf: String? }

    @Sendable func form(_ request: Request, context: PortalRequestContext) async throws -> Response {
        guard let pending = pendingSignIn(request) else { return challengeRefused(request, context) }
        let recovery = pending.method == "totp" && request.uri.queryParameters["recovery"] != nil
        return pages.render("second-factor", title: Self.title, request: request, context: context,
                            data: values(pending, recovery: recovery), section: .signIn)
    }

    @Sendable func complete(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await pages.form(CodeFields.self, from: request)
        guard let pending = pendingSignIn(request) else { return challengeRefused(request, context) }
        // The form shows one field at a time; which one was sent says which way the customer chose.
        let recovery = pending.method == "totp" && fields.recoveryCode != nil
        let field = recovery ? "recoveryCode" : "code"
        let typed = ((recovery ? fields.recoveryCode : fields.code) ?? "").trimmingCharacters(in: .whitespaces)
        let form = PageSupport.Form(template: "second-factor", title: Self.title, values: values(pending, recovery: recovery), section: .signIn)
        do {
            return try await pages.submit(form, request: request, context: context) {
                guard !typed.isEmpty else { throw FormRefused([FieldError(field: field, message: Self.emptyMessage(pending, recovery: recovery))]) }
                let tokens: SessionTokens
                do {
                    tokens = try await identity.completeSignIn(challenge: pending.token, code: recovery ? nil : typed, recoveryCode: recovery ? typed : nil,
                                                               deviceName: nil, client: pages.client(request, context))
                } catch is AuthenticationFailed {
                    throw FormRefused([FieldError(field: field, message: Self.wrongMessage(pending, recovery: recovery))], status: .unauthorized)
                }
                var response = PageSupport.redirect(tokens.passwordChangeRequired ? "/account/password" : "/account")
                SessionCookie.set(tokens, refreshMaxAge: pages.refreshMaxAge, secure: pages.secureCookies).forEach { response.setCookie($0) }
                response.setCookie(SessionCookie.clearChallenge(secure: pages.secureCookies))
                return response
            }
        } catch DomainError.rejected(challengeRefusedMessage) {
            return challengeRefused(request, context)
        }
    }

    private func pendingSignIn(_ request: Request) -> PendingSecondFactor? {
        request.cookies[SessionCookie.challengeName].flatMap { PendingSecondFactor(cookieValue: $0.value) }
    }

    private func values(_ pending: PendingSecondFactor, recovery: Bool) -> [String: Any] {
        [
            "totp": pending.method == "totp" && !recovery, "recovery": recovery, "emailCode": pending.method == "emailCode",
            "risky": pending.risky,
        ]
    }

    static func emptyMessage(_ pending: PendingSecondFactor, recovery: Bool) -> String {
        if recovery { return "Enter one of your recovery codes." }
        return pending.method == "emailCode" ? "Enter the six-digit code from the e-mail." : "Enter the six-digit code your app shows."
    }

    /// Wrong, or (for the app) already used: a code works once, so the next one the app shows is needed.
    static func wrongMessage(_ pending: PendingSecondFactor, recovery: Bool) -> String {
        if recovery { return "This recovery code is not right or was already used. Check it and try again, or use another one." }
        if pending.method == "emailCode" { return "This code is not right. Enter the code from the newest e-mail." }
        return "This code is not right or was already used. Enter the code your app shows now (check that your phone’s clock is right)."
    }

    /// No challenge, or one the service no longer accepts: expired, already answered, or never issued.
    private func challengeRefused(_ request: Request, _ context: PortalRequestContext) -> Response {
        var response = pages.render("link-refused", title: "Sign in again", request: request, context: context,
                                    data: ["message": challengeRefusedMessage, "signIn": true], status: .badRequest, section: .signIn)
        if request.cookies[SessionCookie.challengeName] != nil { response.setCookie(SessionCookie.clearChallenge(secure: pages.secureCookies)) }
        return response
    }
}
