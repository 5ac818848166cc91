import Foundation
import Semantics
import Testing

@Suite("Lexical index (BM25F)")
struct LexicalIndexTests {
    @Test func analyzerLowerCasesDropsStopWordsAndStems() {
        let analyzer = LexicalAnalyzer()
        #expect(analyzer.terms("How do I reset the Passwords of my accounts?") == ["how", "do", "i", "reset", "password", "my", "account"])
        #expect(analyzer.terms("Error E404: café-menu, 2FA!") == ["error", "e404", "café", "menu", "2fa"])
        #expect(LexicalAnalyzer(stems: false).terms("refunds refunded") == ["refunds", "refunded"])
    }

    @Test func ranksTheDocumentSharingTheRarerTermsFirst() {
        var index = LexicalIndex()
        index.upsert("billing", title: "Invoice questions", body: "Where to download an invoice as PDF.")
        index.upsert("login", title: "Cannot sign in", body: "Reset your password from the sign-in page.")
        index.upsert("refund", title: "Refunds", body: "A refund reaches your card within five days.")
        let hits = index.search("how do I get my money refunded", limit: 10)
        #expect(hits.map(\.key) == ["refund"])
        #expect(index.search("download invoice pdf", limit: 10).first?.key == "billing")
        #expect(index.search("nothing matches zebra", limit: 10).isEmpty)
    }

    @Test func aTitleMatchOutweighsTheSameMatchInTheBody() {
        var index = LexicalIndex(parameters: .init(titleWeight: 3))
        index.upsert("a", title: "Change email address", body: "Open your profile and edit the field.")
        index.upsert("b", title: "Profile settings", body: "Change email address, name and language here.")
        #expect(index.search("change email", limit: 2).map(\.key) == ["a", "b"])
        // With equal weights the body match wins: a's title is longer than the average title, so it is damped more.
        var flat = LexicalIndex(parameters: .init(titleWeight: 1))
        flat.upsert("a", title: "Change email address", body: "Open your profile and edit the field.")
        flat.upsert("b", title: "Profile settings", body: "Change email address, name and language here.")
        #expect(flat.search("change email", limit: 2).map(\.key) == ["b", "a"])
    }

    @Test func scoresFollowBM25() {
        // One document, one field: score = idf · tf (k1 + 1) / (tf + k1 (1 − b + b · len / avglen)).
        var index = LexicalIndex(parameters: .init(k1: 1.2, b: 0.75, titleWeight: 1))
        index.upsert("x", title: "", body: "printer printer jam")
        index.upsert("y", title: "", body: "scanner")
        let n = 2.0, df = 1.0
        let idf = log(1 + (n - df + 0.5) / (df + 0.5))
        let norm = 1 - 0.75 + 0.75 * 3 / 2.0   // body length 3, average (3 + 1) / 2
        let tf = 2 / norm
        let expected = idf * tf * 2.2 / (tf + 1.2)
        let hit = index.search("printer", limit: 1)
        #expect(hit.count == 1)
        #expect(abs(hit[0].score - expected) < 1e-9)
    }

    @Test func upsertReplacesRemoveForgetsAndFiltersApply() {
        var index = LexicalIndex()
        index.upsert("d1", title: "Shipping times", body: "Parcels ship within two days.", tags: ["audience": "public"])
        index.upsert("d2", title: "Shipping internal", body: "Carrier contracts and parcels.", tags: ["audience": "agents"])
        index.upsert("d3", title: "Returns", body: "Send the parcel back.", tags: ["audience": "public"])
        #expect(Set(index.search("parcel", limit: 10).map(\.key)) == ["d1", "d2", "d3"])
        #expect(index.search("parcel", limit: 10) { $0.tags["audience"] == "public" }.map(\.key).contains("d2") == false)
        index.upsert("d1", title: "Opening hours", body: "We answer from nine to five.")
        #expect(!index.search("parcel", limit: 10).map(\.key).contains("d1"))
        #expect(index.search("opening hours", limit: 10).map(\.key) == ["d1"])
        index.remove("d1")
        #expect(index.count == 2)
        #expect(index.search("opening hours", limit: 10).isEmpty)
        #expect(Set(index.search("parcel", limit: 10).map(\.key)) == ["d2", "d3"])
        index.remove("d3")
        #expect(index.search("parcel", limit: 10).map(\.key) == ["d2"])
        // Only d2's terms are left: ship, intern, carrier, contract, parcel.
        #expect(index.vocabularySize == 5)
        #expect(index.search("", limit: 10).isEmpty)
    }

    @Test func correctsOnlyQueryWordsNoDocumentContains() {
        var index = LexicalIndex()
        index.upsert("pw", title: "Forgotten password", body: "Request a reset link by e-mail.")
        index.upsert("card", title: "Card declined", body: "Check the expiry date of the card.")
        // "pasword" and "decliend" (a swap) are unknown: corrected to the nearest indexed word.
        #expect(index.search("forgot my pasword", limit: 1).first?.key == "pw")
        #expect(index.search("card decliend", limit: 1).first?.key == "card")
        // A known word is never replaced, and short unknown words are left alone.
        #expect(index.search("date", limit: 10).map(\.key) == ["card"])
        #expect(index.search("dat", limit: 10).isEmpty)
        // Without correction the typo finds nothing.
        var strict = LexicalIndex(parameters: .init(correctsSpelling: false))
        strict.upsert("pw", title: "Forgotten password", body: "Request a reset link by e-mail.")
        #expect(strict.search("pasword", limit: 1).isEmpty)
        // Removing the only document with a word removes it from the corrections.
        index.remove("pw")
        #expect(index.search("pasword", limit: 1).isEmpty)
    }
}
