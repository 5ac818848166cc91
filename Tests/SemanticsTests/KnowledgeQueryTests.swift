import Testing
@testable import Semantics

@Suite("Knowledge index: typos, phrases, prefixes and synonyms")
struct KnowledgeQueryTests {
    typealias Corpus = KnowledgeTestCorpus

    static let documents = [
        Corpus.article("pw", "Forgotten password", "Request a reset link by e-mail. The link expires after one hour."),
        Corpus.article("card", "Card declined", "Check the expiry date of the card."),
        Corpus.article("reset", "Reset the router", "Unplug the router, wait, plug it in. Your password for the admin page is on its back."),
        Corpus.article("signin", "Sign in with a passkey", "Sign in on the portal with a passkey or your password."),
        Corpus.article("signup", "Sign up", "Create an account: sign up with your e-mail address and a passphrase."),
        Corpus.faq("faq-pw", "How do I reset my password?", phrasings: ["password forgotten", "reset password"], answer: "Use the forgotten password link."),
    ]

    @Test func correctsOnlyWordsTheIndexDoesNotKnowAndSaysSo() {
        let index = Corpus.index(Self.documents)
        let results = index.search("Forgot my pasword", limit: 10, filter: Corpus.everyone)
        #expect(results.corrections == ["pasword": "password"])
        #expect(results.didYouMean == "Forgot my password")
        #expect(results.hits == index.search("Forgot my password", limit: 10, filter: Corpus.everyone).hits)
        #expect(results.hits.map(\.key).contains("pw"))
        // A swap of neighbours is one edit; the rest of the query stays as typed.
        let swapped = index.search("card decliend, why?", limit: 10, filter: Corpus.everyone)
        #expect(swapped.didYouMean == "card declined, why?")
        #expect(swapped.hits.first?.key == "card")
        // Known words are never replaced, even when a more common word is one edit away.
        let known = index.search("passkey", limit: 10, filter: Corpus.everyone)
        #expect(known.didYouMean == nil && known.corrections.isEmpty)
        #expect(known.hits.map(\.key) == ["signin"])
        // Short unknown words are left alone; so is a word with nothing near it.
        #expect(index.search("dat", limit: 10, filter: Corpus.everyone).total == 0)
        #expect(index.search("zzzzzzzz", limit: 10, filter: Corpus.everyone).didYouMean == nil)
        // Codes and numbers are never corrected.
        #expect(index.search("e404", limit: 10, filter: Corpus.everyone).didYouMean == nil)
    }

