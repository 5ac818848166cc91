/// Finds web addresses, with or without a scheme, so links in a message can be shown safely.
///
/// - With `http://`, `https://` or `ftp://`: a host of dotted labels, an IPv4 address or `localhost`,
///   then an optional port, path, query and fragment.
/// - Without a scheme: dotted labels whose last label is a known top-level domain
///   (``TopLevelDomains``), not part of an e-mail address; `7.am`-like pairs of a number and
///   `am`/`pm` are read as times, not hosts.
/// - Trailing punctuation that usually ends a sentence (`.,;:!?` and quotes) is left out, and a
///   closing bracket only kept when the address opened one.
enum URLRecognizer {
    static let schemes = ["https://", "http://", "ftp://"]

    static func candidates(_ s: [Unicode.Scalar]) -> [EntityCandidate] {
        var found: [EntityCandidate] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            guard EntityScalars.isASCIILetter(c) || EntityScalars.isDigit(c) else { i += 1; continue }
            let previous: Unicode.Scalar? = i > 0 ? s[i - 1] : nil
            if let end = match(s, at: i, previous: previous) {
                found.append(EntityCandidate(kind: .url, start: i, end: end, value: EntityScalars.string(s, i..<end)))
                i = end
                continue
            }
            // Skip the rest of this word so matches only start at word starts.
            i += 1
            while i < s.count && (EntityScalars.isAlphanumeric(s[i]) || s[i] == "_") { i += 1 }
        }
        return found
    }

    private static func match(_ s: [Unicode.Scalar], at i: Int, previous: Unicode.Scalar?) -> Int? {
        for scheme in schemes where hasPrefix(s, at: i, scheme) {
            if let previous, EntityScalars.isASCIILetter(previous) { return nil }
            let hostStart = i + scheme.unicodeScalars.count
            guard let hostEnd = hostEnd(s, from: hostStart, withScheme: true) else { return nil }
            return tail(s, from: hostEnd, start: i)
        }
        if let previous, EntityScalars.isAlphanumeric(previous) || "@.-_/:#\\".unicodeScalars.contains(previous) { return nil }
        guard let hostEnd = hostEnd(s, from: i, withScheme: false) else { return nil }
        if hostEnd < s.count && s[hostEnd] == "@" { return nil }
        return tail(s, from: hostEnd, start: i)
    }

    static func hasPrefix(_ s: [Unicode.Scalar], at i: Int, _ prefix: String) -> Bool {
        var j = i
        for p in prefix.unicodeScalars {
            guard j < s.count, EntityScalars.lower(s[j]) == p else { return false }
            j += 1
        }
        return true
    }

    /// Dotted labels of letters, digits, `-` (and `_` when allowed) from `start`: their ranges and end.
    static func hostLabels(_ s: [Unicode.Scalar], from start: Int, allowUnderscore: Bool) -> (ranges: [Range<Int>], end: Int)? {
        var ranges: [Range<Int>] = []
        var i = start
        while true {
            let labelStart = i
            while i < s.count, EntityScalars.isDigit(s[i]) || EntityScalars.isASCIILetter(s[i]) || s[i] == "-" || (allowUnderscore && s[i] == "_") {
                i += 1
                if i - labelStart > 63 { return nil }
            }
            guard i > labelStart, s[labelStart] != "-" else { break }
            ranges.append(labelStart..<i)
            if i + 1 < s.count, s[i] == ".", EntityScalars.isDigit(s[i + 1]) || EntityScalars.isASCIILetter(s[i + 1]) {
                i += 1
            } else {
                break
            }
        }
        guard let last = ranges.last else { return nil }
        return (ranges, last.upperBound)
    }

    private static func hostEnd(_ s: [Unicode.Scalar], from start: Int, withScheme: Bool) -> Int? {
        guard let labels = hostLabels(s, from: start, allowUnderscore: false) else { return nil }
        let names = labels.ranges.map { EntityScalars.lowered(s, $0) }
        if names.last?.hasSuffix("-") == true { return nil }
        if names.count == 4, names.allSatisfy({ $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }) {
            return withScheme ? labels.end : nil
        }
        if names.count == 1 { return withScheme && names[0] == "localhost" ? labels.end : nil }
        guard let tld = names.last, tld.allSatisfy({ $0.isLetter }) else { return nil }
        if !withScheme {
            guard TopLevelDomains.known.contains(tld) || (names.first == "www" && tld.count >= 2) else { return nil }
            if names.count == 2, tld == "am" || tld == "pm", names[0].allSatisfy(\.isNumber) { return nil }
            if names.count == 2, TopLevelDomains.commonWords.contains(tld) { return nil }
        } else {
            guard tld.count >= 2, TopLevelDomains.known.contains(tld) || tld.count == 2 else { return nil }
        }
        return labels.end
    }

    /// The end after an optional port and path, with trailing punctuation left out.
    private static func tail(_ s: [Unicode.Scalar], from hostEnd: Int, start: Int) -> Int {
        var i = hostEnd
        if i + 1 < s.count, s[i] == ":", EntityScalars.isDigit(s[i + 1]) {
            var j = i + 1
            while j < s.count && EntityScalars.isDigit(s[j]) && j - i <= 5 { j += 1 }
            if j == s.count || !EntityScalars.isAlphanumeric(s[j]) { i = j }
        }
        guard i < s.count, s[i] == "/" || s[i] == "?" || s[i] == "#" else { return i }
        var j = i
        var open = 0
        while j < s.count, isPathScalar(s[j]) {
            if s[j] == "(" { open += 1 }
            if s[j] == ")" { if open == 0 { break }; open -= 1 }
            j += 1
        }
        while j > i + 1, ".,;:!?".unicodeScalars.contains(s[j - 1]) { j -= 1 }
        if j == i + 1 && s[i] != "/" { return i }
        return j
    }

    private static func isPathScalar(_ c: Unicode.Scalar) -> Bool {
        guard c.value > 32, c.value < 127 else { return false }
        return !"<>\"'`{}|\\^[]".unicodeScalars.contains(c)
    }
}
