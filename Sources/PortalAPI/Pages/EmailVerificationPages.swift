import Domain
import Foundation
import Hummingbird

/// The verification link, `/verify-email?token=…` (the path the outbox puts into its mail).
///
/// Opening the link only shows a button: mail scanners and link previews follow links, and a GET
/// that verified would let them use the link up (or verify an address nobody read). The address
/// is verified by the POST the button sends.
struct EmailVerificationPages {
    let pages: PageSupport

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("verify-email", use: confirmForm)
        router.post("verify-email", use: verify)
    }

    struct VerifyFields: Decodable, CSRFCarrying { var token: String?; var csrf: String? }

    @Sendable func confirmForm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        guard LinkTokens.parse(token) != nil else { return linkRefused(request, context) }
        return pages.render("verify-email", title: "Confirm your e-mail address", request: request, context: context, data: ["token": token])
    }

    @Sendable func verify(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await pages.form(VerifyFields.self, from: request)
        let token = fields.token ?? ""
        let form = PageSupport.Form(template: "verify-email", title: "Confirm your e-mail address", values: ["token": token])
        do {
            return try await pages.submit(form, request: request, context: context) {
                try await pages.identity.verifyEmail(token: token, client: pages.client(request, context))
                return pages.render("verify-email", title: "E-mail address confirmed", request: request, context: context,
                                    data: ["verified": true, "signedIn": context.identity != nil])
            }
        } catch DomainError.rejected(linkRefusedMessage) {
            return linkRefused(request, context)
        }
    }

    private func linkRefused(_ request: Request, _ context: PortalRequestContext) -> Response {
        pages.render("link-refused", title: "This link cannot be used", request: request, context: context,
                     data: ["message": linkRefusedMessage, "verification": true], status: .badRequest)
    }
}
