/// Finds e-mail addresses, so the chatbot can offer to use the address a customer typed.
///
/// The local part takes ASCII letters, digits and `._%+-` but may not start or end with a dot or
/// hold two dots in a row (such an address is dropped, not trimmed). The domain is two or more
/// labels of letters, digits and `-` ending in an alphabetic top-level label of two or more
/// letters, or a bracketed IPv4 address. A trailing full stop belongs to the sentence.
enum EmailRecognizer {
    static func candidates(_ s: [Unicode.Scalar]) -> [EntityCandidate] {
        var found: [EntityCandidate] = []
        var resumeAt = 0
        for at in s.indices where s[at] == "@" && at >= resumeAt {
            var start = at
            while start > 0 && isLocal(s[start - 1]) { start -= 1 }
            guard start < at else { continue }
            let local = EntityScalars.string(s, start..<at)
            if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") { continue }
            guard let end = domainEnd(s, from: at + 1) else { continue }
            if end < s.count, EntityScalars.isAlphanumeric(s[end]) || s[end] == "_" || s[end] == "@" { continue }
            let domain = EntityScalars.lowered(s, (at + 1)..<end)
            found.append(EntityCandidate(kind: .email, start: start, end: end, value: local + "@" + domain))
            resumeAt = end
        }
        return found
    }

    static func isLocal(_ c: Unicode.Scalar) -> Bool {
        EntityScalars.isDigit(c) || EntityScalars.isASCIILetter(c) || "._%+-".unicodeScalars.contains(c)
    }

    /// The end of a valid domain starting at `start`, or nil.
    static func domainEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < s.count else { return nil }
        if s[start] == "[" {
            var i = start + 1
            var parts = 0
            while parts < 4 {
                var digits = 0
                while i < s.count && EntityScalars.isDigit(s[i]) && digits < 3 { i += 1; digits += 1 }
                guard digits > 0 else { return nil }
                parts += 1
                if parts < 4 { guard i < s.count && s[i] == "." else { return nil }; i += 1 }
            }
            guard i < s.count && s[i] == "]" else { return nil }
            return i + 1
        }
        guard let labels = URLRecognizer.hostLabels(s, from: start, allowUnderscore: false) else { return nil }
        guard labels.ranges.count >= 2, let last = labels.ranges.last else { return nil }
        let tld = s[last]
        guard tld.count >= 2, tld.allSatisfy(EntityScalars.isASCIILetter) else { return nil }
        return labels.end
    }
}
