import Foundation
import Hummingbird

/// `/authorize`: the sign-in page (GET), its submission (POST), and straight-through approval
/// for scripted tests (`login_hint=<email>&prompt=none`).
struct AuthorizeController {
    let state: ProviderState

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self)
            .get("authorize", use: show)
            .post("authorize", use: submit)
    }

    @Sendable func show(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let authorization: AuthorizationRequest
        do {
            authorization = try await parse(FormFields(request.uri.query ?? ""))
        } catch let rejection {
            return rejected(rejection, request: request, context: context)
        }
        guard authorization.prompt == "none" else {
            return LoginPage(request: authorization).html.response(from: request, context: context)
        }
        guard let user = authorization.loginHint.flatMap(TestUser.find(email:)) else {
            context.logger.info("prompt=none without a known login_hint: login_required")
            return .redirect(to: authorization.redirect(with: OAuthError(error: "login_required", errorDescription: "no known user in login_hint")), type: .found)
        }
        return try await approve(authorization, user: user, context: context)
    }

    @Sendable func submit(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let fields: FormFields
        let authorization: AuthorizationRequest
        do {
            fields = try FormFields(String(buffer: body))
            authorization = try await parse(fields)
        } catch let rejection {
            return rejected(rejection, request: request, context: context)
        }
        guard fields["decision"] == "approve" else {
            return .redirect(to: authorization.redirect(with: OAuthError(error: "access_denied", errorDescription: "the user declined")), type: .found)
        }
        guard let user = fields["user"].flatMap(TestUser.find(email:)) else {
            return LoginPage.error("Choose a user.").response(from: request, context: context)
        }
        return try await approve(authorization, user: user, context: context)
    }

    private func parse(_ fields: FormFields) async throws(AuthorizationRequest.Rejection) -> AuthorizationRequest {
        let (issuer, global) = await (state.issuer, state.globalMisbehaviours)
        return try AuthorizationRequest(fields, options: state.options, issuer: issuer, globalMisbehaviours: global)
    }

    private func rejected(_ error: any Error, request: Request, context: BasicRequestContext) -> Response {
        switch error {
        case AuthorizationRequest.Rejection.redirect(let url):
            return .redirect(to: url, type: .found)
        case AuthorizationRequest.Rejection.page(let message):
            context.logger.info("authorization request refused: \(message)")
            return LoginPage.error(message).response(from: request, context: context)
        case let error as OAuthError:
            return LoginPage.error(error.errorDescription).response(from: request, context: context)
        default:
            return LoginPage.error("\(error)").response(from: request, context: context)
        }
    }

    private func approve(_ authorization: AuthorizationRequest, user: TestUser, context: BasicRequestContext) async throws -> Response {
        let grant = AuthorizationGrant(
            clientID: authorization.clientID, redirectURI: authorization.redirectURI, user: user,
            scope: authorization.scope, nonce: authorization.nonce, codeChallenge: authorization.codeChallenge,
            misbehaviours: authorization.misbehaviours, issuedAt: Date()
        )
        let code = await state.issueCode(for: grant)
        context.logger.info("approved \(user.email) for \(authorization.clientID)")
        return .redirect(to: authorization.redirect(with: [("code", code)]), type: .found)
    }
}
