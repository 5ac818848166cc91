/// Periods: "this month", "last 3 weeks", "in January", "during 2017", "from 1 to 5 March", "since 2 March".
extension TemporalGrammar {
    func period(_ a: CivilDate, _ b: CivilDate, _ start: Int, _ end: Int) -> TemporalMatch {
        TemporalMatch(value: .range(a, b), start: start, end: end)
    }

    /// The first and last day of the week, weekend, month, quarter or year `offset` units from today's.
    func unitPeriod(_ unit: String, offset: Int) -> (CivilDate, CivilDate)? {
        switch unit {
        case "week":
            let s = today.startOfWeek.adding(days: 7 * offset)
            return (s, s.adding(days: 6))
        case "weekend":
            let s = today.startOfWeek.adding(days: 7 * offset + 5)
            return (s, s.adding(days: 1))
        case "month":
            let f = today.firstOfMonth.adding(months: offset)
            return (f, f.lastOfMonth)
        case "quarter":
            let f = CivilDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1).adding(months: 3 * offset)
            return (f, f.adding(months: 3).adding(days: -1))
        case "year":
            return (CivilDate(year: today.year + offset, month: 1, day: 1), CivilDate(year: today.year + offset, month: 12, day: 31))
        default:
            return nil
        }
    }

    /// "this week", "last month", "next quarter", "current year", "the previous weekend".
    func namedPeriod(_ i: Int) -> TemporalMatch? {
        guard let mod = word(i), let u = word(i + 1) else { return nil }
        let offset: Int
        switch mod {
        case "this", "current": offset = 0
        case "next", "coming", "following": offset = 1
        case "last", "previous", "past": offset = -1
        default: return nil
        }
        guard let (a, b) = unitPeriod(u, offset: offset) else { return nil }
        return period(a, b, i, i + 2)
    }

    /// "last 3 days", "the past two weeks", "next 8 months", "last few months": whole units before
    /// (or after) the current one; days count from yesterday back (or tomorrow on).
    func countedPeriod(_ i: Int) -> TemporalMatch? {
        guard let mod = word(i), ["last", "past", "previous", "next", "coming", "following"].contains(mod),
              let (n, k) = quantity(i + 1, article: false), n > 0, n <= 1000, let u = unit(k) else { return nil }
        let future = ["next", "coming", "following"].contains(mod)
        let a: CivilDate, b: CivilDate
        switch u {
        case .day:
            (a, b) = future ? (today.adding(days: 1), today.adding(days: n)) : (today.adding(days: -n), today.adding(days: -1))
        case .week:
            let s = today.startOfWeek
            (a, b) = future ? (s.adding(days: 7), s.adding(days: 7 * (n + 1) - 1)) : (s.adding(days: -7 * n), s.adding(days: -1))
        case .month:
            let f = today.firstOfMonth
            (a, b) = future ? (f.adding(months: 1), f.adding(months: n + 1).adding(days: -1)) : (f.adding(months: -n), f.adding(days: -1))
        case .year:
            (a, b) = future ? (CivilDate(year: today.year + 1, month: 1, day: 1), CivilDate(year: today.year + n, month: 12, day: 31))
                : (CivilDate(year: today.year - n, month: 1, day: 1), CivilDate(year: today.year - 1, month: 12, day: 31))
        default:
            return nil
        }
        return period(a, b, i, k + 1)
    }

    /// A month alone: "in January", "October last year", "September 2023" (without a year, the
    /// next such month from this one on).
    func monthPeriod(_ i: Int) -> TemporalMatch? {
        guard let m = month(i, nextToDay: false) else { return nil }
        if t[i].text == "may", let next = word(i + 1),
           ["i", "we", "you", "he", "she", "it", "they", "be", "have", "get", "know", "ask", "need", "see", "not"].contains(next) { return nil }
        var y = m < today.month ? today.year + 1 : today.year
        var end = i + 1
        if let explicit = year(end) {
            y = explicit
            end += 1
        } else {
            let k = isWord(end, "of") ? end + 1 : end
            if let mod = word(k), ["this", "last", "next"].contains(mod), isWord(k + 1, "year") {
                y = today.year + (mod == "last" ? -1 : mod == "next" ? 1 : 0)
                end = k + 2
            }
        }
        let first = CivilDate(year: y, month: m, day: 1)
        return period(first, first.lastOfMonth, i, end)
    }

    /// A year after a preposition: "in 2019", "during 2017", "since 2009".
    func yearPeriod(_ i: Int) -> TemporalMatch? {
        guard let y = year(i), isWord(i - 1, "in", "during", "since", "from", "until", "till", "to", "of", "for", "before", "after",
                                     "year", "by", "between", "and", "throughout", "on") else { return nil }
        return period(CivilDate(year: y, month: 1, day: 1), CivilDate(year: y, month: 12, day: 31), i, i + 1)
    }

    /// "from X to Y", "between X and Y", "X - Y", "from 1 to 5 March", "since X" (X to today).
    func range(_ i: Int) -> TemporalMatch? {
        if isWord(i, "since"), let x = dateExpression(i + 1), let (a, _) = x.value.days, a <= today {
            return period(a, today, i, x.end)
        }
        let opener = word(i) == "from" || word(i) == "between"
        var first = opener ? i + 1 : i
        if opener, isWord(first, "the") { first += 1 }
        let connectors: Set<String> = word(i) == "between" ? ["and", "-"] : ["to", "till", "until", "through", "thru", "-", "and"]
        var x = dateExpression(first)
        var bareDay: Int?
        if x == nil, first < t.count, t[first].kind == .number, let (d, k) = dayOfMonth(first, words: false), k < t.count,
           connectors.contains(t[k].text) {
            bareDay = d
            x = TemporalMatch(value: .day(today), start: first, end: k)
        }
        guard let xm = x, xm.end < t.count, connectors.contains(t[xm.end].text) else { return nil }
        let second = isWord(xm.end + 1, "the") ? xm.end + 2 : xm.end + 1
        guard let y = dateExpression(second), let (_, yEnd) = y.value.days else { return nil }
        if !opener, case .range = xm.value { return nil }
        if !opener, t[xm.end].text == "and" { return nil }
        var xStart: CivilDate
        var yLast = yEnd
        if let bareDay {
            guard case let .day(yDay) = y.value, bareDay <= yDay.day else { return nil }
            xStart = CivilDate(year: yDay.year, month: yDay.month, day: bareDay)
        } else {
            guard let (a, _) = xm.value.days else { return nil }
            xStart = a
            if xStart > yLast {
                // The end reads after the start: "from Monday to Sunday", "from the 28 Oct to the 3rd";
                // a start that the no-year rule put next year moves back instead ("from Feb 17 to Mar 4").
                if weekday(y.start) != nil && y.end == y.start + 1 {
                    while yLast < xStart { yLast = yLast.adding(days: 7) }
                } else if t[y.start].kind == .ordinal && y.end == y.start + 1 {
                    for _ in 0..<24 where yLast < xStart { yLast = yLast.adding(months: 1) }
                } else if xStart.adding(months: -12) <= yLast {
                    xStart = xStart.adding(months: -12)
                }
            }
        }
        guard xStart <= yLast else { return nil }
        return period(xStart, yLast, i, y.end)
    }

    /// A day followed by a time ("tomorrow at 3pm") or a time followed by a day ("at 9 on Friday").
    func dateTime(_ i: Int) -> TemporalMatch? {
        if let d = dateExpression(i), case let .day(date) = d.value {
            let j = isWord(d.end, "at", "around", "by", "from") || isSymbol(d.end, ",", "@") ? d.end + 1 : d.end
            if let time = timeExpression(j, cued: true), case let .time(h, m) = time.value {
                return TemporalMatch(value: .dateTime(date, h, m), start: i, end: time.end)
            }
        }
        if let time = timeExpression(i), case let .time(h, m) = time.value {
            let j = isWord(time.end, "on") || isSymbol(time.end, ",") ? time.end + 1 : time.end
            if let d = dateExpression(j), case let .day(date) = d.value {
                return TemporalMatch(value: .dateTime(date, h, m), start: i, end: d.end)
            }
        }
        return nil
    }
}
