import Domain
import Hummingbird

/// `/api/v1/auth`: registration and sign-in for API clients.
struct AuthController {
    let identity: IdentityService
    let tokens: AccessTokens
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .post("register", use: register)
            .post("login", use: login)
    }

    @Sendable func register(_ request: Request, context: PortalRequestContext) async throws -> EditedResponse<RegistrationAccepted> {
        let dto = try await body.decode(RegisterDTO.self, from: request, context: context)
        _ = try await identity.register(dto.form, client: ClientContext(request: request, context: context, deviceName: nil))
        return EditedResponse(status: .created, response: RegistrationAccepted())
    }

    @Sendable func login(_ request: Request, context: PortalRequestContext) async throws -> TokenResponse {
        let dto = try await body.decode(LoginDTO.self, from: request, context: context)
        let (email, password) = try dto.validated()
        let signedIn = try await identity.signIn(
            email: email, password: password, client: ClientContext(request: request, context: context, deviceName: dto.deviceName))
        let (token, expiresIn) = try await tokens.issue(account: signedIn.accountID, session: signedIn.sessionID)
        return TokenResponse(accessToken: token, expiresIn: expiresIn)
    }
}

extension ClientContext {
    /// The client details of a request: IP from the connection, user agent, and the device — the
    /// browser's device cookie, or the name an API client gave.
    init(request: Request, context: PortalRequestContext, deviceName: String?) {
        let device = deviceName.map { "name:" + $0 } ?? request.cookies[DeviceCookie.name].flatMap { DeviceCookie.validated($0.value) }
        self.init(ip: context.clientIP, userAgent: request.headers[.userAgent], deviceID: device)
    }
}
