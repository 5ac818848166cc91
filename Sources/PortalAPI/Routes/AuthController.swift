import Domain
import Foundation
import Hummingbird

/// `/api/v1/auth`: registration, sign-in, tokens, links and passwords for API clients.
struct AuthController {
    let identity: IdentityService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .post("register", use: register)
            .post("login", use: login)
            .post("login/second-factor", use: secondFactor)
            .get("captcha", use: captcha)
            .post("refresh-token", use: refresh)
            .post("logout", use: logout)
            .post("verify-email", use: verifyEmail)
            .post("resend-verification", use: resendVerification)
            .post("forgot-password", use: forgotPassword)
            .post("reset-password", use: resetPassword)
            .post("change-password", use: changePassword)
    }

    @Sendable func register(_ request: Request, context: PortalRequestContext) async throws -> EditedResponse<RegistrationAccepted> {
        let dto = try await body.decode(RegisterDTO.self, from: request, context: context)
        _ = try await identity.register(dto.form, captcha: dto.captcha, client: ClientContext(request: request, context: context, deviceName: nil))
        return EditedResponse(status: .created, response: RegistrationAccepted())
    }

    @Sendable func login(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let dto = try await body.decode(LoginDTO.self, from: request, context: context)
        let (email, password) = try dto.validated()
        let result = try await identity.signIn(
            email: email, password: password, deviceName: dto.deviceName, captcha: dto.captcha,
            client: ClientContext(request: request, context: context, deviceName: dto.deviceName))
        switch result {
        case .signedIn(let tokens):
            return try TokenResponse(tokens).response(from: request, context: context)
        case .secondFactorRequired(let c):
            var response = try SecondFactorResponse(challenge: c.challenge, method: c.method, expiresIn: c.expiresIn, riskySignIn: c.riskySignIn)
                .response(from: request, context: context)
            response.status = .accepted
            return response
        }
    }

    @Sendable func secondFactor(_ request: Request, context: PortalRequestContext) async throws -> TokenResponse {
        let dto = try await body.decode(SecondFactorDTO.self, from: request, context: context)
        let challenge = try dto.validated()
        do {
            return TokenResponse(try await identity.completeSignIn(
                challenge: challenge, code: dto.code, recoveryCode: dto.recoveryCode, deviceName: dto.deviceName,
                client: ClientContext(request: request, context: context, deviceName: dto.deviceName)))
        } catch is AuthenticationFailed {
            throw ProblemDetails(type: "invalid-code", title: "Wrong code", status: .unauthorized,
                                 detail: "This code is not right. Enter the code your app shows now, or one of your recovery codes.")
        }
    }

    @Sendable func captcha(_ request: Request, context: PortalRequestContext) async throws -> CaptchaChallenge {
        guard let challenge = identity.captcha?.challenge() else {
            throw ProblemDetails.notFound("The CAPTCHA is turned off on this portal: no challenge is needed.")
        }
        return challenge
    }

    @Sendable func refresh(_ request: Request, context: PortalRequestContext) async throws -> TokenResponse {
        let token = try await body.decode(RefreshTokenDTO.self, from: request, context: context).validated()
        do {
            return TokenResponse(try await identity.refresh(token: token, client: ClientContext(request: request, context: context, deviceName: nil)))
        } catch is AuthenticationFailed {
            throw ProblemDetails.unauthorized("This refresh token is not valid any more (used, revoked or expired). Sign in again.")
        }
    }

    @Sendable func logout(_ request: Request, context: PortalRequestContext) async throws -> HTTPResponse.Status {
        let user = try context.requireUser(allowingPasswordChange: true)
        try await identity.revokeSession(user.sessionID, of: user.accountID, reason: .signedOut, client: ClientContext(request: request, context: context, deviceName: nil))
        return .noContent
    }

    @Sendable func verifyEmail(_ request: Request, context: PortalRequestContext) async throws -> RequestAccepted {
        let token = try await body.decode(VerifyEmailDTO.self, from: request, context: context).validated()
        try await identity.verifyEmail(token: token, client: ClientContext(request: request, context: context, deviceName: nil))
        return RequestAccepted(status: "verified", message: "Thank you: your e-mail address is verified.")
    }

    @Sendable func resendVerification(_ request: Request, context: PortalRequestContext) async throws -> EditedResponse<RequestAccepted> {
        let email = try await body.decode(EmailDTO.self, from: request, context: context).validated()
        try await identity.resendVerification(email: email, client: ClientContext(request: request, context: context, deviceName: nil))
        return EditedResponse(status: .accepted, response: RequestAccepted(message: "If this address belongs to an account that is not verified yet, a new link is on its way."))
    }

    @Sendable func forgotPassword(_ request: Request, context: PortalRequestContext) async throws -> EditedResponse<RequestAccepted> {
        let dto = try await body.decode(EmailDTO.self, from: request, context: context)
        try await identity.forgotPassword(email: try dto.validated(), captcha: dto.captcha, client: ClientContext(request: request, context: context, deviceName: nil))
        return EditedResponse(status: .accepted, response: RequestAccepted(message: "If this address belongs to an account, a link to choose a new password is on its way. It works once, within an hour."))
    }

    @Sendable func resetPassword(_ request: Request, context: PortalRequestContext) async throws -> RequestAccepted {
        let (token, password) = try await body.decode(ResetPasswordDTO.self, from: request, context: context).validated()
        try await identity.resetPassword(token: token, newPassword: password, client: ClientContext(request: request, context: context, deviceName: nil))
        return RequestAccepted(status: "reset", message: "Your password has been changed and every session signed out. Sign in with the new password.")
    }

    @Sendable func changePassword(_ request: Request, context: PortalRequestContext) async throws -> RequestAccepted {
        let user = try context.requireUser(allowingPasswordChange: true)
        let (current, new) = try await body.decode(ChangePasswordDTO.self, from: request, context: context).validated()
        let fresh = try await identity.changePassword(account: user.accountID, session: user.sessionID, current: current, new: new,
                                                      client: ClientContext(request: request, context: context, deviceName: nil))
        return RequestAccepted(status: "changed", message: "Your password has been changed; your other sessions were signed out.",
                               accessToken: fresh?.accessToken, expiresIn: fresh?.expiresIn)
    }
}

extension ClientContext {
    /// The client details of a request: IP from the connection, user agent, and the device — the
    /// browser's device cookie, or for API clients the device name they gave (else their user agent).
    init(request: Request, context: PortalRequestContext, deviceName: String?) {
        let userAgent = request.headers[.userAgent]
        let device = request.cookies[DeviceCookie.name].flatMap { DeviceCookie.validated($0.value) }
            ?? deviceName.map { "name:" + $0 }
            ?? userAgent.map { "agent:" + String(Sodium.blake2b(Array($0.utf8), outputLength: 8).hex) }
        self.init(ip: context.clientIP, userAgent: userAgent, deviceID: device)
    }
}

import EventStore
