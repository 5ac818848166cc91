import Foundation
import NLU
import Testing

@Suite("Entities: dates, times and periods")
struct EntityDateTests {
    typealias S = EntitySupport

    @Test("relative days against 2022-03-15", arguments: [
        ("today", "2022-03-15"), ("yesterday", "2022-03-14"), ("tomorrow", "2022-03-16"),
        ("the day before yesterday", "2022-03-13"), ("day after tomorrow", "2022-03-17"),
        ("in 3 days", "2022-03-18"), ("3 days ago", "2022-03-12"), ("two weeks ago", "2022-03-01"),
        ("10 months ago", "2021-05-15"), ("two days from now", "2022-03-17"), ("this morning", "2022-03-15"),
        ("last night", "2022-03-14"),
    ])
    func relativeDays(text: String, expected: String) {
        #expect(S.value(.date, in: "It happened \(text) I think") == expected)
    }

    @Test("relative days cross month, year and leap-day boundaries")
    func boundaries() {
        #expect(S.value(.date, in: "tomorrow", at: S.at("2022-03-31T12:00:00Z")) == "2022-04-01")
        #expect(S.value(.date, in: "yesterday", at: S.at("2022-01-01T12:00:00Z")) == "2021-12-31")
        #expect(S.value(.date, in: "in 3 days", at: S.at("2021-12-30T12:00:00Z")) == "2022-01-02")
        #expect(S.value(.date, in: "3 days ago", at: S.at("2022-03-01T12:00:00Z")) == "2022-02-26")
        #expect(S.value(.date, in: "tomorrow", at: S.at("2024-02-28T12:00:00Z")) == "2024-02-29")
        #expect(S.value(.date, in: "in 1 month", at: S.at("2022-01-31T12:00:00Z")) == "2022-02-28")
        #expect(S.value(.dateRange, in: "last month", at: S.at("2022-01-10T12:00:00Z")) == "2021-12-01/2021-12-31")
        #expect(S.value(.dateRange, in: "next month", at: S.at("2021-12-10T12:00:00Z")) == "2022-01-01/2022-01-31")
    }

    @Test("the day is the caller's: 23:30 UTC is already tomorrow in Berlin, still yesterday in New York")
    func timeZones() {
        let late = S.at("2022-03-15T23:30:00Z")
        #expect(S.value(.date, in: "today", at: late, zone: "UTC") == "2022-03-15")
        #expect(S.value(.date, in: "today", at: late, zone: "Europe/Berlin") == "2022-03-16")
        #expect(S.value(.date, in: "tomorrow", at: late, zone: "Europe/Berlin") == "2022-03-17")
        #expect(S.value(.date, in: "today", at: S.at("2022-03-15T03:00:00Z"), zone: "America/New_York") == "2022-03-14")
        // Over New Year: the last day of the year in UTC is the first of the next in Tokyo.
        #expect(S.value(.date, in: "yesterday", at: S.at("2021-12-31T20:00:00Z"), zone: "Asia/Tokyo") == "2021-12-31")
    }

    @Test("weekdays: bare and \"this\" look ahead, \"next\" means next week, \"last\" looks back (Tuesday 15 March)", arguments: [
        ("on Friday", "2022-03-18"), ("Tuesday", "2022-03-22"), ("this Tuesday", "2022-03-22"), ("this Friday", "2022-03-18"),
        ("next Monday", "2022-03-21"), ("next Saturday", "2022-03-26"), ("next Tuesday", "2022-03-22"),
        ("last Friday", "2022-03-11"), ("last Tuesday", "2022-03-08"), ("last Monday", "2022-03-14"),
        ("next week Friday", "2022-03-25"), ("Saturday last week", "2022-03-12"), ("Wednesday in a week", "2022-03-23"),
    ])
    func weekdays(text: String, expected: String) {
        #expect(S.value(.date, in: "Can we do it \(text)?") == expected)
    }

