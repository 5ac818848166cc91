/// Times of day ("at 3pm", "15:30", "noon", "20 to 2", "half past 17", "9:45 in the evening") and
/// durations ("3 days", "half an hour", "monthly").
extension TemporalGrammar {
    enum Daypart { case am, pm, morning, afternoon, evening, night }

    /// Words before a number that make it read as a time ("at 7", "from 9 05").
    static let timeCues: Set<String> = ["at", "around", "about", "by", "from", "after", "before", "until", "till", "between",
                                        "and", "to", "approximately", "approx", "circa", "since"]

    func timeExpression(_ i: Int, cued: Bool = false) -> TemporalMatch? {
        guard i < t.count else { return nil }
        let cue = cued || (word(i - 1).map { TemporalGrammar.timeCues.contains($0) } ?? false) || isSymbol(i - 1, "@")
        return longest([namedTime(i), clockTime(i, cue: cue), pastTo(i, cue: cue), relativeTime(i)])
    }

    func time(_ h: Int, _ m: Int, _ start: Int, _ end: Int) -> TemporalMatch? {
        guard (0...23).contains(h), (0...59).contains(m) else { return nil }
        return TemporalMatch(value: .time(h, m), start: start, end: end)
    }

    func namedTime(_ i: Int) -> TemporalMatch? {
        switch word(i) {
        case "noon", "midday": return time(12, 0, i, i + 1)
        case "midnight": return time(0, 0, i, i + 1)
        default: return nil
        }
    }

    /// A day part after a time: "pm", "a.m.", "in the evening", "at night", "morning".
    func daypart(_ j: Int) -> (Daypart, Int)? {
        guard let w = word(j) else { return nil }
        func part(_ w: String) -> Daypart? {
            switch w {
            case "am": return .am
            case "pm": return .pm
            case "morning": return .morning
            case "afternoon": return .afternoon
            case "evening", "tonight": return .evening
            case "night": return .night
            default: return nil
            }
        }
        if w == "am" || w == "pm" { return (part(w)!, j + 1) }
        if w == "in" || w == "at" || w == "this" {
            let k = isWord(j + 1, "the") ? j + 2 : j + 1
            if let p = word(k).flatMap(part), p != .am, p != .pm { return (p, k + 1) }
            return nil
        }
        if let p = part(w), p != .am, p != .pm { return (p, j + 1) }
        return nil
    }

    func apply(_ h: Int, _ part: Daypart?) -> Int {
        switch part {
        case .am?, .morning?: return h == 12 ? 0 : h
        case .pm?, .afternoon?, .evening?: return h < 12 ? h + 12 : h
        case .night?: return (6...11).contains(h) ? h + 12 : h == 12 ? 0 : h
        case nil: return h
        }
    }

    /// "15:30", "3pm", "9:45 in the evening", "13 50", "5ish in the afternoon", "at 7", "7 o'clock".
    func clockTime(_ i: Int, cue: Bool) -> TemporalMatch? {
        guard i < t.count, t[i].kind == .number, t[i].integerDigits <= 2 else { return nil }
        var h: Int, m = 0
        var end = i + 1
        var minutes = false, spaced = false
        if t[i].decimals == 2 {
            let parts = t[i].text.split(separator: ".")
            guard parts.count == 2, let hh = Int(parts[0]), let mm = Int(parts[1]) else { return nil }
            (h, m) = (hh, mm)
            minutes = true
            guard daypart(end) != nil else { return nil }
        } else {
            guard t[i].decimals == 0, let hh = Int(t[i].text) else { return nil }
            h = hh
            if isSymbol(end, ":"), adjacent(i, end), end + 1 < t.count, t[end + 1].start == t[end].end, t[end + 1].kind == .number,
               t[end + 1].integerDigits == 2, t[end + 1].decimals == 0, let mm = Int(t[end + 1].text) {
                m = mm
                minutes = true
                end += 2
            } else if end < t.count, t[end].kind == .number, t[end].integerDigits == 2, t[end].decimals == 0, adjacent(i, end),
                      let mm = Int(t[end].text), mm < 60 {
                m = mm
                spaced = true
                end += 1
            }
        }
        if isWord(end, "ish"), adjacent(end - 1, end) { end += 1 }
        var oclock = false
        if isWord(end, "o"), isSymbol(end + 1, "'", "’"), isWord(end + 2, "clock") { end += 3; oclock = true }
        let part = daypart(end)
        if let part { end = part.1 }
        if spaced && part == nil && !cue { return nil }
        if !minutes && !spaced && part == nil && !oclock {
            // A bare hour needs "at" (or similar) before it and nothing that makes it a count after it.
            guard hourCue(i) else { return nil }
            if end < t.count {
                if unit(end) != nil || month(end, nextToDay: true) != nil || t[end].kind == .number { return nil }
                if let w = word(end), MoneyRecognizer.currencyWords[w] != nil || ["percent", "times", "people", "of"].contains(w) { return nil }
                if isSymbol(end, "%", "€", "£", "$", ":", ".", "/") && adjacent(end - 1, end) && end + 1 < t.count && t[end + 1].kind == .number { return nil }
            }
        }
        if part?.0 == .am || part?.0 == .pm, h > 12 { return nil }
        return time(apply(h, part?.0), m, i, end)
    }

    /// Whether the word before a bare hour makes it a time: "at 7", "after 10", "earlier than 7",
    /// "between 2 and 22 45" (not "more than 2", "after 5 days").
    func hourCue(_ i: Int) -> Bool {
        if isSymbol(i - 1, "@") { return true }
        guard let before = word(i - 1) else { return false }
        switch before {
        case "at", "around", "by", "about", "after", "before", "until", "till": return true
        case "than": return isWord(i - 2, "earlier", "later", "sooner")
        case "between": return isWord(i + 1, "and")
        case "from": return isWord(i + 1, "to", "till", "until") || isSymbol(i + 1, "-")
        default: return false
        }
    }

