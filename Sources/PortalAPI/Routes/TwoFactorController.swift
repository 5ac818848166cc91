import Domain
import Foundation
import Hummingbird

/// `/api/v1/me/2fa`: the signed-in customer's authenticator app and recovery codes.
struct TwoFactorController {
    let identity: IdentityService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .post("setup", use: setup)
            .post("confirm", use: confirm)
            .post("disable", use: disable)
            .post("recovery-codes", use: recoveryCodes)
    }

    struct CodeDTO: Decodable { var code: String? }
    struct ProofDTO: Decodable { var password: String?; var code: String? }
    struct PasswordDTO: Decodable { var password: String? }
    struct RecoveryCodes: ResponseEncodable { var recoveryCodes: [String]; var message: String }

    @Sendable func setup(_ request: Request, context: PortalRequestContext) async throws -> TwoFactorSetup {
        let user = try context.requireUser()
        return try await identity.startTwoFactorSetup(account: user.accountID, client: ClientContext(request: request, context: context, deviceName: nil))
    }

    @Sendable func confirm(_ request: Request, context: PortalRequestContext) async throws -> RecoveryCodes {
        let user = try context.requireUser()
        let dto = try await body.decode(CodeDTO.self, from: request, context: context)
        guard let code = dto.code, !code.isEmpty else { throw ValidationFailure([FieldError(field: "code", message: "Enter the six-digit code your app shows.")]) }
        let codes = try await identity.confirmTwoFactor(account: user.accountID, code: code, client: ClientContext(request: request, context: context, deviceName: nil))
        return RecoveryCodes(recoveryCodes: codes, message: "Two-factor authentication is on. Keep these recovery codes somewhere safe: each works once, and they are shown only now.")
    }

    @Sendable func disable(_ request: Request, context: PortalRequestContext) async throws -> HTTPResponse.Status {
        let user = try context.requireUser()
        let dto = try await body.decode(ProofDTO.self, from: request, context: context)
        try await identity.disableTwoFactor(account: user.accountID, password: dto.password, code: dto.code,
                                            client: ClientContext(request: request, context: context, deviceName: nil))
        return .noContent
    }

    @Sendable func recoveryCodes(_ request: Request, context: PortalRequestContext) async throws -> RecoveryCodes {
        let user = try context.requireUser()
        let dto = try await body.decode(PasswordDTO.self, from: request, context: context)
        let codes = try await identity.regenerateRecoveryCodes(account: user.accountID, password: dto.password ?? "",
                                                               client: ClientContext(request: request, context: context, deviceName: nil))
        return RecoveryCodes(recoveryCodes: codes, message: "New recovery codes; the old ones no longer work.")
    }
}

extension TwoFactorSetup: ResponseEncodable {}
