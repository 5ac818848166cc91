/// Dates written in digits: ISO 8601, and day-first numeric dates as written in Britain and most of
/// Europe (`02/03/2022` is 2 March). Month first is read only when day first is impossible
/// (`12/25/2022`). NLU++ writes day first too (`9/3/2019` is 9 March, `11/04/23` 11 April).
extension TemporalGrammar {
    /// "2022-03-02", "02/03/2022" (day first), "11/04/23", "16.04.2010".
    func numericDate(_ i: Int) -> TemporalMatch? {
        if let m = dayMonthNumeric(i) { return m }
        guard let a = integer(i), i + 4 < t.count, isSymbol(i + 1, "/", "-", "."), t[i + 3].text == t[i + 1].text,
              let b = integer(i + 2), let c = integer(i + 4), (i..<(i + 4)).allSatisfy({ t[$0].end == t[$0 + 1].start }) else { return nil }
        if i + 5 < t.count, t[i + 5].start == t[i + 4].end, t[i + 5].kind != .symbol || isSymbol(i + 5, "/", "-") { return nil }
        var y: Int, m: Int, d: Int
        if t[i].integerDigits == 4 {
            (y, m, d) = (a, b, c)
        } else {
            guard t[i].integerDigits <= 2, t[i + 2].integerDigits <= 2, t[i + 4].integerDigits == 2 || t[i + 4].integerDigits == 4 else { return nil }
            y = t[i + 4].integerDigits == 2 ? 2000 + c : c
            (d, m) = b > 12 && a <= 12 ? (b, a) : (a, b)
        }
        guard CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        return day(CivilDate(year: y, month: m, day: d), i, i + 5)
    }

    /// "on 03/04" (3 April, day first) after a word that introduces a day; the year as for "3 April".
    private func dayMonthNumeric(_ i: Int) -> TemporalMatch? {
        guard isWord(i - 1, "on", "since", "from", "until", "till", "by", "before", "after"), let a = integer(i), isSymbol(i + 1, "/", "."),
              let b = integer(i + 2), t[i].integerDigits <= 2, t[i + 2].integerDigits <= 2, t[i].end == t[i + 1].start,
              t[i + 1].end == t[i + 2].start else { return nil }
        if i + 3 < t.count, t[i + 3].start == t[i + 2].end, t[i + 3].kind != .symbol || isSymbol(i + 3, "/", ".") && i + 4 < t.count
            && t[i + 4].kind == .number { return nil }
        let (d, m) = b > 12 && a <= 12 ? (b, a) : (a, b)
        let y = m < today.month ? today.year + 1 : today.year
        guard CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        return day(CivilDate(year: y, month: m, day: d), i, i + 3)
    }
}
