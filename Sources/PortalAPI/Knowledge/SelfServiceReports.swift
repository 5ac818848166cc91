import Domain
import Foundation
import Projections

/// The self-service figures for the API, `portalctl analytics self-service` and the editors' pages.
public enum SelfServiceReports {
    /// One low-rated item with its reasons and the latest comments.
    public struct LowRated: Codable, Sendable {
        public struct Comment: Codable, Sendable {
            public var helpful: Bool
            public var reason: String?
            public var text: String
            public var at: Date
        }
        public var key: String
        public var title: String
        public var url: String
        public var helpful: Int
        public var votes: Int
        public var helpfulPercent: Double
        public var reasons: [String: Int]
        public var comments: [Comment]
    }

    /// The report between two days (`to` exclusive), for a category's subtree or everything.
    public static func report(_ service: KnowledgeService, from: Date?, to: Date?, category: String?, now: Date = Date()) async -> SelfServiceReport? {
        guard let analytics = service.analytics else { return nil }
        _ = await service.runner.waitUntil(service.store.lastPosition, projections: [analytics.name], timeout: .seconds(10))
        let end = to ?? now
        let start = from ?? end.addingTimeInterval(-30 * 86400)
        return analytics.report(from: start, to: end, category: category, deflectionWindow: service.settings.deflectionWindow, now: now)
    }

    public static func lowRated(_ service: KnowledgeService, minimumVotes: Int, limit: Int = 50) async -> [LowRated] {
        guard let analytics = service.analytics else { return [] }
        _ = await service.runner.waitUntil(service.store.lastPosition, projections: [analytics.name, service.comments.name], timeout: .seconds(10))
        return analytics.lowRated(minimumVotes: minimumVotes, limit: limit).compactMap { row in
            guard let entry = service.catalog.entry(row.key) else { return nil }
            return LowRated(key: row.key, title: entry.content.title, url: KnowledgeRoutes.path(entry.kind, entry.slug), helpful: row.helpful, votes: row.votes,
                            helpfulPercent: row.helpfulPercent, reasons: Dictionary(uniqueKeysWithValues: row.reasons.map { ($0.key.rawValue, $0.value) }),
                            comments: service.comments.comments(row.key, limit: 10).map {
                                LowRated.Comment(helpful: $0.helpful, reason: $0.reason?.rawValue, text: $0.text, at: $0.at)
                            })
        }
    }

    /// The report in words for the terminal.
    public static func text(_ r: SelfServiceReport) -> String {
        func percent(_ x: Double?) -> String { x.map { String(format: "%.1f %%", $0 * 100) } ?? "–" }
        var lines = [
            "views \(r.views), searches \(r.searches) (\(r.zeroResultSearches) found nothing, \(percent(r.zeroResultRate))), click-through \(percent(r.clickThroughRate))",
            "votes \(r.votes), helpful \(r.helpfulPercent.map { String(format: "%.1f %%", $0) } ?? "–")",
            "ticket-form suggestions shown \(r.suggestionsShown), opened \(r.suggestionOpens), deflections \(r.deflections) (\(percent(r.deflectionRate))), pending \(r.pendingDeflections)",
        ]
        if !r.contentGaps.isEmpty {
            lines.append("searches that found nothing:")
            lines += r.contentGaps.prefix(20).map { "  \($0.count)×  \($0.query)" }
        }
        return lines.joined(separator: "\n")
    }
}
