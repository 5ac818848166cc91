import Foundation

/// The MS-DOS date and time in ZIP headers: 2-second resolution, years 1980–2107, no time zone.
/// Written in UTC (so an archive does not depend on the server's zone); the exact time also goes in the
/// extended-timestamp extra field, which extractors prefer.
struct DOSDateTime: Equatable {
    let date: UInt16
    let time: UInt16

    init(_ instant: Date) {
        let earliest: Int64 = 315_532_800  // 1980-01-01T00:00:00Z
        let latest: Int64 = 4_354_819_198  // 2107-12-31T23:59:58Z
        let seconds = min(max(Int64(instant.timeIntervalSince1970.rounded(.down)), earliest), latest)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        date = UInt16((year - 1980) << 9 | month << 5 | day)
        let hour = secondOfDay / 3600, minute = secondOfDay % 3600 / 60, second = secondOfDay % 60
        time = UInt16(hour << 11 | minute << 5 | second / 2)
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
