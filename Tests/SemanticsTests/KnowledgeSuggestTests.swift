import Testing
@testable import Semantics

@Suite("Knowledge index: suggestions as the user types")
struct KnowledgeSuggestTests {
    typealias Corpus = KnowledgeTestCorpus

    static func index() -> KnowledgeIndex {
        Corpus.index([
            Corpus.article("reset", "Reset your password", "Open Settings."),
            Corpus.article("change", "Change a password you know", "Open Settings."),
            Corpus.article("router", "Password of the router admin page", "On its back."),
            Corpus.article("mail", "Password reset link by mail", "Check spam."),
            Corpus.article("passkeys", "Passkeys instead of passwords", "Sign in without typing."),
            Corpus.faq("faq-2fa", "How does two-factor sign-in work?", phrasings: ["reset my second factor", "lost my authenticator app"], answer: "Codes."),
            Corpus.article("invoices", "Download invoices", "As PDF."),
        ])
    }

    static func keys(_ suggestions: [KnowledgeSuggestion]) -> [String] { suggestions.map(\.key) }

    @Test func completesTheLastWordAsAPrefixAndRanksQuestionsStartingWithTheInputFirst() {
        let index = Self.index()
        // "pass": questions starting with it first (shorter first), then those holding a word beginning so.
        #expect(Self.keys(index.suggest("pass", limit: 10, filter: Corpus.everyone)) == ["passkeys", "mail", "router", "reset", "change"])
        #expect(index.suggest("pass", limit: 2, filter: Corpus.everyone).map(\.text) == ["Passkeys instead of passwords", "Password reset link by mail"])
        // Complete words must all be there (by stem); the typed order beats the same words in another order.
        #expect(Self.keys(index.suggest("reset pa", limit: 10, filter: Corpus.everyone)) == ["reset", "mail"])
        #expect(Self.keys(index.suggest("passwords rou", limit: 10, filter: Corpus.everyone)) == ["router"])
        #expect(Self.keys(index.suggest("change know", limit: 10, filter: Corpus.everyone)) == ["change"])
        // A trailing space makes the last word complete: "passkey " needs the term, not a word beginning so.
        #expect(Self.keys(index.suggest("passkey ", limit: 10, filter: Corpus.everyone)) == ["passkeys"])
        #expect(Self.keys(index.suggest("passkey", limit: 10, filter: Corpus.everyone)) == ["passkeys"])
        #expect(Self.keys(index.suggest("passw ", limit: 10, filter: Corpus.everyone)).isEmpty)
        // Stop words typed may be missing from the question.
        #expect(Self.keys(index.suggest("the download inv", limit: 10, filter: Corpus.everyone)) == ["invoices"])
        #expect(index.suggest("", limit: 10, filter: Corpus.everyone).isEmpty)
        #expect(index.suggest("   ", limit: 10, filter: Corpus.everyone).isEmpty)
        #expect(index.suggest("zebra", limit: 10, filter: Corpus.everyone).isEmpty)
        #expect(index.suggest("pass", limit: 0, filter: Corpus.everyone).isEmpty)
    }

    @Test func suggestsPhrasingsOncePerDocumentAndCorrectsCompleteWords() {
        let index = Self.index()
        let lost = index.suggest("lost my auth", limit: 10, filter: Corpus.everyone)
        #expect(lost == [KnowledgeSuggestion(key: "faq-2fa", text: "lost my authenticator app", isPhrasing: true)])
        let reset = index.suggest("reset", limit: 10, filter: Corpus.everyone)
        #expect(Self.keys(reset) == ["reset", "faq-2fa", "mail"])
        #expect(reset[1].text == "reset my second factor")
        // The title and a phrasing both hold "factor": one suggestion for the document, the better line (shorter).
        #expect(index.suggest("factor", limit: 10, filter: Corpus.everyone)
            == [KnowledgeSuggestion(key: "faq-2fa", text: "reset my second factor", isPhrasing: true)])
        // A misspelt complete word is corrected.
        #expect(Self.keys(index.suggest("pasword rou", limit: 10, filter: Corpus.everyone)) == ["router"])
        #expect(Self.keys(index.suggest("downlaod ", limit: 10, filter: Corpus.everyone)) == ["invoices"])
    }

    @Test func popularityOrdersQuestionsThatMatchEquallyWell() {
        var index = Self.index()
        // "password " starts two questions (shorter first) and is held by three more.
        #expect(Self.keys(index.suggest("password ", limit: 10, filter: Corpus.everyone)) == ["mail", "router", "reset", "passkeys", "change"])
        index.setPopularity("change", 50)
        index.setPopularity("reset", 10)
        #expect(Self.keys(index.suggest("password ", limit: 10, filter: Corpus.everyone)) == ["mail", "router", "change", "reset", "passkeys"])
        index.setPopularity("router", 5)
        #expect(Self.keys(index.suggest("password ", limit: 10, filter: Corpus.everyone)) == ["router", "mail", "change", "reset", "passkeys"])
        // Popularity never lifts a weaker match over a better one.
        index.setPopularity("passkeys", 1_000)
        #expect(Self.keys(index.suggest("password ", limit: 10, filter: Corpus.everyone)) == ["router", "mail", "passkeys", "change", "reset"])
        // It survives an upsert of the document, and 0 forgets it.
        index.upsert(Corpus.article("change", "Change a password you know", "Open Settings, then Security."))
        #expect(Self.keys(index.suggest("password ", limit: 10, filter: Corpus.everyone)) == ["router", "mail", "passkeys", "change", "reset"])
        index.setPopularity("passkeys", 0)
        #expect(Self.keys(index.suggest("password ", limit: 10, filter: Corpus.everyone)) == ["router", "mail", "change", "reset", "passkeys"])
    }
}
