import Domain
import Foundation

/// The ticket settings as operators write them on the command line or in the environment.
extension TicketSettings {
    public struct TextError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Working hours: `mon-fri 09:00-17:00`, several groups separated by `;`
    /// (`mon-thu 08:00-18:00; fri 08:00-14:00`).
    public static func parseHours(_ text: String) throws -> [Int: BusinessCalendar.Hours] {
        let days = ["sun": 1, "mon": 2, "tue": 3, "wed": 4, "thu": 5, "fri": 6, "sat": 7]
        var result: [Int: BusinessCalendar.Hours] = [:]
        for group in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !group.isEmpty {
            let parts = group.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else { throw TextError(description: "working hours look like 'mon-fri 09:00-17:00'; '\(group)' does not") }
            let range = parts[0].lowercased().split(separator: "-").map(String.init)
            guard (1...2).contains(range.count), let first = days[range[0]], let last = days[range.last!] else {
                throw TextError(description: "'\(parts[0])' is not a day or a range of days such as mon-fri")
            }
            let times = parts[1].split(separator: "-").map(String.init)
            guard times.count == 2, let start = minutes(times[0]), let end = minutes(times[1]), start < end else {
                throw TextError(description: "'\(parts[1])' is not a time range such as 09:00-17:00 (24:00 is allowed as an end)")
            }
            var day = first
            while true {
                result[day] = BusinessCalendar.Hours(start: start, end: end)
                if day == last { break }
                day = day % 7 + 1
            }
        }
        guard !result.isEmpty else { throw TextError(description: "give at least one working day, e.g. 'mon-fri 09:00-17:00'") }
        return result
    }

    static func minutes(_ text: String) -> Int? {
        let p = text.split(separator: ":")
        guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    /// Holidays: `2026-12-24,2026-12-25`.
    public static func parseHolidays(_ text: String) throws -> Set<String> {
        let days = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).map(String.init)
        for day in days where !SLAPolicy.isDay(day) { throw TextError(description: "'\(day)' is not a date such as 2026-12-25") }
        return Set(days)
    }

    /// SLA targets: `urgent=1h/8h,high=4h/24h,normal=8h/40h,low=24h/80h` (first response / resolution,
    /// in working time: minutes `m` or hours `h`).
    public static func parseTargets(_ text: String, base: [TicketPriority: SLAPolicy.Targets] = SLAPolicy.defaultTargets) throws -> [TicketPriority: SLAPolicy.Targets] {
        var targets = base
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let kv = item.split(separator: "=").map(String.init)
            guard kv.count == 2, let priority = TicketPriority(rawValue: kv[0]) else {
                throw TextError(description: "SLA targets look like 'urgent=1h/8h'; '\(item)' does not name a priority (low, normal, high, urgent)")
            }
            let pair = kv[1].split(separator: "/").map(String.init)
            guard pair.count == 2, let first = workingDuration(pair[0]), let resolution = workingDuration(pair[1]) else {
                throw TextError(description: "'\(kv[1])' is not first-response/resolution such as 4h/24h")
            }
            targets[priority] = SLAPolicy.Targets(firstResponse: first, resolution: resolution)
        }
        return targets
    }

    static func workingDuration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let n = Double(text.dropLast()), n > 0 else { return nil }
        switch unit {
        case "m": return n * 60
        case "h": return n * 3600
        default: return nil
        }
    }
}
