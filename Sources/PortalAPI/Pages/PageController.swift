import Domain
import Foundation
import Hummingbird

/// The customer pages: home, sign up, sign in, account, sign out. They work without JavaScript.
struct PageController {
    let identity: IdentityService
    let tokens: AccessTokens
    let securityLog: SecurityLogReader
    let renderer: PageRenderer
    let csrf: CSRFProtection
    let secureCookies: Bool
    let refreshMaxAge: Int

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("/", use: home)
        router.get("signup", use: signUpForm)
        router.post("signup", use: signUp)
        router.get("signin", use: signInForm)
        router.post("signin", use: signIn)
        router.get("account", use: account)
        router.post("signout", use: signOut)
    }

    struct SignUpFields: Decodable { var email: String?; var name: String?; var password: String?; var csrf: String? }
    struct SignInFields: Decodable { var email: String?; var password: String?; var csrf: String? }

    /// Renders a form page with a CSRF token (setting the nonce cookie when needed) and a device cookie.
    private func formPage(_ template: String, title: String, request: Request, data: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let (token, cookie) = csrf.token(for: request)
        var values = data
        values["csrf"] = token
        var response = renderer.page(template, title: title, data: values, status: status)
        if let cookie { response.setCookie(cookie) }
        if request.cookies[DeviceCookie.name].flatMap { DeviceCookie.validated($0.value) } == nil {
            response.setCookie(DeviceCookie.make(secure: secureCookies).cookie)
        }
        return response
    }

    @Sendable func home(_ request: Request, context: PortalRequestContext) async throws -> Response {
        var data: [String: Any] = [:]
        if let user = context.identity, let profile = try identity.profile(user.accountID) { data["name"] = profile.name }
        return renderer.page("home", title: "Customer Portal", data: data)
    }

    @Sendable func signUpForm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        formPage("signup", title: "Create your account", request: request, data: ["minLength": identity.policy.minimumLength])
    }

    @Sendable func signUp(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await FormBody.decode(SignUpFields.self, from: request)
        try csrf.check(fields.csrf, request: request)
        let form = RegistrationForm(email: fields.email ?? "", password: fields.password ?? "", name: fields.name ?? "")
        do {
            _ = try await identity.register(form, client: ClientContext(request: request, context: context, deviceName: nil))
        } catch let failure as ValidationFailure {
            return formPage("signup", title: "Create your account", request: request, data: [
                "email": form.email, "name": form.name, "errors": fieldErrorValues(failure.errors),
                "minLength": identity.policy.minimumLength,
            ], status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: "/signin?registered=1"])
    }

    @Sendable func signInForm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let registered = request.uri.queryParameters["registered"] != nil
        return formPage("signin", title: "Sign in", request: request, data: ["registered": registered])
    }

    @Sendable func signIn(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await FormBody.decode(SignInFields.self, from: request)
        try csrf.check(fields.csrf, request: request)
        let email = fields.email ?? "", password = fields.password ?? ""
        var errors: [FieldError] = []
        if email.isEmpty { errors.append(FieldError(field: "email", message: "Enter your e-mail address.")) }
        if password.isEmpty { errors.append(FieldError(field: "password", message: "Enter your password.")) }
        if errors.isEmpty {
            do {
                let signedIn = try await identity.signIn(email: email, password: password, deviceName: nil,
                                                         client: ClientContext(request: request, context: context, deviceName: nil))
                var response = Response(status: .seeOther, headers: [.location: "/account"])
                SessionCookie.set(signedIn, refreshMaxAge: refreshMaxAge, secure: secureCookies).forEach { response.setCookie($0) }
                return response
            } catch is AuthenticationFailed {
                errors.append(FieldError(field: "password", message: ProblemDetails.wrongCredentials.detail))
            }
        }
        let status: HTTPResponse.Status = errors.contains { $0.message == ProblemDetails.wrongCredentials.detail } ? .unauthorized : .unprocessableContent
        return formPage("signin", title: "Sign in", request: request, data: ["email": email, "errors": fieldErrorValues(errors)], status: status)
    }

    @Sendable func account(_ request: Request, context: PortalRequestContext) async throws -> Response {
        guard let user = context.identity, let profile = try identity.profile(user.accountID) else {
            return Response(status: .seeOther, headers: [.location: "/signin"])
        }
        let formatter = ISO8601DateFormatter()
        let activity = try await securityLog.page(for: user.accountID, offset: 0, limit: 10).items.map { item -> [String: Any] in
            ["kind": Self.describe(item.kind), "at": formatter.string(from: item.at), "ip": item.ip ?? "—", "device": item.userAgent ?? item.deviceID ?? "—"]
        }
        let (token, cookie) = csrf.token(for: request)
        var response = renderer.page("account", title: "Your account", data: [
            "name": profile.name, "email": profile.email, "activity": activity, "csrf": token,
        ])
        if let cookie { response.setCookie(cookie) }
        return response
    }

    @Sendable func signOut(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await FormBody.decode(SignInFields.self, from: request)
        try csrf.check(fields.csrf, request: request)
        if let user = context.identity {
            try await identity.revokeSession(user.sessionID, of: user.accountID, reason: .signedOut, client: ClientContext(request: request, context: context, deviceName: nil))
        }
        var response = Response(status: .seeOther, headers: [.location: "/"])
        SessionCookie.clear(secure: secureCookies).forEach { response.setCookie($0) }
        return response
    }

    static func describe(_ kind: String) -> String {
        switch kind {
        case "registered": return "Account created"
        case "signedIn": return "Signed in"
        case "signInFailed": return "Failed sign-in"
        case "duplicateRegistration": return "Someone tried to register with your address"
        case "personalDataErased": return "Personal data erased"
        default: return kind
        }
    }
}