    @Test func aPhraseNeedsItsWordsAdjacentAndInOrderWithinOneField() {
        let index = Corpus.index(Self.documents)
        // "reset" and "password" are both in the router article, but apart; adjacent only in an FAQ phrasing.
        #expect(index.search("\"reset password\"", limit: 10, filter: Corpus.everyone).hits.map(\.key) == ["faq-pw"])
        #expect(index.search("\"password reset\"", limit: 10, filter: Corpus.everyone).total == 0)
        // Stems match within a phrase: "resetting passwords" is the same phrase.
        #expect(index.search("\"resetting my passwords\"", limit: 10, filter: Corpus.everyone).hits.map(\.key) == ["faq-pw"])
        // Stop words in a phrase count: "sign in" is not "sign up".
        #expect(Set(index.search("\"sign in\"", limit: 10, filter: Corpus.everyone).hits.map(\.key)) == ["signin"])
        #expect(Set(index.search("\"sign up\"", limit: 10, filter: Corpus.everyone).hits.map(\.key)) == ["signup"])
        // Not across fields (title "Reset the router" + body "Unplug…"), nor across two phrasings.
        #expect(index.search("\"router unplug\"", limit: 10, filter: Corpus.everyone).total == 0)
        #expect(index.search("\"forgotten reset\"", limit: 10, filter: Corpus.everyone).total == 0)
        // A phrase is one clause of the OR: other words still add documents.
        #expect(Set(index.search("\"reset password\" declined", limit: 10, filter: Corpus.everyone).hits.map(\.key)) == ["faq-pw", "card"])
        // A quote left open is ignored: the words are plain words.
        #expect(index.search("\"reset password", limit: 10, filter: Corpus.everyone).total
            == index.search("reset password", limit: 10, filter: Corpus.everyone).total)
        // Typos inside a phrase are corrected as well.
        let typo = index.search("\"reset my pasword\"", limit: 10, filter: Corpus.everyone)
        #expect(typo.hits.map(\.key) == ["faq-pw"])
        #expect(typo.didYouMean == "\"reset my password\"")
    }

    @Test func aPrefixFindsEveryIndexedWordBeginningSoUpToABound() {
        let index = Corpus.index(Self.documents)
        // pass* → password, passkey, passphrase.
        let keys = Set(index.search("pass*", limit: 10, filter: Corpus.everyone).hits.map(\.key))
        #expect(keys == ["pw", "reset", "signin", "signup", "faq-pw"])
        #expect(index.search("passp*", limit: 10, filter: Corpus.everyone).hits.map(\.key) == ["signup"])
        // Without the star the same letters are a word (corrected: "passp" is within one edit of nothing).
        #expect(index.search("passp", limit: 10, filter: Corpus.everyone).total == 0)
        // Bounded to the words in most documents: with one expansion, only "password" (in four documents).
        var bounded = index
        bounded.ranking.prefixExpansions = 1
        #expect(Set(bounded.search("pass*", limit: 10, filter: Corpus.everyone).hits.map(\.key)) == ["pw", "reset", "signin", "faq-pw"])
        // A document matching several expansions (passkey and password) counts the prefix once, by the better one.
        func score(_ query: String) -> Double {
            index.search(query, limit: 10, filter: Corpus.everyone).hits.first { $0.key == "signin" }?.score ?? 0
        }
        #expect(abs(score("pass* sign") - max(score("passkey sign"), score("password sign"))) < 1e-9)
        #expect(score("passkey sign") != score("password sign"))
    }

    @Test func synonymsExpandTheQueryAtALowerWeight() {
        var index = Corpus.index([
            Corpus.article("refund", "Refund policy", "How a refund works."),
            Corpus.article("reimburse", "Reimbursement of fees", "Fees are repaid within a week."),
            Corpus.article("money", "Money back", "Your money back guarantee."),
            Corpus.article("other", "Shipping", "Parcels ship daily."),
        ])
        #expect(index.search("refund", limit: 10, filter: Corpus.everyone).hits.map(\.key) == ["refund"])
        index.setSynonyms([["refund", "reimbursement", "money back"]])
        let hits = index.search("refunds", limit: 10, filter: Corpus.everyone).hits
        #expect(Set(hits.map(\.key)) == ["refund", "reimburse", "money"])
        // The typed word first: a synonym weighs 0.8 of it.
        #expect(hits.first?.key == "refund")
        // Any entry finds the others, a several-word entry typed as words in a row included.
        #expect(Set(index.search("reimbursement", limit: 10, filter: Corpus.everyone).hits.map(\.key)) == ["refund", "reimburse", "money"])
        #expect(index.search("money back", limit: 10, filter: Corpus.everyone).hits.first?.key == "money")
        #expect(Set(index.search("money back", limit: 10, filter: Corpus.everyone).hits.map(\.key)) == ["refund", "reimburse", "money"])
        // A synonym's weight: the same document found through a synonym scores 0.8 of finding it directly.
        var weighted = index
        weighted.setSynonyms([["refund", "reimbursement"]])
        let direct = weighted.search("reimbursement", limit: 10, filter: Corpus.everyone).hits.first { $0.key == "reimburse" }!.score
        let viaSynonym = weighted.search("refund", limit: 10, filter: Corpus.everyone).hits.first { $0.key == "reimburse" }!.score
        #expect(abs(viaSynonym - 0.8 * direct) < 1e-9)
        // Replacing the groups drops the old ones.
        index.setSynonyms([])
        #expect(index.search("refund", limit: 10, filter: Corpus.everyone).hits.map(\.key) == ["refund"])
    }

    @Test func queriesAreCutIntoWordsPhrasesAndPrefixes() {
        let query = KnowledgeQuery("How to \"Reset the password\" for pass* now \"open")
        let shapes = query.parts.map { part -> String in
            switch part {
            case .word(let w): w.text
            case .phrase(let words): "\"" + words.map(\.text).joined(separator: " ") + "\""
            case .prefix(let w): w.text + "*"
            }
        }
        #expect(shapes == ["how", "to", "\"reset the password\"", "for", "pass*", "now", "open"])
        #expect(KnowledgeWords.words("Error E404: café-Menü, 2FA!") == ["error", "e404", "café", "menü", "2fa"])
        #expect(KnowledgeWords.words("Error E404: café-Menü, 2FA!") == LexicalAnalyzer().words("Error E404: café-Menü, 2FA!"))
    }
}
