import Domain
import Foundation
import Hummingbird

/// What every page controller shares: rendering inside the layout with the browser's CSRF token and
/// cookies, the signed-in check, and showing a refused form again with its messages.
struct PageSupport: Sendable {
    let identity: IdentityService
    let tokens: AccessTokens
    let renderer: PageRenderer
    let csrf: CSRFProtection
    let secureCookies: Bool
    let refreshMaxAge: Int
    /// For the navigation: the ticket links, the agent queue for agents and the unread notifications.
    var tickets: TicketService? = nil

    /// Renders a page for this browser. Every page gets the CSRF token (forms read `csrf`; the
    /// sign-out form in the header needs it too), and the nonce and device cookies when it has none.
    func render(_ template: String, title: String, request: Request, context: PortalRequestContext, data: [String: Any] = [:],
                status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], section: PageChrome.Section? = nil,
                scripts: [String] = []) -> Response {
        let (token, cookie) = csrf.token(for: request)
        var values = data
        values["csrf"] = token
        var chrome = PageChrome(navigation: context.identity == nil ? .signedOut : .signedIn(csrf: token), section: section, scripts: scripts)
        if let user = context.identity, let tickets {
            chrome.isAgent = (try? tickets.actor(user.accountID).isAgent) ?? false
            chrome.unread = tickets.inbox.unread(for: user.accountID)
        }
        var response = renderer.page(template, title: title, data: values, status: status, headers: headers, chrome: chrome)
        if let cookie { response.setCookie(cookie) }
        if request.cookies[DeviceCookie.name].flatMap({ DeviceCookie.validated($0.value) }) == nil {
            response.setCookie(DeviceCookie.make(secure: secureCookies).cookie)
        }
        return response
    }

    /// A form page: how to render it again when the submitted values are refused.
    struct Form {
        var template: String
        var title: String
        /// Values to show again (never a password).
        var values: [String: Any] = [:]
        var section: PageChrome.Section?
        var scripts: [String] = []
        /// The form carries the anti-bot check (when the CAPTCHA is on); it comes back with a fresh challenge.
        var captcha = false
    }

    /// Runs a form's action. When the service refuses the input, the form comes back with each
    /// message next to its field (422), with how long to wait (429 and `Retry-After`), or with the
    /// anti-bot check and why it was refused (403).
    func submit(_ form: Form, request: Request, context: PortalRequestContext, action: () async throws -> Response) async throws -> Response {
        var data = form.values
        let status: HTTPResponse.Status
        var headers: HTTPFields = [:]
        var captcha: (challenge: CaptchaChallenge, refusal: String)?
        do {
            return try await action()
        } catch let failure as ValidationFailure {
            data["errors"] = fieldErrorValues(failure.errors)
            status = .unprocessableContent
        } catch let error as FieldError {
            data["errors"] = fieldErrorValues([error])
            status = .unprocessableContent
        } catch let refusal as FormRefused {
            data["errors"] = fieldErrorValues(refusal.errors)
            status = refusal.status
        } catch let limited as RateLimited {
            data["rateLimited"] = ["seconds": limited.retryAfter, "one": limited.retryAfter == 1]
            headers[.retryAfter] = String(limited.retryAfter)
            status = .tooManyRequests
        } catch let required as CaptchaRequired {
            captcha = (required.challenge, CaptchaWidget.message(for: required.reason))
            status = .forbidden
        }
        var scripts = form.scripts
        if form.captcha || captcha != nil { addCaptcha(to: &data, scripts: &scripts, challenge: captcha?.challenge, refusal: captcha?.refusal) }
        return render(form.template, title: form.title, request: request, context: context, data: data, status: status, headers: headers,
                      section: form.section, scripts: scripts)
    }

    /// Runs `body` for the signed-in user. Without a session the browser is sent to sign in; a
    /// session that must change its password first is sent to do that (unless this page is where it
    /// may go), as the API answers such sessions 403 everywhere else.
    func signedIn(_ context: PortalRequestContext, allowingPasswordChange: Bool = false,
                  _ body: (AuthenticatedUser) async throws -> Response) async throws -> Response {
        guard let user = context.identity else { return Self.redirect("/signin") }
        if user.passwordChangeRequired && !allowingPasswordChange { return Self.redirect("/account/password") }
        return try await body(user)
    }

    /// Reads a form and checks its CSRF token (403 without a good one).
    func form<T: Decodable & CSRFCarrying>(_ type: T.Type, from request: Request) async throws -> T {
        let fields = try await FormBody.decode(T.self, from: request)
        try csrf.check(fields.csrf, request: request)
        return fields
    }

    func client(_ request: Request, _ context: PortalRequestContext) -> ClientContext {
        ClientContext(request: request, context: context, deviceName: nil)
    }

    /// The browser's device cookie, when it has a valid one.
    func deviceID(_ request: Request) -> String? {
        request.cookies[DeviceCookie.name].flatMap { DeviceCookie.validated($0.value) }
    }

    /// 303 See Other: after a POST the browser GETs `location`, so reloading does not send the form again.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// A form refused by the page itself (before the service saw it), with its own status.
struct FormRefused: Error {
    var errors: [FieldError]
    var status: HTTPResponse.Status = .unprocessableContent

    init(_ errors: [FieldError], status: HTTPResponse.Status = .unprocessableContent) {
        self.errors = errors
        self.status = status
    }
}

/// A decoded form that carries the CSRF token in its `csrf` field.
protocol CSRFCarrying {
    var csrf: String? { get }
}

/// A form with nothing but the CSRF token (sign out, buttons).
struct ButtonForm: Decodable, CSRFCarrying {
    var csrf: String?
}
