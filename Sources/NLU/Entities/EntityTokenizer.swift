/// Splits a message into the tokens the date, time and money grammars read: words, numbers,
/// ordinals ("2nd"), and single symbols, each with its scalar offsets.
struct EntityToken {
    enum Kind { case word, number, ordinal, symbol }
    var kind: Kind
    /// Lower-cased for words; the digits (with `.` for decimals, without grouping commas) for numbers.
    var text: String
    var start: Int
    var end: Int
    /// The number's value, for numbers and ordinals.
    var value: Double = 0
    /// Digits after the decimal point, for numbers.
    var decimals: Int = 0
    /// The number of digits before the decimal point, for numbers.
    var integerDigits: Int = 0
    /// The word began with a capital letter (tells the month "May" from the verb "may").
    var capitalized = false

    var intValue: Int? { (kind == .number && decimals == 0) || kind == .ordinal ? Int(exactly: value) : nil }
}

enum EntityTokenizer {
    static func tokens(_ s: [Unicode.Scalar]) -> [EntityToken] {
        var tokens: [EntityToken] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if EntityScalars.isWhitespace(c) { i += 1; continue }
            if EntityScalars.isDigit(c) {
                let start = i
                var integer = String.UnicodeScalarView()
                while i < s.count && EntityScalars.isDigit(s[i]) && integer.count < 18 { integer.append(s[i]); i += 1 }
                // European amounts next to a currency: "1.234,56 €", "€20,50".
                if let (digits, fraction, end) = europeanAmount(s, i), currencyNear(s, start, end) {
                    integer.append(contentsOf: digits.unicodeScalars)
                    let text = String(integer) + "." + fraction
                    tokens.append(EntityToken(kind: .number, text: text, start: start, end: end, value: Double(text) ?? 0,
                                              decimals: fraction.count, integerDigits: integer.count))
                    i = end
                    continue
                }
                // Thousands groups: "1,250" (exactly three digits after each comma).
                while i + 3 < s.count + 0 && s[i] == "," && (i + 4 == s.count || !EntityScalars.isDigit(s[i + 4]))
                        && (1...3).allSatisfy({ EntityScalars.isDigit(s[i + $0]) }) && integer.count < 15 {
                    integer.append(contentsOf: s[(i + 1)...(i + 3)])
                    i += 4
                }
                let integerDigits = integer.count
                var decimals = 0
                if i + 1 < s.count, s[i] == ".", EntityScalars.isDigit(s[i + 1]), i + 2 >= s.count || s[i + 2] != "." {
                    var fraction = String.UnicodeScalarView()
                    var j = i + 1
                    while j < s.count && EntityScalars.isDigit(s[j]) && fraction.count < 9 { fraction.append(s[j]); j += 1 }
                    // "837.824.1482" is not a decimal number.
                    if !(j < s.count && s[j] == "." && j + 1 < s.count && EntityScalars.isDigit(s[j + 1])) {
                        integer.append(".")
                        integer.append(contentsOf: fraction)
                        decimals = fraction.count
                        i = j
                    }
                }
                let text = String(integer)
                if decimals == 0, i + 1 < s.count, let suffix = ordinalSuffix(s, i), integerDigits <= 3 {
                    tokens.append(EntityToken(kind: .ordinal, text: text, start: start, end: i + suffix, value: Double(text) ?? 0))
                    i += suffix
                    continue
                }
                tokens.append(EntityToken(kind: .number, text: text, start: start, end: i, value: Double(text) ?? 0,
                                          decimals: decimals, integerDigits: integerDigits))
                continue
            }
            if EntityScalars.isLetter(c) {
                let start = i
                // "a.m." and "p.m." as one word.
                if (c == "a" || c == "p" || c == "A" || c == "P"), i + 2 < s.count, s[i + 1] == ".", s[i + 2] == "m" || s[i + 2] == "M",
                   i + 3 == s.count || !EntityScalars.isLetter(s[i + 3]) {
                    var end = i + 3
                    if end < s.count && s[end] == "." { end += 1 }
                    tokens.append(EntityToken(kind: .word, text: EntityScalars.lower(c) == "a" ? "am" : "pm", start: start, end: end))
                    i = end
                    continue
                }
                while i < s.count && EntityScalars.isLetter(s[i]) && i - start < 40 { i += 1 }
                tokens.append(EntityToken(kind: .word, text: EntityScalars.string(s, start..<i).lowercased(), start: start, end: i,
                                          capitalized: c.properties.isUppercase))
                continue
            }
            tokens.append(EntityToken(kind: .symbol, text: String(Character(c)), start: i, end: i + 1))
            i += 1
        }
        return tokens
    }

    /// After the leading digits at `i`: `.ddd` groups then `,dd` ("1.234,56"), or `,dd` alone
    /// ("20,50"): the further integer digits, the two decimals and the end.
    private static func europeanAmount(_ s: [Unicode.Scalar], _ i: Int) -> (String, String, Int)? {
        var j = i
        var digits = String.UnicodeScalarView()
        while j + 4 <= s.count, s[j] == ".", (1...3).allSatisfy({ j + $0 < s.count && EntityScalars.isDigit(s[j + $0]) }),
              j + 4 == s.count || !EntityScalars.isDigit(s[j + 4]), digits.count < 12 {
            digits.append(contentsOf: s[(j + 1)...(j + 3)])
            j += 4
        }
        guard j + 2 < s.count, s[j] == ",", EntityScalars.isDigit(s[j + 1]), EntityScalars.isDigit(s[j + 2]),
              j + 3 == s.count || !EntityScalars.isDigit(s[j + 3]) else { return nil }
        return (String(digits), EntityScalars.string(s, (j + 1)..<(j + 3)), j + 3)
    }

    /// A currency symbol just before `start` or just after `end` (one space allowed).
    private static func currencyNear(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        let symbols: Set<Unicode.Scalar> = ["€", "£", "$", "¥"]
        if start > 0, symbols.contains(s[start - 1]) { return true }
        if start > 1, s[start - 1] == " ", symbols.contains(s[start - 2]) { return true }
        if end < s.count, symbols.contains(s[end]) { return true }
        if end + 1 < s.count, s[end] == " ", symbols.contains(s[end + 1]) { return true }
        if end + 3 < s.count, s[end] == " " {
            return EntityScalars.lowered(s, (end + 1)..<(end + 4)) == "eur"
        }
        return false
    }

    /// The length of "st", "nd", "rd" or "th" at `i` when it ends the word, else nil.
    private static func ordinalSuffix(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        let a = EntityScalars.lower(s[i]), b = EntityScalars.lower(s[i + 1])
        guard ["st", "nd", "rd", "th"].contains(String(Character(a)) + String(Character(b))) else { return nil }
        if i + 2 < s.count && EntityScalars.isLetter(s[i + 2]) { return nil }
        return 2
    }
}
