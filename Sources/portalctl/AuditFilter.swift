import EventStore
import Foundation

/// The filters of `portalctl audit`.
struct AuditFilter {
    var stream: String?
    var types: Set<String>
    var actor: String?
    var since: Date?
    var until: Date?

    func matches(_ event: RecordedEvent) -> Bool {
        if let stream {
            if stream.hasSuffix("*") {
                guard event.stream.hasPrefix(stream.dropLast()) else { return false }
            } else if event.stream != stream {
                return false
            }
        }
        if !types.isEmpty && !types.contains(event.type) { return false }
        if let actor, event.metadata.actor != actor { return false }
        if let since, event.recordedAt < since { return false }
        if let until, event.recordedAt >= until { return false }
        return true
    }

    /// Parses `2026-11-25`, `2026-11-25T14:00:00Z` or with fractional seconds / offsets.
    static func parseDate(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let d = full.date(from: text) { return d }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = full.date(from: text) { return d }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
