/// Single days: "today", weekdays, "2 March", "02/03/2022", "in 3 days", "the 5th".
extension TemporalGrammar {
    func dateExpression(_ i: Int) -> TemporalMatch? {
        guard i < t.count else { return nil }
        return longest([
            keywordDay(i), weekdayDay(i), monthDay(i), numericDate(i), relativeDay(i), ordinalDay(i), boundaryDay(i),
            namedPeriod(i), countedPeriod(i), monthPeriod(i), yearPeriod(i),
        ])
    }

    func day(_ d: CivilDate, _ start: Int, _ end: Int) -> TemporalMatch { TemporalMatch(value: .day(d), start: start, end: end) }

    func keywordDay(_ i: Int) -> TemporalMatch? {
        guard let w = word(i) else { return nil }
        var end = i + 1
        var d: CivilDate
        switch w {
        case "today", "tonight": d = today
        case "yesterday": d = today.adding(days: -1)
        case "tomorrow", "tmrw", "tmr": d = today.adding(days: 1)
        case "day":
            if isWord(i + 1, "after"), isWord(i + 2, "tomorrow") { return day(today.adding(days: 2), i, i + 3) }
            if isWord(i + 1, "before"), isWord(i + 2, "yesterday") { return day(today.adding(days: -2), i, i + 3) }
            return nil
        case "this":
            return isWord(i + 1, "morning", "afternoon", "evening") ? day(today, i, i + 2) : nil
        case "last":
            return isWord(i + 1, "night") ? day(today.adding(days: -1), i, i + 2) : nil
        default: return nil
        }
        if w != "tonight", isWord(end, "morning", "afternoon", "evening", "night") { end += 1 }
        return day(d, i, end)
    }

    /// Days ahead to weekday `wd` from today: 0 when today is that day.
    func daysAhead(_ wd: Int) -> Int { (wd - today.weekday + 7) % 7 }

    func weekStart(_ modifier: String) -> CivilDate {
        let offset = modifier == "next" || modifier == "coming" ? 7 : modifier == "last" || modifier == "previous" || modifier == "past" ? -7 : 0
        return today.startOfWeek.adding(days: offset)
    }

    func weekdayDay(_ i: Int) -> TemporalMatch? {
        if let mod = word(i), ["this", "next", "last", "coming", "past", "previous"].contains(mod) {
            if let wd = weekday(i + 1) {
                var d: CivilDate
                switch mod {
                case "this", "coming": d = today.adding(days: daysAhead(wd) == 0 ? 7 : daysAhead(wd))
                case "next": d = weekStart("next").adding(days: wd - 1)
                default:
                    let back = (today.weekday - wd + 7) % 7
                    d = today.adding(days: -(back == 0 ? 7 : back))
                }
                var end = i + 2
                if isWord(end, "after"), isWord(end + 1, "next") { d = d.adding(days: 7); end += 2 }
                return day(d, i, end)
            }
            if ["this", "next", "last"].contains(mod), isWord(i + 1, "week") {
                let j = isWord(i + 2, "on") ? i + 3 : i + 2
                if let wd = weekday(j) { return day(weekStart(mod).adding(days: wd - 1), i, j + 1) }
            }
            return nil
        }
        guard let wd = weekday(i) else { return nil }
        // "the first Wednesday of each month" repeats; it is no one day.
        if isWord(i + 1, "of"), isWord(i + 2, "each", "every") { return nil }
        let next = today.adding(days: daysAhead(wd) == 0 ? 7 : daysAhead(wd))
        var j = i + 1
        if isWord(j, "of") { j += 1 }
        if let mod = word(j), ["this", "next", "last"].contains(mod), isWord(j + 1, "week") {
            return day(weekStart(mod).adding(days: wd - 1), i, j + 2)
        }
        if isWord(i + 1, "in"), let (n, k) = quantity(i + 2), unit(k) == .week, n <= 520 {
            return day(next.adding(days: 7 * n), i, k + 1)
        }
        if isWord(i + 1, "after"), isWord(i + 2, "next") { return day(next.adding(days: 7), i, i + 3) }
        // A capitalised abbreviation alone ("Sat") is too often something else; full names only.
        guard EntityVocabulary.weekdays[t[i].text] != nil else { return nil }
        return day(next, i, i + 1)
    }

