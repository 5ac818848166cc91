import Domain
import Foundation
import Projections

/// `portalctl nlu review` (the learning queue and its labels) and `portalctl analytics chat`.
struct ChatOperations {
    let portal: Portal

    func perform(_ operation: AdminOperation, actor: String) async throws -> AdminOutcome {
        let chat = portal.chat
        switch operation {
        case let .chatReviewQueue(limit):
            let items = try await chat.reviewQueue(for: nil, limit: limit)
            let json = String(decoding: try JSONEncoder.portal.encode(items), as: UTF8.self)
            guard !items.isEmpty else { return AdminOutcome(message: "nothing to review", details: ["json": json]) }
            let lines = items.map { i in
                "\(i.conversationID.uuidString.lowercased()) \(i.turn)  \(i.reason.rawValue)  "
                    + "\(i.predicted ?? "-") \(String(format: "%.0f %%", i.confidence * 100))  “\(i.text.replacingOccurrences(of: "\n", with: " ").prefix(120))”"
            }
            let hint = "label one with: portalctl nlu review label CONVERSATION TURN INTENT|out_of_scope|dismiss"
            return AdminOutcome(message: (lines + [hint]).joined(separator: "\n"), details: ["json": json, "count": String(items.count)])
        case let .labelChatMessage(conversation, turn, label):
            let position = try await chat.label(conversation: conversation, turn: turn, label: label, by: actor)
            let what = label.map { "labelled \($0); it is a training example for the next training (portalctl nlu train)" } ?? "dismissed"
            return AdminOutcome(message: "message \(turn) of \(conversation.uuidString.lowercased()) \(what)", details: ["position": String(position)])
        case let .chatAnalytics(from, to):
            await chat.settleAnalytics()
            let report = chat.analytics.report(from: from, to: to)
            let json = String(decoding: try JSONEncoder.portal.encode(report), as: UTF8.self)
            return AdminOutcome(message: Self.text(report), details: ["json": json])
        default:
            throw DomainError.rejected("not a chat operation")
        }
    }

    static func percent(_ x: Double?) -> String { x.map { String(format: "%.1f %%", $0 * 100) } ?? "-" }

    static func text(_ r: ChatAnalyticsReport) -> String {
        let t = r.totals
        var lines = [
            "\(t.conversations) conversations, \(t.turns) turns; \(t.closed) closed, \(t.contained) of them contained (\(percent(t.containmentRate)))",
            "handoffs \(t.handoffs) (\(percent(t.handoffRate)) of conversations)"
                + (t.handoffsByReason.isEmpty ? "" : ": " + t.handoffsByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                + "; picked up \(t.pickedUp), median wait \(t.medianWaitSeconds.map { String(format: "%.0f s", $0) } ?? "-")"
                + ", p90 \(t.p90WaitSeconds.map { String(format: "%.0f s", $0) } ?? "-")",
            "fallback turns \(t.fallbackTurns) (\(percent(t.fallbackRate))), knowledge answers \(t.knowledgeAnswers), helpful \(t.helpful) of \(t.helpful + t.notHelpful) (\(percent(t.helpfulRate))), tickets \(t.tickets)",
        ]
        if !r.topIntents.isEmpty { lines.append("top intents: " + r.topIntents.map { "\($0.intent) \($0.turns)" }.joined(separator: ", ")) }
        for d in r.days {
            lines.append("  \(d.day): \(d.totals.conversations) conversations, contained \(percent(d.totals.containmentRate)), handoffs \(d.totals.handoffs), fallback \(percent(d.totals.fallbackRate)), helpful \(percent(d.totals.helpfulRate))")
        }
        return lines.joined(separator: "\n")
    }
}
