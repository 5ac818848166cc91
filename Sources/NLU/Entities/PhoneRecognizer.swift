/// Finds telephone numbers in international and national formats, so a callback can be offered
/// to the number the customer gave.
///
/// A number is digit groups joined by one separator each (a space, `-`, `.`, `/`, or ` - `),
/// optionally led by `+` and with bracketed groups such as `(0)`, `(+45)` or `(030)`, and an
/// optional extension (`x123`, `ext. 123`). The digits (extension aside) must number 7 to 16, or 6
/// for a national number starting with 0 or an international one. Rejected: numbers glued to letters
/// or other digits, minus signs and formulas (`=`, `*`, `%`), decimals, dates (`16/04/2010`,
/// `2022-03-02`), social security numbers (`911-67-0060`), card numbers (four groups of four) and
/// numbers right after "card", "account" or "No.". When the longest run fails these rules, shorter prefixes are
/// tried, so a number followed by a date still counts.
enum PhoneRecognizer {
    private struct Group {
        var digits: [Unicode.Scalar]
        var end: Int
        var separator: String
        var bracketed: Bool
    }

    static func candidates(_ s: [Unicode.Scalar]) -> [EntityCandidate] {
        var found: [EntityCandidate] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            guard EntityScalars.isDigit(c) || c == "+" || c == "(" else { i += 1; continue }
            guard startAllowed(s, i) else {
                i += 1
                while i < s.count && EntityScalars.isDigit(s[i]) { i += 1 }
                continue
            }
            let (groups, plus) = parse(s, from: i)
            if let candidate = longestValid(s, start: i, groups: groups, plus: plus) {
                found.append(candidate)
                i = candidate.end
                continue
            }
            i = max(i + 1, groups.last?.end ?? i + 1)
        }
        return found
    }

    private static func startAllowed(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i > 0 else { return true }
        let previous = s[i - 1]
        if s[i] == "+" || s[i] == "(" {
            return !EntityScalars.isDigit(previous) && previous != ")" && previous != "+"
        }
        if EntityScalars.isAlphanumeric(previous) || ".,#+*/=_%$€£".unicodeScalars.contains(previous) {
            return false
        }
        if previous == "-" {
            // "OFFICE-1(516)…" but not "-220…", "E-1516…" or "a91-677…".
            var j = i - 1
            if j > 0 && s[j - 1] == "#" { return true }
            while j > 0 && EntityScalars.isASCIILetter(s[j - 1]) { j -= 1 }
            let letters = i - 1 - j
            return letters >= 2 && (j == 0 || !EntityScalars.isDigit(s[j - 1]))
        }
        return true
    }

    /// Digit groups from `start` as far as the grammar goes; the caller picks a valid prefix.
    private static func parse(_ s: [Unicode.Scalar], from start: Int) -> ([Group], Bool) {
        var i = start
        var plus = false
        if s[i] == "+" {
            guard i + 1 < s.count, EntityScalars.isDigit(s[i + 1]) || s[i + 1] == "(" else { return ([], false) }
            plus = true
            i += 1
        }
        var groups: [Group] = []
        var separator = ""
        while i < s.count, groups.count < 12 {
            var bracketed = false
            var digits: [Unicode.Scalar] = []
            if s[i] == "(" {
                var j = i + 1
                while j < s.count && s[j] == " " { j += 1 }
                if j < s.count && s[j] == "+" { plus = plus || groups.isEmpty; j += 1 }
                while j < s.count && EntityScalars.isDigit(s[j]) && digits.count < 6 { digits.append(s[j]); j += 1 }
                while j < s.count && s[j] == " " { j += 1 }
                guard !digits.isEmpty, j < s.count, s[j] == ")" else { break }
                i = j + 1
                bracketed = true
            } else if EntityScalars.isDigit(s[i]) {
                while i < s.count && EntityScalars.isDigit(s[i]) && digits.count < 17 { digits.append(s[i]); i += 1 }
            } else {
                break
            }
            groups.append(Group(digits: digits, end: i, separator: separator, bracketed: bracketed))
            guard let (sep, next) = separatorAfter(s, i, afterBracket: bracketed) else { break }
            separator = sep
            i = next
        }
        return (groups, plus)
    }

    /// A separator at `i` followed by a digit or a bracket: its text and where the next group starts.
    private static func separatorAfter(_ s: [Unicode.Scalar], _ i: Int, afterBracket: Bool) -> (String, Int)? {
        for sep in [" - ", "- ", " -", "/ ", " ", "-", ".", "/", ""] {
            let scalars = Array(sep.unicodeScalars)
            guard i + scalars.count < s.count else { continue }
            if !scalars.isEmpty && !zip(scalars, s[i..<(i + scalars.count)]).allSatisfy({ $0 == $1 }) { continue }
            let next = s[i + scalars.count]
            if scalars.isEmpty {
                if (afterBracket && EntityScalars.isDigit(next)) || next == "(" { return (sep, i) }
                continue
            }
            if EntityScalars.isDigit(next) || (next == "(" && sep != ".") { return (sep, i + scalars.count) }
        }
        return nil
    }

    private static func longestValid(_ s: [Unicode.Scalar], start: Int, groups: [Group], plus: Bool) -> EntityCandidate? {
        var count = groups.count
        while count > 0 {
            let used = Array(groups[0..<count])
            count -= 1
            var end = used.last!.end
            let extensionDigits = phoneExtension(s, &end)
            guard valid(s, start: start, groups: used, plus: plus, end: end) else { continue }
            var value = plus ? "+" : ""
            for (index, group) in used.enumerated() {
                if group.bracketed && plus && index > 0 && group.digits == ["0"] { continue }
                value.unicodeScalars.append(contentsOf: group.digits)
            }
            if let extensionDigits { value += ";ext=" + extensionDigits }
            return EntityCandidate(kind: .phone, start: start, end: end, value: value)
        }
        return nil
    }

    /// Reads `x123`, ` ext. 123` or ` extension 123` at `end`, moving `end` past it.
    private static func phoneExtension(_ s: [Unicode.Scalar], _ end: inout Int) -> String? {
        for marker in ["x", " x ", "ext", "ext.", " ext", " ext ", " ext.", " ext. ", "ext ", "ext. ", " extension "] {
            guard URLRecognizer.hasPrefix(s, at: end, marker) else { continue }
            var j = end + marker.unicodeScalars.count
            let digitsStart = j
            while j < s.count && EntityScalars.isDigit(s[j]) && j - digitsStart < 7 { j += 1 }
            guard j > digitsStart, j == s.count || !EntityScalars.isAlphanumeric(s[j]) else { continue }
            end = j
            return EntityScalars.string(s, digitsStart..<j)
        }
        return nil
    }

    private static func valid(_ s: [Unicode.Scalar], start: Int, groups: [Group], plus: Bool, end: Int) -> Bool {
        let digits = groups.reduce(0) { $0 + $1.digits.count }
        let first = groups[0].digits[0]
        let bracketed = groups.contains { $0.bracketed }
        guard digits <= 16, digits >= 7 || (digits == 6 && (plus || first == "0")) else { return false }
        if end < s.count {
            let next = s[end]
            if EntityScalars.isAlphanumeric(next) || "%=*+_".unicodeScalars.contains(next) { return false }
            if end + 1 < s.count, "-./:,".unicodeScalars.contains(next), EntityScalars.isDigit(s[end + 1]) { return false }
        }
        let separators = groups.dropFirst().map(\.separator)
        let sizes = groups.map(\.digits.count)
        // Decimals and coordinates: a dot must join short groups, at least three of them.
        if separators.contains(".") {
            if sizes.contains(where: { $0 > 4 }) || groups.count < 3 { return false }
        }
        if !plus && !bracketed {
            if sizes == [3, 2, 4] && separators == ["-", "-"] { return false }
            if groups.count == 3, let sep = separators.first, ["/", "-", "."].contains(sep), separators.allSatisfy({ $0 == sep }),
               sizes[0] <= 2, sizes[1] <= 2, sizes[2] == 2 || sizes[2] == 4 { return false }
            if sizes == [4, 4] && separators == ["/"] { return false }
            // ISO dates: 2022-03-02, 2022/3/2.
            if groups.count == 3, sizes[0] == 4, sizes[1] <= 2, sizes[2] <= 2, separators[0] == separators[1],
               let year = Int(String(String.UnicodeScalarView(groups[0].digits))), (1900...2099).contains(year) { return false }
            if sizes == [4, 4, 4, 4] || sizes == [4, 4, 4, 3] || sizes == [4, 6, 5] { return false }
        }
        let context = EntityScalars.wordsBefore(s, start, window: 40).suffix(4)
        let phoneWords: Set<String> = ["phone", "tel", "call", "mobile", "fax", "cell", "telephone", "number", "reach", "contact"]
        let otherWords: Set<String> = ["card", "account", "acct", "iban", "no", "order", "invoice", "ref", "reference", "visa"]
        if let other = context.lastIndex(where: otherWords.contains) {
            let phone = context.lastIndex(where: { $0 != "number" && phoneWords.contains($0) })
            if phone == nil || phone! < other { return false }
        }
        return true
    }
}
