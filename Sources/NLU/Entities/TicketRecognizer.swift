/// Finds references to portal tickets: full UUIDs, and `#` with 8 hex digits ("ticket #1f3a9c2b"):
/// the short form the portal shows, the last 8 hex digits of a ticket id. Only the form is checked; the
/// caller looks the ticket up and checks that the customer may see it.
enum TicketRecognizer {
    static func candidates(_ s: [Unicode.Scalar]) -> [EntityCandidate] {
        var found: [EntityCandidate] = []
        var i = 0
        while i < s.count {
            if EntityScalars.isHex(s[i]), i == 0 || !EntityScalars.isAlphanumeric(s[i - 1]) && s[i - 1] != "-", let end = uuidEnd(s, i) {
                found.append(EntityCandidate(kind: .ticket, start: i, end: end, value: EntityScalars.lowered(s, i..<end)))
                i = end
                continue
            }
            if s[i] == "#", i == 0 || !EntityScalars.isAlphanumeric(s[i - 1]), i + 8 < s.count {
                let digits = (i + 1)..<min(s.count, i + 9)
                if digits.count == 8, digits.allSatisfy({ EntityScalars.isHex(s[$0]) }),
                   digits.upperBound == s.count || !EntityScalars.isAlphanumeric(s[digits.upperBound]) && s[digits.upperBound] != "-" {
                    let hasDigit = digits.contains { EntityScalars.isDigit(s[$0]) }
                    let named = EntityScalars.wordsBefore(s, i, window: 12).last.map { ["ticket", "case", "request", "issue"].contains($0) } ?? false
                    if hasDigit || named {
                        found.append(EntityCandidate(kind: .ticket, start: i, end: digits.upperBound, value: EntityScalars.lowered(s, digits)))
                        i = digits.upperBound
                        continue
                    }
                }
            }
            i += 1
        }
        return found
    }

    /// The end of an 8-4-4-4-12 hex UUID starting at `i`, or nil.
    private static func uuidEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i
        for (index, length) in [8, 4, 4, 4, 12].enumerated() {
            if index > 0 {
                guard j < s.count, s[j] == "-" else { return nil }
                j += 1
            }
            for _ in 0..<length {
                guard j < s.count, EntityScalars.isHex(s[j]) else { return nil }
                j += 1
            }
        }
        if j < s.count, EntityScalars.isAlphanumeric(s[j]) || s[j] == "-" { return nil }
        return j
    }
}
