import Foundation

/// When support is working: a time zone, the working hours of each weekday, and holidays. SLA clocks
/// run only inside these hours.
///
/// Hours are wall-clock times in the calendar's time zone, so a clock change (DST) shortens or
/// lengthens the night, never the working day: 9:00–17:00 is eight working hours on the day clocks go
/// forward too. Times are computed with `Calendar` in that zone, never by adding fixed offsets.
public struct BusinessCalendar: Sendable, Equatable, Codable {
    /// Working hours of one day, in minutes after midnight, `start < end`.
    public struct Hours: Sendable, Equatable, Codable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
        public static func hours(_ from: Int, _ to: Int) -> Hours { Hours(start: from * 60, end: to * 60) }
    }

    public var timeZone: TimeZone
    /// Working hours per weekday, 1 = Sunday … 7 = Saturday (as `Calendar` numbers them); absent = closed.
    public var weekdays: [Int: Hours]
    /// Closed days, as `yyyy-MM-dd` in the calendar's time zone.
    public var holidays: Set<String>

    public init(timeZone: TimeZone, weekdays: [Int: Hours], holidays: Set<String> = []) {
        self.timeZone = timeZone
        self.weekdays = weekdays
        self.holidays = holidays
    }

    /// Monday to Friday, 9:00–17:00, in `timeZone`.
    public static func officeHours(_ timeZone: TimeZone, holidays: Set<String> = []) -> BusinessCalendar {
        BusinessCalendar(timeZone: timeZone, weekdays: Dictionary(uniqueKeysWithValues: (2...6).map { ($0, Hours.hours(9, 17)) }), holidays: holidays)
    }

    /// Every hour of every day.
    public static let always = BusinessCalendar(timeZone: TimeZone(identifier: "UTC")!, weekdays: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, Hours(start: 0, end: 1440)) }))

    private var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    /// The working interval of the day containing `date`, if that day is a working day.
    private func workingInterval(ofDayContaining date: Date, _ c: Calendar) -> DateInterval? {
        let day = c.startOfDay(for: date)
        guard let hours = weekdays[c.component(.weekday, from: day)], !holidays.contains(Self.dayKey(day, c)) else { return nil }
        guard let start = wallClock(day, minutes: hours.start, c), let end = wallClock(day, minutes: hours.end, c), start < end else { return nil }
        return DateInterval(start: start, end: end)
    }

    /// The moment a wall-clock time happens on `day` (for a time skipped by a clock change, the first moment after it).
    private func wallClock(_ day: Date, minutes: Int, _ c: Calendar) -> Date? {
        if minutes >= 1440 { return c.date(byAdding: .day, value: 1, to: day) }
        var parts = c.dateComponents([.year, .month, .day], from: day)
        parts.hour = minutes / 60
        parts.minute = minutes % 60
        return c.date(from: parts)
    }

    static func dayKey(_ day: Date, _ c: Calendar) -> String {
        let p = c.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0)
    }

    /// Working seconds between two moments (0 when `to` is not after `from`).
    public func workingSeconds(from: Date, to: Date) -> TimeInterval {
        guard to > from else { return 0 }
        let c = calendar
        var total: TimeInterval = 0
        var day = c.startOfDay(for: from)
        var guardDays = 0
        while day < to, guardDays < 366 * 20 {
            if let work = workingInterval(ofDayContaining: day, c) {
                let start = max(work.start, from), end = min(work.end, to)
                if end > start { total += end.timeIntervalSince(start) }
            }
            guard let next = c.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
            guardDays += 1
        }
        return total
    }

    /// The moment `seconds` of working time after `start` have passed; nil when the calendar has no
    /// working time at all.
    public func adding(_ seconds: TimeInterval, to start: Date) -> Date? {
        guard !weekdays.isEmpty else { return nil }
        let c = calendar
        var remaining = seconds
        var cursor = start
        var day = c.startOfDay(for: start)
        for _ in 0..<(366 * 20) {
            if let work = workingInterval(ofDayContaining: day, c), work.end > cursor {
                let from = max(work.start, cursor)
                let available = work.end.timeIntervalSince(from)
                if remaining <= available { return from.addingTimeInterval(remaining) }
                remaining -= available
            }
            guard let next = c.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = next
            cursor = day
        }
        return nil
    }
}

