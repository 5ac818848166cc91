import Domain
import Foundation
import Projections

/// `portalctl analytics tutorials` and `portalctl certificates verify|revoke`.
struct TutorialOperations {
    let portal: Portal

    func perform(_ operation: AdminOperation, actor: String) async throws -> AdminOutcome {
        let service = portal.tutorials
        _ = await portal.runner.waitUntil(portal.store.lastPosition, projections: [service.catalog.name, service.learning.name], timeout: .seconds(30))
        switch operation {
        case let .tutorialFunnels(from, to):
            let period: DateInterval? = from == nil && to == nil ? nil : DateInterval(start: from ?? .distantPast, end: to ?? .distantFuture)
            let funnels = service.funnels(period: period)
            let data = try JSONEncoder.portal.encode(funnels)
            var lines: [String] = []
            for f in funnels {
                lines.append("\(f.tutorial): \(f.started) started, \(f.completed) completed"
                             + (f.completionRate.map { " (\($0) %)" } ?? "") + (f.averageRating.map { ", rated \($0) of 5 by \(f.ratings)" } ?? ""))
                for (n, s) in f.steps.enumerated() {
                    lines.append("  \(n + 1). \(s.title): viewed \(s.viewed), completed \(s.completed), dropped \(s.dropOff)"
                                 + (s.unclear > 0 ? ", unclear \(s.unclear)" : ""))
                }
            }
            return AdminOutcome(message: lines.isEmpty ? "no tutorials yet" : lines.joined(separator: "\n"), details: ["json": String(decoding: data, as: UTF8.self)])
        case let .verifyCertificate(id, token):
            let report = token.map { service.verify(signed: $0) } ?? service.verify(id: id ?? "")
            let data = try JSONEncoder.portal.encode(report)
            var message: String
            switch report.standing {
            case .valid: message = "VALID: \(report.holderName ?? "") completed “\(report.tutorialTitle ?? "")” on \(report.issuedOn ?? "")"
            case .revoked: message = "REVOKED: \(report.revokedReason ?? "")"
            case .holderErased: message = "HOLDER ERASED: a certificate for “\(report.tutorialTitle ?? "")” issued on \(report.issuedOn ?? "") no longer names anyone"
            case .unknown: message = report.signatureValid == false ? "INVALID: the signature is not this portal's, or the file was changed" : "UNKNOWN: no certificate has this id"
            }
            if report.signatureValid == true { message += " (signature valid)" }
            return AdminOutcome(message: message, details: ["json": String(decoding: data, as: UTF8.self), "standing": report.standing.rawValue])
        case let .revokeCertificate(id, reason):
            try await service.revoke(id, reason: reason, actor: actor)
            return AdminOutcome(message: "certificate \(id) revoked: \(reason)")
        default:
            throw DomainError.rejected("not a tutorial operation")
        }
    }
}
