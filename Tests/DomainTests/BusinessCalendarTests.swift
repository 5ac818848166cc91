import Domain
import Foundation
import Testing

@Suite("Business hours")
struct BusinessCalendarTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// A moment given as wall-clock time in `zone`.
    func at(_ text: String, _ zone: TimeZone) -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.date(from: text)!
    }

    @Test func timeAddsUpWithinADay() {
        let office = BusinessCalendar.officeHours(berlin)
        #expect(office.adding(2 * 3600, to: at("2026-11-24 10:00", berlin)) == at("2026-11-24 12:00", berlin))
        #expect(office.workingSeconds(from: at("2026-11-24 08:00", berlin), to: at("2026-11-24 18:00", berlin)) == 8 * 3600)
    }

    @Test func theWeekendDoesNotCount() {
        let office = BusinessCalendar.officeHours(berlin)
        // Friday 16:00 + 2 working hours = Monday 10:00.
        #expect(office.adding(2 * 3600, to: at("2026-11-27 16:00", berlin)) == at("2026-11-30 10:00", berlin))
        #expect(office.workingSeconds(from: at("2026-11-27 16:00", berlin), to: at("2026-11-30 10:00", berlin)) == 2 * 3600)
        // Asked on a Saturday, the clock starts on Monday morning.
        #expect(office.adding(3600, to: at("2026-11-28 12:00", berlin)) == at("2026-11-30 10:00", berlin))
    }

    @Test func holidaysDoNotCount() {
        let office = BusinessCalendar.officeHours(berlin, holidays: ["2026-12-24", "2026-12-25"])
        // Wednesday 23 Dec 16:00 + 2h: Thursday 24 and Friday 25 are holidays, so Monday 28 at 10:00.
        #expect(office.adding(2 * 3600, to: at("2026-12-23 16:00", berlin)) == at("2026-12-28 10:00", berlin))
    }

    @Test func clocksGoingForwardDoNotShortenTheWorkingDay() {
        // 29 March 2026: Berlin skips 2:00–3:00. Friday 27 March 16:00 (CET) + 2h = Monday 30 March 10:00 (CEST).
        let office = BusinessCalendar.officeHours(berlin)
        #expect(office.adding(2 * 3600, to: at("2026-03-27 16:00", berlin)) == at("2026-03-30 10:00", berlin))
        #expect(office.workingSeconds(from: at("2026-03-27 16:00", berlin), to: at("2026-03-30 10:00", berlin)) == 2 * 3600)
        // An every-day 9–17 calendar still has eight hours on the day of the change.
        let daily = BusinessCalendar(timeZone: berlin, weekdays: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, .hours(9, 17)) }))
        #expect(daily.workingSeconds(from: at("2026-03-29 00:00", berlin), to: at("2026-03-30 00:00", berlin)) == 8 * 3600)
        // Round the clock, that night has only 23 hours.
        let allDay = BusinessCalendar(timeZone: berlin, weekdays: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, BusinessCalendar.Hours(start: 0, end: 1440)) }))
        #expect(allDay.workingSeconds(from: at("2026-03-29 00:00", berlin), to: at("2026-03-30 00:00", berlin)) == 23 * 3600)
    }

    @Test func clocksGoingBackDoNotLengthenIt() {
        // 25 October 2026: Berlin repeats 2:00–3:00; round the clock that day has 25 hours, office days still 8.
        let allDay = BusinessCalendar(timeZone: berlin, weekdays: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, BusinessCalendar.Hours(start: 0, end: 1440)) }))
        #expect(allDay.workingSeconds(from: at("2026-10-25 00:00", berlin), to: at("2026-10-26 00:00", berlin)) == 25 * 3600)
        let office = BusinessCalendar.officeHours(berlin)
        #expect(office.adding(2 * 3600, to: at("2026-10-23 16:00", berlin)) == at("2026-10-26 10:00", berlin))
    }

    @Test func addingAndMeasuringAgree() {
        let office = BusinessCalendar.officeHours(TimeZone(identifier: "America/New_York")!, holidays: ["2026-11-26"])
        var start = Date(timeIntervalSince1970: 1_780_000_000)
        for i in 0..<200 {
            let amount = TimeInterval((i * 7919) % (40 * 3600))
            let due = office.adding(amount, to: start)!
            #expect(office.workingSeconds(from: start, to: due) == amount, "start \(start), amount \(amount)")
            start = start.addingTimeInterval(Double(i * 3571 % 86400))
        }
    }

    @Test func aCalendarWithoutWorkingTimeHasNoDueDate() {
        #expect(BusinessCalendar(timeZone: berlin, weekdays: [:]).adding(60, to: Date()) == nil)
    }
}
