import Foundation

/// Calendar arithmetic for the `Date` header and mail folder file names.
///
/// Done by hand in UTC rather than with `DateFormatter`, whose output depends on the locale and
/// time zone of the process; a header must read `Tue, 01 Jul 2025 10:00:00 +0000` everywhere.
enum MailDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` in RFC 5322 §3.3 format, in UTC: `Tue, 01 Jul 2025 10:00:00 +0000`.
    static func rfc5322(_ date: Date) -> String {
        let t = Parts(date)
        return "\(weekdays[t.weekday]), \(pad(t.day)) \(months[t.month - 1]) \(t.year) "
            + "\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second)) +0000"
    }

    /// `date` as a compact UTC timestamp that sorts as text: `20250701T100000.123Z`.
    static func compactUTC(_ date: Date) -> String {
        let t = Parts(date)
        return "\(t.year)\(pad(t.month))\(pad(t.day))T\(pad(t.hour))\(pad(t.minute))\(pad(t.second))."
            + "\(pad(t.millisecond, width: 3))Z"
    }

    private static func pad(_ value: Int, width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private struct Parts {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0, weekday = 0

        init(_ date: Date) {
            let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
            let (days, msOfDay) = Self.floorDivide(totalMilliseconds, 86_400_000)
            millisecond = Int(msOfDay % 1000)
            second = Int(msOfDay / 1000 % 60)
            minute = Int(msOfDay / 60_000 % 60)
            hour = Int(msOfDay / 3_600_000)
            weekday = Int(Self.floorDivide(days, 7).remainder)
            (year, month, day) = Self.civil(fromDays: days)
        }

        private static func floorDivide(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
            let q = a >= 0 ? a / b : (a - b + 1) / b
            return (q, a - q * b)
        }

        /// Howard Hinnant's `civil_from_days`: proleptic Gregorian date of a day count since 1970-01-01.
        private static func civil(fromDays days: Int64) -> (Int, Int, Int) {
            let z = days + 719_468
            let era = floorDivide(z, 146_097).quotient
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
            return (Int(y), Int(m), Int(d))
        }
    }
}
