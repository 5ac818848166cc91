import Foundation

/// Pulls dates, times, amounts, contact details, ticket references and catalogue terms out of a
/// support message with hand-written rules: no model, no service, the same answer every time, and
/// well under a millisecond per message.
///
/// Every recogniser proposes matches; where matches overlap the longest wins (on a tie, the more
/// specific kind, see ``EntityKind``), so "2 March 2022" is one date rather than a date and a
/// number, and "from 1 to 5 March" one range. Relative expressions ("tomorrow", "last Friday")
/// resolve against `reference` seen in `timeZone`: a message sent at 23:30 UTC from Berlin is
/// already on the next day. The conventions are those of ``TemporalGrammar``.
public struct EntityExtractor: Sendable {
    private let catalogue: CatalogueMatcher

    public init(catalogue: [CatalogueTerm] = []) {
        self.catalogue = CatalogueMatcher(catalogue)
    }

    /// The entities of `text`, sorted by start and not overlapping.
    public func extract(_ text: String, reference: Date, timeZone: TimeZone) -> [ExtractedEntity] {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let now = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: reference)
        let today = CivilDate(year: now.year ?? 1970, month: now.month ?? 1, day: now.day ?? 1)
        let tokens = EntityTokenizer.tokens(scalars)

        var candidates = EmailRecognizer.candidates(scalars)
        candidates += URLRecognizer.candidates(scalars)
        candidates += PhoneRecognizer.candidates(scalars)
        candidates += TicketRecognizer.candidates(scalars)
        candidates += MoneyRecognizer.candidates(tokens, scalars)
        let grammar = TemporalGrammar(t: tokens, today: today, hour: now.hour ?? 0, minute: now.minute ?? 0)
        for match in grammar.matches() {
            candidates.append(EntityCandidate(kind: match.value.kind, start: tokens[match.start].start, end: tokens[match.end - 1].end,
                                              value: match.value.text))
        }
        candidates += catalogue.candidates(tokens)
        candidates += numbers(tokens)
        return resolve(candidates, scalars)
    }

    /// Numbers in digits or words ("3", "2.5", "twenty-five") for what no other kind claims.
    private func numbers(_ t: [EntityToken]) -> [EntityCandidate] {
        var found: [EntityCandidate] = []
        var i = 0
        while i < t.count {
            if t[i].kind == .number {
                found.append(EntityCandidate(kind: .number, start: t[i].start, end: t[i].end, value: EntityExtractor.numberText(t[i])))
            } else if t[i].kind == .word, t[i].text != "a", t[i].text != "an", let (n, next) = EntityVocabulary.numberWords(t, i) {
                found.append(EntityCandidate(kind: .number, start: t[i].start, end: t[next - 1].end, value: String(n)))
                i = next
                continue
            }
            i += 1
        }
        return found
    }

    static func numberText(_ token: EntityToken) -> String {
        var text = token.text
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        while text.count > 1, text.hasPrefix("0"), !text.hasPrefix("0.") { text.removeFirst() }
        return text
    }

    /// Longest first (then the more specific kind, then the earlier), skipping any that overlap one taken.
    private func resolve(_ candidates: [EntityCandidate], _ scalars: [Unicode.Scalar]) -> [ExtractedEntity] {
        let ordered = candidates.filter { $0.start < $0.end && $0.end <= scalars.count }.sorted {
            if $0.length != $1.length { return $0.length > $1.length }
            if $0.kind.priority != $1.kind.priority { return $0.kind.priority > $1.kind.priority }
            return $0.start < $1.start
        }
        var taken = [Bool](repeating: false, count: scalars.count)
        var chosen: [EntityCandidate] = []
        for c in ordered where !(c.start..<c.end).contains(where: { taken[$0] }) {
            for k in c.start..<c.end { taken[k] = true }
            chosen.append(c)
        }
        return chosen.sorted { $0.start < $1.start }.map {
            ExtractedEntity(kind: $0.kind, text: EntityScalars.string(scalars, $0.start..<$0.end), start: $0.start, end: $0.end, value: $0.value)
        }
    }
}
