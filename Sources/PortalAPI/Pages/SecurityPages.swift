import Domain
import Foundation
import Hummingbird
import QRCode

/// "Account security", `/account/security`: two-factor authentication with an authenticator app —
/// setting it up (QR code, the key to type by hand, a code to confirm), the recovery codes (shown
/// once, when made), making new ones, and turning it off.
///
/// The forms that show codes answer their POST with the page itself rather than a redirect: the
/// codes exist only in that answer, and the security headers keep it out of every cache.
struct SecurityPages {
    let pages: PageSupport
    private var identity: IdentityService { pages.identity }
    static let title = "Account security"

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("account/security", use: overview)
        router.post("account/security/setup", use: setup)
        router.post("account/security/confirm", use: confirm)
        router.post("account/security/disable", use: disable)
        router.post("account/security/recovery-codes", use: regenerate)
    }

    struct ConfirmFields: Decodable, CSRFCarrying { var code: String?; var secret: String?; var csrf: String? }
    struct DisableFields: Decodable, CSRFCarrying { var disablePassword: String?; var disableCode: String?; var csrf: String? }
    struct RegenerateFields: Decodable, CSRFCarrying { var regeneratePassword: String?; var csrf: String? }

    @Sendable func overview(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let query = request.uri.queryParameters
            return try render(user, request: request, context: context, data: ["turnedOff": query["turnedOff"] != nil])
        }
    }

    // MARK: Setting up

    /// Starts enrolment and shows the new secret. Nothing changes for signing in until a code confirms it.
    @Sendable func setup(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            _ = try await pages.form(ButtonForm.self, from: request)
            do {
                let setup = try await identity.startTwoFactorSetup(account: user.accountID, client: pages.client(request, context))
                return pages.render("security-setup", title: "Set up an authenticator app", request: request, context: context,
                                    data: Self.setupValues(secret: setup.secret, qrSVG: setup.qrSVG), section: .security)
            } catch DomainError.rejected(let why) {
                return try render(user, request: request, context: context, data: ["refused": Self.sentence(why)], status: .conflict)
            }
        }
    }

    /// Confirms with a code from the app, then shows the recovery codes, once. A wrong code shows the
    /// same secret again (the one the app already has), from the form.
    @Sendable func confirm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let fields = try await pages.form(ConfirmFields.self, from: request)
            let code = fields.code ?? "", secret = fields.secret ?? ""
            guard let again = try setupAgain(secret: secret, account: user) else { return PageSupport.redirect("/account/security") }
            let form = PageSupport.Form(template: "security-setup", title: "Set up an authenticator app", values: again, section: .security)
            do {
                return try await pages.submit(form, request: request, context: context) {
                    if code.trimmingCharacters(in: .whitespaces).isEmpty { throw FormRefused([FieldError(field: "code", message: "Enter the six-digit code your app shows.")]) }
                    let codes = try await identity.confirmTwoFactor(account: user.accountID, code: code, client: pages.client(request, context))
                    return recoveryCodes(codes, enabled: true, request: request, context: context)
                }
            } catch DomainError.rejected(let why) {
                // Already on (the form was sent twice), or no set-up under way: the overview says which.
                return try render(user, request: request, context: context, data: ["refused": Self.sentence(why)], status: .conflict)
            }
        }
    }

    // MARK: Turning off and new recovery codes

    @Sendable func disable(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let fields = try await pages.form(DisableFields.self, from: request)
            let password = fields.disablePassword ?? "", code = (fields.disableCode ?? "").trimmingCharacters(in: .whitespaces)
            return try await submitOnOverview(user, request: request, context: context, field: "disablePassword") {
                if password.isEmpty && code.isEmpty {
                    throw FormRefused([FieldError(field: "disablePassword", message: "Enter your current password, or a code from your app.")])
                }
                do {
                    try await identity.disableTwoFactor(account: user.accountID, password: password.isEmpty ? nil : password, code: code.isEmpty ? nil : code,
                                                        client: pages.client(request, context))
                } catch is FieldError {
                    // The service says "password or code"; the page knows which one the customer typed.
                    throw FormRefused([password.isEmpty
                        ? FieldError(field: "disableCode", message: "This code is not right or was already used. Enter the code your app shows now, or your current password.")
                        : FieldError(field: "disablePassword", message: "This is not your current password.")])
                }
                return PageSupport.redirect("/account/security?turnedOff=1")
            }
        }
    }

    @Sendable func regenerate(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let fields = try await pages.form(RegenerateFields.self, from: request)
            let password = fields.regeneratePassword ?? ""
            return try await submitOnOverview(user, request: request, context: context, field: "regeneratePassword") {
                if password.isEmpty { throw FormRefused([FieldError(field: "regeneratePassword", message: "Enter your current password.")]) }
                let codes = try await identity.regenerateRecoveryCodes(account: user.accountID, password: password, client: pages.client(request, context))
                return recoveryCodes(codes, enabled: false, request: request, context: context)
            }
        }
    }

    // MARK: Rendering

    private func render(_ user: AuthenticatedUser, request: Request, context: PortalRequestContext, data: [String: Any],
                        status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        guard let profile = try identity.profile(user.accountID) else { return PageSupport.redirect("/signin") }
        var values = data
        values["enabled"] = profile.twoFactorEnabled
        values["email"] = profile.email
        return pages.render("security", title: Self.title, request: request, context: context, data: values, status: status, headers: headers,
                            section: .security)
    }

    /// Runs one of the overview's forms. The page has two forms with a password, so their fields have
    /// names of their own, and a field error the service names `password` is shown at `field`.
    private func submitOnOverview(_ user: AuthenticatedUser, request: Request, context: PortalRequestContext, field: String,
                                  action: () async throws -> Response) async throws -> Response {
        let errors: [FieldError]
        var status = HTTPResponse.Status.unprocessableContent
        do {
            return try await action()
        } catch let error as FieldError {
            errors = [FieldError(field: error.field == "password" ? field : error.field, message: error.message)]
        } catch let refused as FormRefused {
            errors = refused.errors
            status = refused.status
        } catch let limited as RateLimited {
            var headers: HTTPFields = [:]
            headers[.retryAfter] = String(limited.retryAfter)
            return try render(user, request: request, context: context, data: ["rateLimited": ["seconds": limited.retryAfter, "one": limited.retryAfter == 1]],
                              status: .tooManyRequests, headers: headers)
        } catch DomainError.rejected(let why) {
            return try render(user, request: request, context: context, data: ["refused": Self.sentence(why)], status: .conflict)
        }
        return try render(user, request: request, context: context, data: ["errors": fieldErrorValues(errors)],
                          status: status)
    }

    private func recoveryCodes(_ codes: [String], enabled: Bool, request: Request, context: PortalRequestContext) -> Response {
        pages.render("recovery-codes", title: "Save your recovery codes", request: request, context: context,
                     data: ["codes": codes, "enabled": enabled, "count": codes.count], section: .security)
    }

    /// The set-up page again for the secret the form carried, when it is one.
    private func setupAgain(secret: String, account user: AuthenticatedUser) throws -> [String: Any]? {
        guard secret.utf8.count <= 64, let totp = TOTP(base32: secret) else { return nil }
        let email = try identity.profile(user.accountID)?.email ?? user.accountID.description
        let uri = totp.uri(account: email, issuer: IdentityService.totpIssuer)
        let svg = try QRCode(text: uri, errorCorrection: .medium).svg(moduleSize: 5, title: Self.qrTitle)
        return Self.setupValues(secret: secret, qrSVG: svg)
    }

    static let qrTitle = "QR code to add Customer Portal to your authenticator app"

    static func setupValues(secret: String, qrSVG: String) -> [String: Any] {
        ["secret": secret, "secretGroups": groupsOfFour(secret), "qrSVG": qrSVG]
    }

    /// `JBSWY3DPEHPK3PXP` as `JBSW Y3DP EHPK 3PXP`, for typing in by hand.
    static func groupsOfFour(_ text: String) -> String {
        var groups: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// The service's refusals are lower-case clauses ("two-factor authentication is already on; …").
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let capitalised = first.uppercased() + text.dropFirst()
        return capitalised.hasSuffix(".") ? capitalised : capitalised + "."
    }
}