    @Test("day and month in every usual order; the year is next year's once the month has passed", arguments: [
        ("2 March", "2022-03-02"), ("March 2nd", "2022-03-02"), ("2nd of March", "2022-03-02"), ("the 2nd of March", "2022-03-02"),
        ("March the 2nd", "2022-03-02"), ("Mar 2", "2022-03-02"), ("Jan the 19th", "2023-01-19"), ("7th of Jan 2018", "2018-01-07"),
        ("April 14, 2018", "2018-04-14"), ("2022-03-02", "2022-03-02"), ("02/03/2022", "2022-03-02"), ("12/25/2022", "2022-12-25"),
        ("11/04/23", "2023-04-11"), ("Friday, October the 16th", "2026-10-16"), ("the 16th", "2022-03-16"), ("the 3rd", "2022-04-03"),
        ("end of this year", "2022-12-31"),
    ])
    func absoluteDays(text: String, expected: String) {
        #expect(S.value(.date, in: "It was on \(text).") == expected)
    }

    @Test("periods and ranges have inclusive ends", arguments: [
        ("last week", "2022-03-07/2022-03-13"), ("this week", "2022-03-14/2022-03-20"), ("this month", "2022-03-01/2022-03-31"),
        ("last month", "2022-02-01/2022-02-28"), ("this quarter", "2022-01-01/2022-03-31"), ("last year", "2021-01-01/2021-12-31"),
        ("in January", "2023-01-01/2023-01-31"), ("during 2017", "2017-01-01/2017-12-31"), ("last 3 days", "2022-03-12/2022-03-14"),
        ("the last 2 months", "2022-01-01/2022-02-28"), ("next 2 weeks", "2022-03-21/2022-04-03"),
        ("from 1 to 5 March", "2022-03-01/2022-03-05"), ("between 2 March and 9 March", "2022-03-02/2022-03-09"),
        ("from Feb 17 to Mar 4", "2022-02-17/2022-03-04"), ("since 2 March", "2022-03-02/2022-03-15"),
        ("October last year", "2021-10-01/2021-10-31"),
    ])
    func periods(text: String, expected: String) {
        #expect(S.value(.dateRange, in: "Show payments \(text) please") == expected)
    }

    @Test("times of day", arguments: [
        ("at 3pm", "15:00"), ("at 15:30", "15:30"), ("at noon", "12:00"), ("at 20 to 2", "01:40"), ("half past 17", "17:30"),
        ("at 9:45 in the evening", "21:45"), ("at 10 past 9 night", "21:10"), ("at 12 00 a.m.", "00:00"), ("at 7", "07:00"),
        ("quarter past 16 afternoon", "16:15"), ("15 minutes ago", "08:45"), ("at 5ish in the afternoon", "17:00"),
    ])
    func times(text: String, expected: String) {
        #expect(S.value(.time, in: "I paid \(text).") == expected)
    }

    @Test("a day next to a time is one date-time; durations are ISO 8601")
    func dateTimesAndDurations() {
        #expect(S.value(.dateTime, in: "call me tomorrow at 3pm") == "2022-03-16T15:00")
        #expect(S.value(.dateTime, in: "on 2 March at 14:30") == "2022-03-02T14:30")
        #expect(S.value(.duration, in: "it took 3 days") == "P3D")
        #expect(S.value(.duration, in: "wait 2 hours") == "PT2H")
        #expect(S.value(.duration, in: "for half an hour") == "PT30M")
        #expect(S.value(.duration, in: "I pay monthly") == "P1M")
    }

    @Test("words that only look like dates stay out")
    func notDates() {
        #expect(S.values("may I have my card back").isEmpty)
        #expect(S.value(.date, in: "my 2nd card is blocked") == nil)
        #expect(S.value(.date, in: "I paid on the 4th of each month") == nil)
        #expect(S.value(.time, in: "I have 7 cards") == nil)
    }
}
