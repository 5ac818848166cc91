import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/certificates`: anyone verifies a certificate by id or by its signed token; the holder downloads the
/// PDF; editors revoke.
struct CertificatesController {
    let service: TutorialService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .post("verify", use: verifyToken)
            .get("{id}", use: verify)
            .get("{id}/pdf", use: pdf)
            .post("{id}/revoke", use: revoke)
    }

    @Sendable func verify(_ request: Request, context: PortalRequestContext) async throws -> TutorialService.CertificateReport {
        service.verify(id: context.parameters.get("id") ?? "")
    }

    @Sendable func verifyToken(_ request: Request, context: PortalRequestContext) async throws -> TutorialService.CertificateReport {
        struct Token: Decodable { var token: String }
        let dto = try await body.decode(Token.self, from: request, context: context)
        return service.verify(signed: dto.token.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Sendable func pdf(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let certificate = try service.ownCertificate(context.parameters.get("id") ?? "", learner: user.accountID)
        let bytes = try service.pdf(certificate)
        return Response(status: .ok, headers: [
            .contentType: "application/pdf", .cacheControl: "private, no-store",
            .contentDisposition: "attachment; filename=\"certificate-\(certificate.id).pdf\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    @Sendable func revoke(_ request: Request, context: PortalRequestContext) async throws -> TutorialService.CertificateReport {
        let user = try context.requireUser()
        let id = context.parameters.get("id") ?? ""
        struct Reason: Decodable { var reason: String }
        let dto = try await body.decode(Reason.self, from: request, context: context)
        try await service.revoke(id, reason: dto.reason, by: user.accountID)
        return service.verify(id: id)
    }
}
