/// What a date or time expression resolves to.
enum TemporalValue {
    case day(CivilDate)
    case range(CivilDate, CivilDate)
    case time(Int, Int)
    case dateTime(CivilDate, Int, Int)
    case duration(String)

    var kind: EntityKind {
        switch self {
        case .day: return .date
        case .range: return .dateRange
        case .time: return .time
        case .dateTime: return .dateTime
        case .duration: return .duration
        }
    }

    var text: String {
        switch self {
        case let .day(d): return d.text
        case let .range(a, b): return a.text + "/" + b.text
        case let .time(h, m): return TemporalValue.clock(h, m)
        case let .dateTime(d, h, m): return d.text + "T" + TemporalValue.clock(h, m)
        case let .duration(iso): return iso
        }
    }

    /// The first and last day, for days and ranges.
    var days: (CivilDate, CivilDate)? {
        switch self {
        case let .day(d): return (d, d)
        case let .range(a, b): return (a, b)
        default: return nil
        }
    }

    static func clock(_ h: Int, _ m: Int) -> String {
        (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}

/// A temporal expression over tokens `start..<end`.
struct TemporalMatch {
    var value: TemporalValue
    var start: Int
    var end: Int
}

/// Reads dates, periods, times and durations from tokens, resolving relative expressions against
/// the reference day and time in the caller's time zone.
///
/// Conventions (those of NLU++, whose annotations resolve relative expressions this way):
/// - a bare weekday ("on Friday", "this Friday", "coming Friday") is the next such day after
///   today (on a Friday, "this Friday" is a week later); "next Friday" is the Friday of next week (weeks run Monday to
///   Sunday); "last Friday" is the latest Friday before today;
/// - a day and month without a year ("2 March", "Jan the 19th") is this year unless the month has
///   passed, then next year; with a weekday ("Friday, October the 16th") the first year from then
///   on where the day falls on that weekday; a bare ordinal ("the 5th") is the next such day from today on;
/// - numeric dates are day first (`02/03/2022` is 2 March) unless only month first is possible;
/// - "last 3 days/weeks/months" are the whole units before the current one, "next 3 …" those after it.
struct TemporalGrammar {
    let t: [EntityToken]
    let today: CivilDate
    let hour: Int
    let minute: Int

    /// The longest temporal match starting at each token, in token order.
    func matches() -> [TemporalMatch] {
        var found: [TemporalMatch] = []
        for i in t.indices where t[i].kind != .symbol {
            if let m = best(at: i) { found.append(m) }
        }
        return found
    }

    func best(at i: Int) -> TemporalMatch? {
        longest([range(i), dateTime(i), dateExpression(i), timeExpression(i), duration(i)])
    }

    func longest(_ options: [TemporalMatch?]) -> TemporalMatch? {
        var best: TemporalMatch?
        for case let option? in options where best == nil || option.end > best!.end { best = option }
        return best
    }

    // MARK: Token tests

    func word(_ i: Int) -> String? { i >= 0 && i < t.count && t[i].kind == .word ? t[i].text : nil }

    func isWord(_ i: Int, _ words: String...) -> Bool {
        guard let w = word(i) else { return false }
        return words.contains(w)
    }

    func isSymbol(_ i: Int, _ symbols: String...) -> Bool {
        i >= 0 && i < t.count && t[i].kind == .symbol && symbols.contains(t[i].text)
    }

    func integer(_ i: Int) -> Int? {
        guard i >= 0, i < t.count, t[i].kind == .number, t[i].decimals == 0, t[i].integerDigits <= 6 else { return nil }
        return Int(t[i].text)
    }

    /// Tokens `a` and `b` are next to each other with at most one space between.
    func adjacent(_ a: Int, _ b: Int) -> Bool { b < t.count && t[b].start - t[a].end <= 1 }

    /// A count at `i`: digits, number words, "a"/"an" (one), "a couple of" (two) or "a few" (three).
    func quantity(_ i: Int, article: Bool = true) -> (Int, Int)? {
        if let n = integer(i) { return n <= 10_000 ? (n, i + 1) : nil }
        guard let w = word(i) else { return nil }
        if w == "a" || w == "an" {
            if isWord(i + 1, "couple") { return (2, isWord(i + 2, "of") ? i + 3 : i + 2) }
            if isWord(i + 1, "few") { return (3, i + 2) }
            if let (n, next) = EntityVocabulary.numberWords(t, i) { return n <= 10_000 ? (n, next) : nil }
            return article ? (1, i + 1) : nil
        }
        if w == "few" { return (3, i + 1) }
        if w == "couple" { return (2, isWord(i + 1, "of") ? i + 2 : i + 1) }
        if let (n, next) = EntityVocabulary.numberWords(t, i) { return n <= 10_000 ? (n, next) : nil }
        return nil
    }

    func unit(_ i: Int) -> EntityVocabulary.Unit? { word(i).flatMap { EntityVocabulary.timeUnits[$0] } }

    /// A weekday name at `i` (abbreviations only when capitalised: "Sat", not "sat").
    func weekday(_ i: Int) -> Int? {
        guard let w = word(i) else { return nil }
        if let d = EntityVocabulary.weekdays[w] { return d }
        if t[i].capitalized, let d = EntityVocabulary.weekdayAbbreviations[w] { return d }
        return nil
    }

    /// A month name at `i`. Next to a day number any form counts; alone, "may" and "march" must be
    /// capitalised and abbreviations are not read.
    func month(_ i: Int, nextToDay: Bool) -> Int? {
        guard let w = word(i) else { return nil }
        if let m = EntityVocabulary.months[w] {
            if !nextToDay && (w == "may" || w == "march") && !t[i].capitalized { return nil }
            return m
        }
        if nextToDay, let m = EntityVocabulary.monthAbbreviations[w] { return m }
        return nil
    }

    /// A day of the month at `i`: 1–31 as digits, an ordinal ("2nd") or an ordinal word ("second").
    func dayOfMonth(_ i: Int, words: Bool = true) -> (Int, Int)? {
        guard i < t.count else { return nil }
        if t[i].kind == .ordinal || (t[i].kind == .number && t[i].decimals == 0 && t[i].integerDigits <= 2) {
            let d = Int(t[i].value)
            return (1...31).contains(d) ? (d, i + 1) : nil
        }
        guard words, let w = word(i) else { return nil }
        if let d = EntityVocabulary.ordinalWords[w] { return (d, i + 1) }
        if let tens = EntityVocabulary.tens[w], tens <= 30, isSymbol(i + 1, "-") || word(i + 1) != nil {
            let j = isSymbol(i + 1, "-") ? i + 2 : i + 1
            if let u = word(j).flatMap({ EntityVocabulary.ordinalWords[$0] }), u < 10, tens + u <= 31 { return (tens + u, j + 1) }
        }
        return nil
    }

    /// A four-digit year 1900–2099 at `i`.
    func year(_ i: Int) -> Int? {
        guard i < t.count, t[i].kind == .number, t[i].decimals == 0, t[i].integerDigits == 4, let y = Int(t[i].text),
              (1900...2099).contains(y) else { return nil }
        return y
    }
}
