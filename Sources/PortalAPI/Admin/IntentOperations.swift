import Domain
import Foundation
import Projections

/// `portalctl nlu train` and `portalctl nlu models`.
struct IntentOperations {
    let portal: Portal

    func perform(_ operation: AdminOperation, actor: String) async throws -> AdminOutcome {
        let service = portal.intents
        switch operation {
        case .trainIntents:
            let outcome = try await service.train(trigger: .editor, author: actor)
            let json = String(decoding: try JSONEncoder.portal.encode(outcome), as: UTF8.self)
            let figures = "held-out accuracy \(Self.percent(outcome.candidate.accuracy))"
                + (outcome.current.map { " against \(Self.percent($0.accuracy)) for version \(outcome.currentVersion ?? 0)" } ?? " (no model before)")
            return AdminOutcome(message: "trained intent model version \(outcome.version): \(outcome.promoted ? "promoted" : "rejected, version \(outcome.liveVersion.map(String.init) ?? "none") stays live"); \(figures) on \(outcome.heldOut) held-out example(s)",
                                details: ["json": json, "version": String(outcome.version), "promoted": String(outcome.promoted)])
        case .intentModels:
            _ = await portal.runner.waitUntil(portal.store.lastPosition, projections: [service.catalog.name], timeout: .seconds(30))
            let report = service.modelsReport()
            let json = String(decoding: try JSONEncoder.portal.encode(report), as: UTF8.self)
            guard !report.versions.isEmpty else { return AdminOutcome(message: "no intent model trained yet", details: ["json": json]) }
            let header = "version  trained at            trigger   verdict   accuracy  vs.        oos recall  held out  examples  encoder"
            let rows = report.versions.map { v in
                [
                    Self.pad((v.live ? "*" : " ") + String(v.version), 8),
                    Self.pad(ISO8601DateFormatter().string(from: v.trainedAt), 21),
                    Self.pad(v.trigger.rawValue, 9),
                    Self.pad(v.promoted.map { $0 ? "promoted" : "rejected" } ?? "pending", 9),
                    Self.pad(Self.percent(v.accuracy), 9),
                    Self.pad(v.comparedAccuracy.map { "\(Self.percent($0)) v\(v.comparedWith ?? 0)" } ?? "-", 10),
                    Self.pad(v.outOfScopeRecall.map(Self.percent) ?? "-", 11),
                    Self.pad(String(v.heldOut), 9),
                    Self.pad(String(v.trainingExamples), 9),
                    v.usesEmbeddings ? "yes" : "no",
                ].joined(separator: " ")
            }
            let footer = "* live version" + (report.changedSinceLastTraining ? "; intents or examples changed since the latest training" : "")
            return AdminOutcome(message: ([header] + rows + [footer]).joined(separator: "\n"), details: ["json": json])
        default:
            throw DomainError.rejected("not an intent operation")
        }
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
}