    /// "20 to 2", "quarter past 16 afternoon", "half past 17", "10 past 9 night", "5 to 7 evening".
    func pastTo(_ i: Int, cue: Bool) -> TemporalMatch? {
        var q: Int, k: Int
        if isWord(i, "quarter") { (q, k) = (15, i + 1) } else if isWord(i, "a"), isWord(i + 1, "quarter") { (q, k) = (15, i + 2) } else if isWord(i, "half") {
            (q, k) = (30, i + 1)
        } else if let n = integer(i), t[i].integerDigits <= 2 {
            (q, k) = (n, i + 1)
        } else if let (n, next) = EntityVocabulary.numberWords(t, i) {
            (q, k) = (n, next)
        } else {
            return nil
        }
        guard q > 0, q < 60 else { return nil }
        if isWord(k, "minutes", "mins", "min", "minute") { k += 1 }
        guard let relation = word(k), ["past", "to", "after"].contains(relation) else { return nil }
        if isWord(i, "half"), relation != "past" { return nil }
        // "20 to 2" is 01:40, but "from 2 to 3pm" is a span of hours and "3 to 4" rarely minutes.
        if relation == "to", q % 5 != 0 || isWord(i - 1, "from", "between") { return nil }
        var h: Int, end: Int
        if let n = integer(k + 1), t[k + 1].integerDigits <= 2 {
            (h, end) = (n, k + 2)
        } else if let w = word(k + 1), let n = EntityVocabulary.units[w] ?? (w == "twelve" ? 12 : nil) {
            (h, end) = (n, k + 2)
        } else {
            return nil
        }
        guard h <= 24 else { return nil }
        if isWord(end, "ish") { end += 1 }
        let part = daypart(end)
        if let part { end = part.1 }
        if relation != "past", part == nil, !cue, t[i].kind == .number { return nil }
        if part == nil, end < t.count, unit(end) != nil || month(end, nextToDay: true) != nil || t[end].kind == .number
            || (word(end).map { MoneyRecognizer.currencyWords[$0] != nil } ?? false) || isSymbol(end, "%", "€", "£", "$") { return nil }
        let base = apply(h % 24, part?.0) * 60
        let total = relation == "to" ? (base - q + 1440) % 1440 : (base + q) % 1440
        return time(total / 60, total % 60, i, end)
    }

    /// "15 minutes ago", "in 2 hours": the time of day that far from the reference time.
    func relativeTime(_ i: Int) -> TemporalMatch? {
        let now = hour * 60 + minute
        func shift(_ n: Int, _ u: EntityVocabulary.Unit) -> Int? {
            switch u {
            case .minute: return n
            case .hour: return 60 * n
            default: return nil
            }
        }
        if isWord(i, "in"), let (n, k) = quantity(i + 1), let u = unit(k), let delta = shift(n, u) {
            let total = ((now + delta) % 1440 + 1440) % 1440
            return time(total / 60, total % 60, i, k + 1)
        }
        if isWord(i, "in"), isWord(i + 1, "half"), isWord(i + 2, "an", "a"), isWord(i + 3, "hour") {
            let total = (now + 30) % 1440
            return time(total / 60, total % 60, i, i + 4)
        }
        if let (n, k) = quantity(i), let u = unit(k), isWord(k + 1, "ago"), let delta = shift(n, u) {
            let total = ((now - delta) % 1440 + 1440) % 1440
            return time(total / 60, total % 60, i, k + 2)
        }
        return nil
    }

    /// "3 days", "two weeks", "an hour and a half", "half an hour", "monthly", "every month".
    func duration(_ i: Int) -> TemporalMatch? {
        func iso(_ n: Int, _ u: EntityVocabulary.Unit) -> String {
            switch u {
            case .minute: return "PT\(n)M"
            case .hour: return "PT\(n)H"
            case .day: return "P\(n)D"
            case .week: return "P\(n)W"
            case .month: return "P\(n)M"
            case .year: return "P\(n)Y"
            }
        }
        if isWord(i, "half"), isWord(i + 1, "an", "a"), isWord(i + 2, "hour") {
            return TemporalMatch(value: .duration("PT30M"), start: i, end: i + 3)
        }
        if let w = word(i) {
            let periodic: [String: String] = ["daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
                                              "fortnightly": "P2W"]
            // "I pay monthly" is a period; "the monthly limit" is a kind of limit.
            if let value = periodic[w], word(i + 1).map({ MoneyRecognizer.prepositions.contains($0) }) ?? true {
                return TemporalMatch(value: .duration(value), start: i, end: i + 1)
            }
            if w == "every" || w == "each", !isWord(i - 1, "of"), let u = unit(i + 1), u != .minute, t[i + 1].text.last != "s" {
                return TemporalMatch(value: .duration(iso(1, u)), start: i, end: i + 2)
            }
            if w == "fortnight", !isWord(i - 1, "this", "last", "next") { return TemporalMatch(value: .duration("P2W"), start: i, end: i + 1) }
        }
        guard let (n, k) = quantity(i), let u = unit(k) else { return nil }
        if (t[i].text == "a" || t[i].text == "an"), t[k].text.hasSuffix("s") { return nil }
        if u == .hour, isWord(k + 1, "and"), isWord(k + 2, "a"), isWord(k + 3, "half") {
            return TemporalMatch(value: .duration("PT\(n)H30M"), start: i, end: k + 4)
        }
        return TemporalMatch(value: .duration(iso(n, u)), start: i, end: k + 1)
    }
}
