import Domain
import Foundation
import Hummingbird

/// The customer pages: home, sign up, sign in and sign out here; the second step of signing in,
/// passwords, e-mail verification, the account, its security settings, sessions and security log in
/// their own controllers, registered by ``add(to:)``. They all work without JavaScript, except the
/// anti-bot check (when it is on), which says so.
struct PageController {
    let identity: IdentityService
    let tokens: AccessTokens
    let securityLog: SecurityLogReader
    let renderer: PageRenderer
    let csrf: CSRFProtection
    let secureCookies: Bool
    let refreshMaxAge: Int
    /// "Sign in with …" buttons.
    let externalProviders: [ExternalProviderSettings]
    /// The ticket pages (and the ticket links in the navigation).
    var tickets: TicketService? = nil
    /// The knowledge base's pages (`/kb…`).
    var knowledge: KnowledgeService? = nil
    /// The tutorial pages (`/tutorials…`, `/learning`, `/notes`, `/certificates/…`).
    var tutorials: TutorialService? = nil
    /// The chat pages (`/chat…`, `/agent/chats`).
    var chat: ChatService? = nil

    private var pages: PageSupport {
        PageSupport(identity: identity, tokens: tokens, renderer: renderer, csrf: csrf, secureCookies: secureCookies, refreshMaxAge: refreshMaxAge,
                    tickets: tickets)
    }

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("/", use: home)
        router.get("signup", use: signUpForm)
        router.post("signup", use: signUp)
        router.get("signin", use: signInForm)
        router.post("signin", use: signIn)
        router.post("signout", use: signOut)
        SecondFactorPages(pages: pages).add(to: router)
        PasswordPages(pages: pages).add(to: router)
        EmailVerificationPages(pages: pages).add(to: router)
        AccountPages(pages: pages, securityLog: securityLog).add(to: router)
        SecurityPages(pages: pages).add(to: router)
        SessionPages(pages: pages).add(to: router)
        ActivityPages(pages: pages, securityLog: securityLog).add(to: router)
        if let tickets {
            TicketPages(pages: pages, service: tickets, securityLog: securityLog).add(to: router)
            TicketFormPages(pages: pages, service: tickets).add(to: router)
            AgentPages(pages: pages, service: tickets, chat: chat).add(to: router)
            RatingPages(pages: pages, service: tickets).add(to: router)
            NotificationPages(pages: pages, service: tickets).add(to: router)
        }
        if let knowledge { KnowledgePages(pages: pages, service: knowledge, tutorials: tutorials).add(to: router) }
        if let knowledge, let tutorials { TutorialPages(pages: pages, service: tutorials, knowledge: knowledge).add(to: router) }
        if let chat { ChatPages(pages: pages, service: chat).add(to: router) }
    }

    struct SignUpFields: Decodable, CSRFCarrying { var email: String?; var name: String?; var password: String?; var csrf: String?; var captcha: String? }
    struct SignInFields: Decodable, CSRFCarrying { var email: String?; var password: String?; var csrf: String?; var captcha: String? }

    @Sendable func home(_ request: Request, context: PortalRequestContext) async throws -> Response {
        var data: [String: Any] = [:]
        if let user = context.identity, let profile = try identity.profile(user.accountID) { data["name"] = profile.name }
        if let knowledge {
            let kb = KnowledgePages(pages: pages, service: knowledge)
            data["kbNav"] = kb.navigation(context, section: nil)
            data["popular"] = kb.popular(knowledge.viewer(context.identity?.accountID))
        }
        return pages.render("home", title: "Customer Portal", request: request, context: context, data: data)
    }

    static let signUpScripts = ["password-strength.js"]

    @Sendable func signUpForm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        pages.renderForm("signup", title: "Create your account", request: request, context: context, data: ["policy": passwordPolicyValues(identity.policy)],
                         section: .signUp, scripts: Self.signUpScripts, captcha: true)
    }

    @Sendable func signUp(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await pages.form(SignUpFields.self, from: request)
        let form = RegistrationForm(email: fields.email ?? "", password: fields.password ?? "", name: fields.name ?? "")
        let page = PageSupport.Form(template: "signup", title: "Create your account",
                                    values: ["email": form.email, "name": form.name, "policy": passwordPolicyValues(identity.policy)],
                                    section: .signUp, scripts: Self.signUpScripts, captcha: true)
        return try await pages.submit(page, request: request, context: context) {
            _ = try await identity.register(form, captcha: fields.captcha, client: pages.client(request, context))
            return PageSupport.redirect("/signin?registered=1")
        }
    }

    /// The sign-in form carries the anti-bot check only when the service would ask for it: after
    /// failures from this network (known before anyone types), or once it asked on this form (the
    /// failures of one account show only when its address is sent).
    /// The providers' buttons for the sign-in template.
    private var providerValues: [String: Any] {
        ["hasProviders": !externalProviders.isEmpty,
         "providers": externalProviders.map { ["name": $0.name, "displayName": $0.displayName] as [String: Any] }]
    }

    @Sendable func signInForm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        return pages.renderForm("signin", title: "Sign in", request: request, context: context,
                                data: ["registered": query["registered"] != nil, "reset": query["reset"] != nil].merging(providerValues) { $1 }, section: .signIn,
                                captcha: identity.signInNeedsCaptcha(account: nil, client: pages.client(request, context)))
    }

    @Sendable func signIn(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await pages.form(SignInFields.self, from: request)
        let email = fields.email ?? "", password = fields.password ?? ""
        let askedBefore = !(fields.captcha ?? "").isEmpty
        let page = PageSupport.Form(template: "signin", title: "Sign in", values: ["email": email].merging(providerValues) { $1 }, section: .signIn,
                                    captcha: askedBefore || identity.signInNeedsCaptcha(account: nil, client: pages.client(request, context)))
        return try await pages.submit(page, request: request, context: context) {
            var errors: [FieldError] = []
            if email.isEmpty { errors.append(FieldError(field: "email", message: "Enter your e-mail address.")) }
            if password.isEmpty { errors.append(FieldError(field: "password", message: "Enter your password.")) }
            guard errors.isEmpty else { throw FormRefused(errors) }
            let result: SignInResult
            do {
                result = try await identity.signIn(email: email, password: password, deviceName: nil, captcha: fields.captcha, client: pages.client(request, context))
            } catch is AuthenticationFailed {
                throw FormRefused([FieldError(field: "password", message: ProblemDetails.wrongCredentials.detail)], status: .unauthorized)
            } catch var required as CaptchaRequired where fields.captcha == nil {
                // The form did not carry the check (it was not needed until now), so JavaScript is not the problem.
                required.reason = CaptchaWidget.nowNeededOnSignIn
                throw required
            }
            switch result {
            case .signedIn(let signedIn):
                var response = PageSupport.redirect(signedIn.passwordChangeRequired ? "/account/password" : "/account")
                SessionCookie.set(signedIn, refreshMaxAge: refreshMaxAge, secure: secureCookies).forEach { response.setCookie($0) }
                // A second step left unfinished earlier has nothing more to do.
                if request.cookies[SessionCookie.challengeName] != nil { response.setCookie(SessionCookie.clearChallenge(secure: secureCookies)) }
                return response
            case .secondFactorRequired(let challenge):
                // The challenge travels in a short-lived cookie, never in a URL.
                var response = PageSupport.redirect("/signin/second-factor")
                response.setCookie(SessionCookie.challenge(challenge, secure: secureCookies))
                return response
            }
        }
    }

    /// Signing out is allowed to every session, including one that must change its password first.
    @Sendable func signOut(_ request: Request, context: PortalRequestContext) async throws -> Response {
        _ = try await pages.form(ButtonForm.self, from: request)
        if let user = context.identity {
            try await identity.revokeSession(user.sessionID, of: user.accountID, reason: .signedOut, client: pages.client(request, context))
        }
        var response = PageSupport.redirect("/")
        SessionCookie.clear(secure: secureCookies).forEach { response.setCookie($0) }
        return response
    }
}

/// The password policy as the forms explain it in their hints (the server's check stays authoritative).
func passwordPolicyValues(_ policy: PasswordPolicy) -> [String: Any] {
    ["minLength": policy.minimumLength, "maxLength": policy.maximumLength, "history": policy.historyDepth]
}