    /// "2 March", "2nd of March", "March the 2nd", "Friday, October the 16th", "7th of Jan 2018".
    func monthDay(_ i: Int) -> TemporalMatch? {
        var j = i
        var wd: Int?
        if let w = weekday(i) {
            wd = w
            j = isSymbol(i + 1, ",") ? i + 2 : i + 1
        }
        guard let (d, m, explicitYear, coreEnd) = monthDayCore(j) else { return nil }
        var end = coreEnd
        var y = explicitYear ?? (m < today.month ? today.year + 1 : today.year)
        if explicitYear == nil, let wd {
            for candidate in y..<(y + 28) where CivilDate.isValid(year: candidate, month: m, day: d)
                && CivilDate(year: candidate, month: m, day: d).weekday == wd {
                y = candidate
                break
            }
        }
        guard CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        if isWord(end, "on"), weekday(end + 1) != nil { end += 2 }
        return day(CivilDate(year: y, month: m, day: d), i, end)
    }

    private func monthDayCore(_ j: Int) -> (Int, Int, Int?, Int)? {
        func withYear(_ end: Int) -> (Int?, Int) {
            let e = isSymbol(end, ",") ? end + 1 : end
            if let y = year(e) { return (y, e + 1) }
            return (nil, end)
        }
        var start = j
        if isWord(j, "the"), dayOfMonth(j + 1) != nil, isWord(j + 2, "of") { start = j + 1 }
        if let (d, k) = dayOfMonth(start) {
            let k2 = isWord(k, "of") ? k + 1 : k
            if let m = month(k2, nextToDay: true) {
                var end = k2 + 1
                if isSymbol(end, "."), EntityVocabulary.monthAbbreviations[t[k2].text] != nil, adjacent(k2, end) { end += 1 }
                let (y, e) = withYear(end)
                return (d, m, y, e)
            }
        }
        if let m = month(j, nextToDay: true) {
            var k = j + 1
            if isSymbol(k, "."), adjacent(j, k) { k += 1 }
            let the = isWord(k, "the")
            if the { k += 1 }
            if let (d, k2) = dayOfMonth(k) {
                if t[j].text == "may", !t[j].capitalized, !the, t[k].kind != .ordinal { return nil }
                let (y, e) = withYear(k2)
                return (d, m, y, e)
            }
        }
        return nil
    }

    func shifted(_ n: Int, _ unit: EntityVocabulary.Unit) -> CivilDate? {
        switch unit {
        case .day: return today.adding(days: n)
        case .week: return today.adding(days: 7 * n)
        case .month: return today.adding(months: n)
        case .year: return today.adding(months: 12 * n)
        default: return nil
        }
    }

    /// "in 3 days", "3 days ago", "two weeks from now", "3 days away from now".
    func relativeDay(_ i: Int) -> TemporalMatch? {
        if isWord(i, "in", "within"), let (n, k) = quantity(i + 1), let u = unit(k), let d = shifted(n, u) {
            let end = isWord(k + 1, "time") || isWord(k + 1, "s") ? k + 2 : k + 1
            return isWord(i, "in") ? day(d, i, end) : nil
        }
        guard let (n, k) = quantity(i), let u = unit(k) else { return nil }
        if isWord(k + 1, "ago", "before", "earlier"), let d = shifted(-n, u) { return day(d, i, k + 2) }
        if isWord(k + 1, "from"), isWord(k + 2, "now", "today"), let d = shifted(n, u) { return day(d, i, k + 3) }
        if isWord(k + 1, "later", "hence"), let d = shifted(n, u) { return day(d, i, k + 2) }
        if isWord(k + 1, "away"), let d = shifted(n, u) {
            return day(d, i, isWord(k + 2, "from") && isWord(k + 3, "now", "today") ? k + 4 : k + 2)
        }
        return nil
    }

