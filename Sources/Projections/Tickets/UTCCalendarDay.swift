import Foundation

/// A day of the proleptic Gregorian calendar in UTC, with the period keys reports group by.
///
/// Plain integer arithmetic (H. Hinnant's `civil_from_days`): grouping 100,000 ratings by week must
/// not build a `Calendar` or a formatter per rating, and must not depend on the server's time zone.
struct UTCCalendarDay: Equatable {
    var year: Int
    var month: Int
    var day: Int
    /// Days since 1970-01-01.
    var ordinal: Int

    init(_ date: Date) {
        ordinal = Int((date.timeIntervalSince1970 / 86400).rounded(.down))
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 of a civil date.
    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: Monday 1 … Sunday 7 (1970-01-01 was a Thursday).
    var isoWeekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }

    /// `yyyy-MM-dd`
    var dayKey: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    /// `yyyy-MM`
    var monthKey: String { "\(pad(year, 4))-\(pad(month, 2))" }

    /// ISO 8601 week, `YYYY-Www`: weeks start on Monday and belong to the year of their Thursday.
    var isoWeekKey: String {
        let thursday = UTCCalendarDay(ordinal: ordinal - isoWeekday + 4)
        let week = (thursday.ordinal - Self.ordinal(year: thursday.year, month: 1, day: 1)) / 7 + 1
        return "\(pad(thursday.year, 4))-W\(pad(week, 2))"
    }

    private init(ordinal: Int) {
        self.init(Date(timeIntervalSince1970: Double(ordinal) * 86400))
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
