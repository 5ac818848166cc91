import Projections
import Testing

/// The tokenizer decides what a search can find: the same word in another form must give the same
/// token, and noise must give none.
@Suite("Ticket text tokenizer")
struct TicketTextTokenizerTests {
    @Test func lowerCasesFoldsDiacriticsAndSplitsOnAnythingButLettersAndDigits() {
        #expect(TicketTextTokenizer.tokens("Café RÉSUMÉ") == TicketTextTokenizer.tokens("cafe resume"))
        #expect(TicketTextTokenizer.tokens("Zürich/naïve FAÇADE") == ["zurich", "naiv", "facad"])
        // A decomposed accent (e + combining acute) folds like a precomposed one.
        #expect(TicketTextTokenizer.tokens("Cafe\u{301}") == TicketTextTokenizer.tokens("Café"))
        #expect(TicketTextTokenizer.tokens("password:reset,e-mail") == ["password", "reset", "mail"])
        #expect(TicketTextTokenizer.tokens("Error 404 on v2") == ["error", "404", "v2"])
    }

    @Test func dropsOneCharacterTokensAndStopWords() {
        #expect(TicketTextTokenizer.tokens("I am a user of the app, x y z") == ["user", "app"])
        #expect(TicketTextTokenizer.tokens("the and of").isEmpty)
        #expect(TicketTextTokenizer.tokens("").isEmpty)
    }

    @Test func stemsPluralsAndVerbEndingsTheSameWayForEveryForm() {
        let forms = [["charge", "charges", "charged", "charging"], ["fail", "fails", "failed", "failing"], ["box", "boxes"],
                     ["query", "queries"], ["run", "running"], ["stop", "stopped"], ["invoice", "invoices"], ["refund", "refunds", "refunded"],
                     ["address", "addresses"], ["match", "matches"]]
        for group in forms {
            let stems = Set(group.map(TicketTextTokenizer.stem))
            #expect(stems.count == 1, "\(group) → \(stems)")
        }
    }

    @Test func leavesWordsThatOnlyLookInflected() {
        #expect(TicketTextTokenizer.stem("status") == "status")
        #expect(TicketTextTokenizer.stem("string") == "string")
        #expect(TicketTextTokenizer.stem("speed") == "speed")
        #expect(TicketTextTokenizer.stem("bill") == TicketTextTokenizer.stem("billing"))
        #expect(TicketTextTokenizer.stem("pass") == "pass")
        #expect(TicketTextTokenizer.stem("add") == "add")
        #expect(TicketTextTokenizer.stem("printer") != TicketTextTokenizer.stem("print"))
    }

    @Test func cutsAbsurdlyLongTokens() {
        let tokens = TicketTextTokenizer.tokens(String(repeating: "a", count: 10_000))
        #expect(tokens.count == 1)
        #expect(tokens[0].utf8.count <= TicketTextTokenizer.maximumTokenBytes)
    }
}
