import Domain
import Foundation
import Projections

/// The knowledge-base operations of `portalctl content` and `portalctl analytics self-service`.
struct KnowledgeOperations {
    let portal: Portal

    func perform(_ operation: AdminOperation, actor: String) async throws -> AdminOutcome {
        let service = portal.knowledge
        switch operation {
        case .importContent(let folder):
            let report = try await service.importFolder(URL(fileURLWithPath: folder), by: actor)
            let data = try JSONEncoder.portal.encode(report)
            return AdminOutcome(message: "imported \(folder): \(report.summary)", details: ["json": String(decoding: data, as: UTF8.self)])
        case .exportContent(let folder):
            _ = await portal.runner.waitUntil(portal.store.lastPosition, projections: [service.catalog.name], timeout: .seconds(10))
            let n = try service.exportFolder(to: URL(fileURLWithPath: folder))
            return AdminOutcome(message: "exported \(n) item(s) to \(folder)", details: ["items": String(n)])
        case let .selfService(from, to, category):
            guard let report = await SelfServiceReports.report(service, from: from, to: to, category: category) else {
                throw DomainError.rejected("the self-service analytics are not running")
            }
            let data = try JSONEncoder.portal.encode(report)
            return AdminOutcome(message: SelfServiceReports.text(report), details: ["json": String(decoding: data, as: UTF8.self)])
        case .lowRated(let minimumVotes):
            let rows = await SelfServiceReports.lowRated(service, minimumVotes: minimumVotes)
            let data = try JSONEncoder.portal.encode(rows)
            let lines = rows.map { r in
                "\(String(format: "%5.1f %%", r.helpfulPercent)) of \(r.votes)  \(r.key)  \(r.title)"
                    + (r.reasons.isEmpty ? "" : "  (" + r.reasons.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")")
            }
            return AdminOutcome(message: lines.isEmpty ? "no content with \"not helpful\" votes yet" : lines.joined(separator: "\n"),
                                details: ["json": String(decoding: data, as: UTF8.self)])
        default:
            throw DomainError.rejected("not a knowledge-base operation")
        }
    }
}
