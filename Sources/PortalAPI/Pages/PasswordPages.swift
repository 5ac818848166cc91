import Domain
import Foundation
import Hummingbird

/// Forgotten passwords, reset links and changing the password. The reset link's path,
/// `/reset-password?token=…`, is the one the outbox puts into its mail.
struct PasswordPages {
    let pages: PageSupport
    private var identity: IdentityService { pages.identity }
    static let scripts = ["password-strength.js"]

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("forgot-password", use: forgotForm)
        router.post("forgot-password", use: forgot)
        router.get("reset-password", use: resetForm)
        router.post("reset-password", use: reset)
        router.get("account/password", use: changeForm)
        router.post("account/password", use: change)
    }

    struct ForgotFields: Decodable, CSRFCarrying { var email: String?; var csrf: String?; var captcha: String? }
    struct ResetFields: Decodable, CSRFCarrying { var token: String?; var newPassword: String?; var confirmPassword: String?; var csrf: String? }
    struct ChangeFields: Decodable, CSRFCarrying {
        var currentPassword: String?; var newPassword: String?; var confirmPassword: String?; var csrf: String?
    }

    // MARK: Forgotten password

    @Sendable func forgotForm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let sent = request.uri.queryParameters["sent"] != nil
        return pages.renderForm("forgot-password", title: "Forgot your password?", request: request, context: context, data: ["sent": sent],
                                captcha: !sent)
    }

    /// Answers the same way whether or not the address has an account (the service takes the same time too).
    @Sendable func forgot(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await pages.form(ForgotFields.self, from: request)
        let email = fields.email ?? ""
        let form = PageSupport.Form(template: "forgot-password", title: "Forgot your password?", values: ["email": email], captcha: true)
        return try await pages.submit(form, request: request, context: context) {
            try await identity.forgotPassword(email: email, captcha: fields.captcha, client: pages.client(request, context))
            return PageSupport.redirect("/forgot-password?sent=1")
        }
    }

    // MARK: Reset link

    @Sendable func resetForm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        // Checked without being used: a dead link is refused before anyone types a new password.
        do { try identity.checkResetLink(token: token) } catch is DomainError { return linkRefused(request, context) }
        return pages.render("reset-password", title: "Choose a new password", request: request, context: context,
                            data: ["token": token, "policy": passwordPolicyValues(identity.policy)], scripts: Self.scripts)
    }

    @Sendable func reset(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await pages.form(ResetFields.self, from: request)
        let token = fields.token ?? "", new = fields.newPassword ?? ""
        let form = PageSupport.Form(template: "reset-password", title: "Choose a new password",
                                    values: ["token": token, "policy": passwordPolicyValues(identity.policy)], scripts: Self.scripts)
        do {
            return try await pages.submit(form, request: request, context: context) {
                try Self.checkNewPassword(new, confirmation: fields.confirmPassword ?? "")
                try await identity.resetPassword(token: token, newPassword: new, client: pages.client(request, context))
                // Every session ended with the reset, this browser's too.
                var response = PageSupport.redirect("/signin?reset=1")
                SessionCookie.clear(secure: pages.secureCookies).forEach { response.setCookie($0) }
                return response
            }
        } catch DomainError.rejected(linkRefusedMessage) {
            return linkRefused(request, context)
        }
    }

    private func linkRefused(_ request: Request, _ context: PortalRequestContext) -> Response {
        pages.render("link-refused", title: "This link cannot be used", request: request, context: context,
                     data: ["message": linkRefusedMessage, "reset": true], status: .badRequest)
    }

    // MARK: Changing the password

    @Sendable func changeForm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context, allowingPasswordChange: true) { user in
            pages.render("change-password", title: "Change your password", request: request, context: context,
                         data: try changeValues(user), scripts: Self.scripts)
        }
    }

    /// After the change the session goes on: it gets an access token without the "change the
    /// password first" mark at once (rather than when the next one is issued).
    @Sendable func change(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context, allowingPasswordChange: true) { user in
            let fields = try await pages.form(ChangeFields.self, from: request)
            let current = fields.currentPassword ?? "", new = fields.newPassword ?? ""
            let form = PageSupport.Form(template: "change-password", title: "Change your password", values: try changeValues(user),
                                        scripts: Self.scripts)
            return try await pages.submit(form, request: request, context: context) {
                var errors: [FieldError] = []
                if current.isEmpty { errors.append(FieldError(field: "currentPassword", message: "Enter your current password.")) }
                do { try Self.checkNewPassword(new, confirmation: fields.confirmPassword ?? "") } catch let refused as FormRefused { errors += refused.errors }
                guard errors.isEmpty else { throw FormRefused(errors) }
                let fresh = try await identity.changePassword(account: user.accountID, session: user.sessionID, current: current, new: new,
                                                              client: pages.client(request, context))
                var response = PageSupport.redirect("/account?passwordChanged=1")
                if user.passwordChangeRequired, let fresh {
                    response.setCookie(SessionCookie.access(fresh.accessToken, maxAge: fresh.expiresIn, secure: pages.secureCookies))
                }
                return response
            }
        }
    }

    /// What the change form shows: the address (for password managers and the strength meter's
    /// check against it) and, for a session that must change its password, why.
    private func changeValues(_ user: AuthenticatedUser) throws -> [String: Any] {
        var values: [String: Any] = ["policy": passwordPolicyValues(identity.policy)]
        if let profile = try identity.profile(user.accountID) {
            values["email"] = profile.email
            values["name"] = profile.name
        }
        if user.passwordChangeRequired {
            let flagged = try identity.profile(user.accountID)?.passwordChangeReason == "flagged"
            values["required"] = ["flagged": flagged]
        }
        return values
    }

    /// A new password and its confirmation: both typed, and the same. The policy is the service's.
    static func checkNewPassword(_ new: String, confirmation: String) throws {
        if new.isEmpty { throw FormRefused([FieldError(field: "newPassword", message: "Choose a new password.")]) }
        if confirmation.isEmpty { throw FormRefused([FieldError(field: "confirmPassword", message: "Type the new password a second time.")]) }
        if new != confirmation {
            throw FormRefused([FieldError(field: "confirmPassword", message: "The two new passwords are not the same. Type them again.")])
        }
    }
}
