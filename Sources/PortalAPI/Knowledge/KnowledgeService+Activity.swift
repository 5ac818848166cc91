import Domain
import EventStore
import Foundation
import Projections
import Synchronization

extension KnowledgeService {
    /// Views, searches and suggestion sets go to one stream per UTC day (`kb-activity-yyyymmdd`), appended
    /// without a version check: they are facts about readers, not decisions.
    static func activityStream(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "kb-activity-%04d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    func recordActivity(_ event: any DomainEvent) async {
        do {
            _ = try await append([event], stream: Self.activityStream(Date()), expected: .any, actor: "reader")
        } catch {
            // Analytics must never stop a reader.
            logger.warning("knowledge activity not recorded: \(error)")
        }
    }

    /// Records that a reader opened an item (a repeat by the same visitor within the window is not counted).
    public func recordView(_ key: String, visitor: KnowledgeVisitor?, origin: KnowledgeOrigin, searchID: UUID? = nil, suggestionID: UUID? = nil) async {
        if let visitor, !views.isNew("\(visitor)|\(key)|\(searchID?.uuidString ?? "")|\(suggestionID?.uuidString ?? "")") { return }
        await recordActivity(KnowledgeItemViewed(itemKey: key, visitor: visitor, origin: origin, searchID: searchID, suggestionID: suggestionID))
    }

    /// Records a search and returns its id (for click-through).
    public func recordSearch(_ query: String, results: Int, shown: [String], origin: KnowledgeOrigin, visitor: KnowledgeVisitor?, corrected: Bool) async -> UUID {
        let id = UUIDv7.make()
        await recordActivity(KnowledgeSearched(searchID: id, query: KnowledgeSearched.scrub(query), results: results, shown: Array(shown.prefix(10)),
                                               origin: origin, visitor: visitor, corrected: corrected))
        return id
    }

    /// Records the suggestions a ticket form showed and returns their id (for deflection).
    public func recordSuggestions(_ keys: [String], visitor: KnowledgeVisitor?, origin: KnowledgeOrigin) async -> UUID {
        let id = UUIDv7.make()
        await recordActivity(KnowledgeSuggestionsShown(suggestionID: id, itemKeys: Array(keys.prefix(10)), visitor: visitor, origin: origin))
        return id
    }
}

/// Which visitor saw which item lately, so reloading a page does not count as another view. Bounded: the
/// oldest entries go first.
final class RecentViews: Sendable {
    private let window: TimeInterval
    private let seen = Mutex<(order: [(String, Date)], at: [String: Date])>(([], [:]))
    static let capacity = 100_000

    init(window: TimeInterval) { self.window = window }

    func isNew(_ key: String, now: Date = Date()) -> Bool {
        seen.withLock { s in
            if let last = s.at[key], now.timeIntervalSince(last) < window { return false }
            s.at[key] = now
            s.order.append((key, now))
            if s.order.count > Self.capacity {
                let drop = s.order.count - Self.capacity
                for (k, t) in s.order.prefix(drop) where s.at[k] == t { s.at[k] = nil }
                s.order.removeFirst(drop)
            }
            return true
        }
    }
}
