/// The English words the date, time and money grammars know: numbers, months, weekdays, units.
enum EntityVocabulary {
    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let ordinalWords: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
        "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
        "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    ]
    /// Full month names; abbreviations are in ``monthAbbreviations``.
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
    ]
    static let monthAbbreviations: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    static let weekdays: [String: Int] = [
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]
    static let weekdayAbbreviations: [String: Int] = [
        "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
    ]

    enum Unit { case minute, hour, day, week, month, year }

    static let timeUnits: [String: Unit] = [
        "minute": .minute, "minutes": .minute, "min": .minute, "mins": .minute,
        "hour": .hour, "hours": .hour, "hr": .hour, "hrs": .hour,
        "day": .day, "days": .day, "week": .week, "weeks": .week, "wk": .week, "wks": .week,
        "month": .month, "months": .month, "year": .year, "years": .year, "yr": .year, "yrs": .year,
    ]

    /// A number written in words from token `i` ("twenty-five", "a hundred and fifty", "three
    /// thousand"): its value and the token after it.
    static func numberWords(_ t: [EntityToken], _ i: Int) -> (Int, Int)? {
        var total = 0, current = 0
        var j = i
        var any = false
        var lastEnd = i
        // At most a dozen tokens ("one hundred and twenty-three thousand …"), so that a message of
        // thousands of number words stays linear.
        while j < t.count, j - i < 12, t[j].kind == .word || (t[j].text == "-" && any) {
            let w = t[j].text
            if let v = units[w] {
                current += v
            } else if let v = tens[w] {
                current += v
                if j + 2 < t.count, t[j + 1].text == "-", let u = units[t[j + 2].text], u > 0, u < 10 {
                    current += u
                    j += 2
                }
            } else if w == "hundred", any || (j > i && ["a", "one"].contains(t[j - 1].text)) {
                current = max(current, 1) * 100
            } else if w == "thousand" || w == "million", any || (j > i && t[j - 1].text == "a") {
                total += max(current, 1) * (w == "thousand" ? 1000 : 1_000_000)
                current = 0
            } else if (w == "a" || w == "an") && !any, j + 1 < t.count, ["hundred", "thousand", "million"].contains(t[j + 1].text) {
                j += 1
                continue
            } else if w == "and", any, j + 1 < t.count, units[t[j + 1].text] != nil || tens[t[j + 1].text] != nil {
                j += 1
                continue
            } else {
                break
            }
            any = true
            j += 1
            lastEnd = j
            if total > 1_000_000_000 { return nil }
        }
        return any ? (total + current, lastEnd) : nil
    }
}