    /// "the 5th", "25th this month", "next 30th", "last 13th" (not "the 4th of each month").
    func ordinalDay(_ i: Int) -> TemporalMatch? {
        var j = i
        var modifier = ""
        if let w = word(i), ["next", "last", "this"].contains(w) { modifier = w; j = i + 1 }
        guard j < t.count, t[j].kind == .ordinal, let d = t[j].intValue, (1...31).contains(d) else { return nil }
        if isWord(i - 1, "each", "every") { return nil }
        var end = j + 1
        var monthOffset: Int?
        let k = isWord(end, "of") ? end + 1 : end
        if let w = word(k), ["this", "next", "last", "the"].contains(w), isWord(k + 1, "month") {
            monthOffset = w == "next" ? 1 : w == "last" ? -1 : 0
            end = k + 2
        } else if isWord(k, "each", "every") {
            return nil
        }
        if modifier.isEmpty, monthOffset == nil {
            // "on the 16th how much…" is a day; "my 2nd card" and "the 2nd time" are not.
            let cued = isWord(i - 1, "the", "on", "from", "by", "until", "till", "since", "before", "after", "to")
            if let next = word(end) {
                if cued ? TemporalGrammar.ordinalNouns.contains(next) : !followerAllowed(end) { return nil }
            } else if !cued && end < t.count && t[end].kind != .symbol {
                return nil
            }
        }
        var candidate = today.firstOfMonth
        if let monthOffset {
            candidate = candidate.adding(months: monthOffset)
            guard CivilDate.isValid(year: candidate.year, month: candidate.month, day: d) else { return nil }
            return day(CivilDate(year: candidate.year, month: candidate.month, day: d), i, end)
        }
        let past = modifier == "last"
        if past ? d >= today.day : d < today.day { candidate = candidate.adding(months: past ? -1 : 1) }
        for _ in 0..<12 {
            if CivilDate.isValid(year: candidate.year, month: candidate.month, day: d) {
                return day(CivilDate(year: candidate.year, month: candidate.month, day: d), i, end)
            }
            candidate = candidate.adding(months: past ? -1 : 1)
        }
        return nil
    }

    /// Nouns that make an ordinal a rank rather than a day ("the 2nd time", "the 3rd card").
    static let ordinalNouns: Set<String> = [
        "time", "times", "card", "cards", "account", "accounts", "payment", "payments", "transfer", "transfers", "attempt", "try",
        "one", "ones", "person", "floor", "place", "line", "installment", "instalment", "charge", "transaction", "transactions",
        "day", "week", "month", "year", "quarter", "option", "step", "page", "item", "request", "ticket", "call", "letter",
    ]

    /// Whether the token after a bare ordinal leaves it reading as a day ("the 2nd at noon", not "the 2nd card").
    private func followerAllowed(_ k: Int) -> Bool {
        guard let w = word(k) else { return true }
        return ["of", "this", "next", "last", "at", "and", "or", "to", "until", "till", "in", "on", "from", "for", "please",
                "i", "so", "but", "because", "then", "when", "if", "as", "by", "before", "after", "since", "is", "was",
                "will", "would", "could", "can", "around", "about", "instead", "already", "again", "right", "yet"].contains(w)
    }

    /// "end of this month", "the beginning of next year", "start of the week".
    func boundaryDay(_ i: Int) -> TemporalMatch? {
        guard let w = word(i), ["end", "beginning", "start"].contains(w), isWord(i + 1, "of") else { return nil }
        guard let mod = word(i + 2), ["this", "the", "next", "last"].contains(mod), let u = word(i + 3),
              let (first, last) = unitPeriod(u == "week" ? "week" : u, offset: mod == "next" ? 1 : mod == "last" ? -1 : 0) else { return nil }
        return day(w == "end" ? last : first, i, i + 4)
    }
}
