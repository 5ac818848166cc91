import Testing
@testable import Semantics

@Suite("Knowledge index: snippets and highlighted titles")
struct KnowledgeSnippetTests {
    typealias Corpus = KnowledgeTestCorpus

    static let filler = "This paragraph talks about something else entirely and goes on for a while. "

    /// The snippet as text, highlighted parts in brackets.
    static func render(_ parts: [KnowledgeSnippetPart]) -> String {
        parts.map { $0.highlighted ? "[\($0.text)]" : $0.text }.joined()
    }

    @Test func picksTheWindowWithTheMostQueryTermsAndHighlightsThemByStem() {
        let body = String(repeating: Self.filler, count: 4) + "To reset passwords, open Settings and choose Reset. "
            + String(repeating: Self.filler, count: 4) + "A password is needed once."
        let index = Corpus.index([Corpus.article("a", "Accounts", body)])
        let parts = index.snippet(for: "a", query: "resetting password", maxLength: 80, filter: Corpus.everyone)
        let text = Self.render(parts)
        // The window with both terms (three matches), not the later one with "password" alone.
        #expect(text.contains("[reset] [passwords]"))
        #expect(text.contains("[Reset]"))
        #expect(!text.contains("once"))
        // Cut at words, marked where text was left out, within the length asked for.
        #expect(text.hasPrefix("…") && text.hasSuffix("…"))
        let length = parts.map(\.text.count).reduce(0, +) - 2
        #expect(length <= 80)
        #expect(length > 60)
        #expect(parts.filter(\.highlighted).map(\.text) == ["reset", "passwords", "Reset"])
        // Distinct terms count, not distinct words: "Passwords, password" is one term twice.
        let twice = Corpus.index([Corpus.article("b", "B", "Passwords, password. " + String(repeating: Self.filler, count: 3) + "Reset password here.")])
        let best = Self.render(twice.snippet(for: "b", query: "reset password", maxLength: 60, filter: Corpus.everyone))
        #expect(best.contains("[Reset] [password]"))
        #expect(!best.contains("[Passwords]"))
    }

    @Test func highlightsCorrectedWordsSynonymsAndPrefixesAsTheSearchFoundThem() {
        var index = Corpus.index([Corpus.article("a", "Refund policy", "A reimbursement reaches your card. Refunds take five days.")])
        index.setSynonyms([["refund", "reimbursement"]])
        let parts = index.snippet(for: "a", query: "refnds", filter: Corpus.everyone)
        #expect(parts.filter(\.highlighted).map(\.text) == ["reimbursement", "Refunds"])
        #expect(Self.render(index.snippet(for: "a", query: "card*", filter: Corpus.everyone)) == "A reimbursement reaches your [card]. Refunds take five days.")
        #expect(Self.render(index.highlightedTitle(for: "a", query: "refunds", filter: Corpus.everyone)) == "[Refund] policy")
        // A short text is shown whole, without marks; one line, spaces collapsed.
        let short = Corpus.index([Corpus.article("b", "T", "First line.\n\n  Second   line.")])
        #expect(Self.render(short.snippet(for: "b", query: "second", filter: Corpus.everyone)) == "First line. [Second] line.")
    }

    @Test func usesTheSummaryWhenItShowsMoreOfTheQueryAndTheStartWhenNothingMatches() {
        let index = Corpus.index([
            Corpus.article("s", "Shipping", "Parcels leave the warehouse every morning.", summary: "Delivery takes two days by courier."),
            Corpus.article("n", "Opening hours", String(repeating: "We answer calls every weekday. ", count: 20)),
        ])
        #expect(Self.render(index.snippet(for: "s", query: "courier delivery", filter: Corpus.everyone)) == "[Delivery] takes two days by [courier].")
        #expect(Self.render(index.snippet(for: "s", query: "warehouse", filter: Corpus.everyone)) == "Parcels leave the [warehouse] every morning.")
        let start = Self.render(index.snippet(for: "n", query: "refund", maxLength: 40, filter: Corpus.everyone))
        #expect(start == "We answer calls every weekday. We answer…")
        #expect(index.snippet(for: "missing", query: "refund", filter: Corpus.everyone).isEmpty)
    }
}
