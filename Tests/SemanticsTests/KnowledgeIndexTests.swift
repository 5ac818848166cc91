import Foundation
import Testing
@testable import Semantics

@Suite("Knowledge index: ranking and storage")
struct KnowledgeIndexTests {
    typealias Corpus = KnowledgeTestCorpus

    static let helpDesk = [
        Corpus.article("billing", "Invoice questions", "Where to download an invoice as PDF."),
        Corpus.article("login", "Cannot sign in", "Reset your password from the sign-in page."),
        Corpus.article("refund", "Refunds", "A refund reaches your card within five days."),
        Corpus.faq("faq-card", "Why was my card declined?", phrasings: ["payment refused"], answer: "Check the expiry date of the card."),
    ]

    @Test func findsDocumentsSharingAnyQueryTermByStem() {
        let index = Corpus.index(Self.helpDesk)
        let results = index.search("how do I get my money refunded", limit: 10, filter: Corpus.everyone)
        // "refunded" meets "Refunds" and "refund" on the stem "refund"; "my" also finds the card question.
        #expect(results.hits.map(\.key) == ["refund", "faq-card"])
        #expect(results.total == 2)
        #expect(results.didYouMean == nil && results.corrections.isEmpty)
        #expect(index.search("download invoice pdf", limit: 10, filter: Corpus.everyone).hits.first?.key == "billing")
        // An OR of terms: either word is enough.
        #expect(Set(index.search("invoice refunds", limit: 10, filter: Corpus.everyone).hits.map(\.key)) == ["billing", "refund"])
        // Phrasings are searched: "refused" is only in the FAQ entry's phrasing.
        #expect(index.search("refused", limit: 10, filter: Corpus.everyone).hits.map(\.key) == ["faq-card"])
        #expect(index.search("nothing matches zebra", limit: 10, filter: Corpus.everyone).hits.isEmpty)
        #expect(index.search("", limit: 10, filter: Corpus.everyone).total == 0)
    }

    @Test func aTitleMatchOutweighsTheSameMatchInTheBodyInBothFormulations() {
        let documents = [
            Corpus.article("a", "Change email address", "Open your profile and edit the field."),
            Corpus.article("b", "Profile settings", "Change email address, name and language here."),
        ]
        for formulation in [KnowledgeRanking.Formulation.bm25f, .fieldSum(perFieldIDF: false), .fieldSum(perFieldIDF: true)] {
            let ranking = KnowledgeRanking(formulation: formulation, k1: 1.2, b: .init(all: 0.75), weights: .init(title: 3, phrasings: 3, summary: 1, body: 1))
            let index = Corpus.index(documents, ranking: ranking)
            #expect(index.search("change email", limit: 2, filter: Corpus.everyone).hits.map(\.key) == ["a", "b"], "\(formulation)")
        }
        // With equal weights the body match wins: a's title is longer than the average title, so it is damped more.
        let flat = KnowledgeRanking(formulation: .bm25f, k1: 1.2, b: .init(all: 0.75), weights: .init(all: 1))
        #expect(Corpus.index(documents, ranking: flat).search("change email", limit: 2, filter: Corpus.everyone).hits.map(\.key) == ["b", "a"])
    }

    @Test func bm25fScoresFollowTheFormula() {
        // tf = Σ w_f · c_f / (1 − b + b · len_f / avg_f); score = idf · tf (k1 + 1) / (tf + k1).
        let ranking = KnowledgeRanking(formulation: .bm25f, k1: 1.2, b: .init(all: 0.75), weights: .init(title: 4, phrasings: 4, summary: 1.5, body: 1))
        let index = Corpus.index([
            Corpus.article("x", "Printer jam", "printer printer paper"),
            Corpus.article("y", "Scanner", "scanner glass"),
        ], ranking: ranking)
        let idf = log(1 + (2 - 1 + 0.5) / (1 + 0.5))
        // Titles: 2 and 1 terms (average 1.5); bodies: 3 and 2 (average 2.5).
        let title = 1 / (0.25 + 0.75 * 2 / 1.5), body = 2 / (0.25 + 0.75 * 3 / 2.5)
        let tf = 4 * title + body
        let expected = idf * tf * 2.2 / (tf + 1.2)
        let hits = index.search("printer", limit: 1, filter: Corpus.everyone).hits
        #expect(hits.count == 1)
        #expect(abs(hits[0].score - expected) < 1e-9)
    }

    @Test func fieldSumScoresAddOneBM25PerField() {
        // Σ_f w_f · idf · c_f (k1 + 1) / (c_f + k1 (1 − b + b · len_f / avg_f)).
        let ranking = KnowledgeRanking(formulation: .fieldSum(perFieldIDF: false), k1: 1.2, b: .init(all: 0.75), weights: .init(title: 4, phrasings: 4, summary: 1.5, body: 1))
        let documents = [Corpus.article("x", "Printer jam", "printer printer paper"), Corpus.article("y", "Scanner", "scanner glass")]
        let idf = log(1 + (2 - 1 + 0.5) / (1 + 0.5))
        let title = 4 * idf * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 2 / 1.5))
        let body = idf * 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 3 / 2.5))
        let hits = Corpus.index(documents, ranking: ranking).search("printer", limit: 1, filter: Corpus.everyone).hits
        #expect(abs(hits[0].score - (title + body)) < 1e-9)
        // With per-field idf each field weighs a term by how many documents hold it in that field: "paper" is in
        // both bodies (df 2) but only p's title (df 1), so its title match weighs more than its body match.
        let perField = KnowledgeRanking(formulation: .fieldSum(perFieldIDF: true), k1: 1.2, b: .init(all: 0.75), weights: .init(title: 4, phrasings: 4, summary: 1.5, body: 1))
        let index = Corpus.index([Corpus.article("p", "Paper", "paper tray"), Corpus.article("q", "Tray", "paper feed")], ranking: perField)
        let pHits = index.search("paper", limit: 2, filter: Corpus.everyone).hits
        #expect(pHits.map(\.key) == ["p", "q"])
        let bodyIDF = log(1 + (2 - 2 + 0.5) / (2 + 0.5)), titleIDF = log(1 + (2 - 1 + 0.5) / (1 + 0.5))
        let q = bodyIDF * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 2 / 2))
        let p = q + 4 * titleIDF * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 1 / 1))
        #expect(abs(pHits[1].score - q) < 1e-9)
        #expect(abs(pHits[0].score - p) < 1e-9)
    }

    @Test func pagesAreSlicesOfOneOrderWithTiesByKey() {
        // Ten identical documents tie; the order is by key, and pages do not overlap.
        let documents = (0..<10).map { Corpus.article("doc-\($0)", "Shipping", "Parcels ship daily.") }
        let index = Corpus.index(documents.reversed())
        let all = index.search("shipping", limit: 10, filter: Corpus.everyone)
        #expect(all.total == 10)
        #expect(all.hits.map(\.key) == (0..<10).map { "doc-\($0)" })
        let page = index.search("shipping", limit: 3, offset: 4, filter: Corpus.everyone)
        #expect(page.total == 10)
        #expect(page.hits.map(\.key) == ["doc-4", "doc-5", "doc-6"])
        #expect(index.search("shipping", limit: 5, offset: 9, filter: Corpus.everyone).hits.map(\.key) == ["doc-9"])
        #expect(index.search("shipping", limit: 0, filter: Corpus.everyone).hits.isEmpty)
    }

    @Test func selectsTheSameTopAsAFullSortWhenMostDocumentsMatch() {
        // 300 matches and a page of 5: the bounded selection must agree with sorting everything.
        let documents = (0..<300).map { n in
            Corpus.article("d\(n)", n % 7 == 0 ? "Shipping times" : "Returns", String(repeating: "shipping ", count: 1 + n % 11) + "parcel \(n)")
        }
        let index = Corpus.index(documents)
        let everything = index.search("shipping", limit: 300, filter: Corpus.everyone).hits
        #expect(everything.count == 300)
        let sorted = everything.sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        #expect(everything == sorted)
        #expect(index.search("shipping", limit: 5, offset: 10, filter: Corpus.everyone).hits == Array(sorted[10..<15]))
    }

    @Test func upsertReplacesAndRemoveForgets() {
        var index = Corpus.index(Self.helpDesk)
        #expect(index.count == 4)
        index.upsert(Corpus.article("billing", "Opening hours", "We answer from nine to five."))
        #expect(index.count == 4)
        #expect(index.search("invoice", limit: 10, filter: Corpus.everyone).total == 0)
        #expect(index.search("opening hours", limit: 10, filter: Corpus.everyone).hits.map(\.key) == ["billing"])
        #expect(index.document("billing")?.title == "Opening hours")
        index.remove("billing")
        index.remove("missing")
        #expect(index.count == 3)
        #expect(!index.contains("billing"))
        #expect(index.search("opening hours", limit: 10, filter: Corpus.everyone).total == 0)
        #expect(index.search("refund", limit: 10, filter: Corpus.everyone).hits.map(\.key) == ["refund"])
    }

    @Test func anIndexAfterManyRemovalsScoresLikeOneBuiltFromItsDocuments() {
        // 200 documents, 150 removed (slots are renumbered on the way), 30 replaced: the scores must be those
        // of an index built from the survivors alone.
        let documents = (0..<200).map { n in
            Corpus.article("d\(n)", "Topic \(n % 13) guide", "word\(n % 17) common text \(n % 5 == 0 ? "refund" : "shipping") \(n)")
        }
        var index = Corpus.index(documents)
        for n in 0..<200 where n % 4 != 0 { index.remove("d\(n)") }
        var survivors = documents.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)
        for n in stride(from: 0, to: 200, by: 20) {
            let replacement = Corpus.article("d\(n)", "Replaced \(n)", "refund policy common")
            index.upsert(replacement)
            survivors.removeAll { $0.key == "d\(n)" }
            survivors.append(replacement)
        }
        let fresh = Corpus.index(survivors)
        #expect(index.count == 50)
        for query in ["refund", "common text", "topic 3 guide", "word5 shipping", "replaced policy"] {
            let a = index.search(query, limit: 50, filter: Corpus.everyone), b = fresh.search(query, limit: 50, filter: Corpus.everyone)
            #expect(a.total == b.total, "\(query)")
            #expect(a.hits.map(\.key) == b.hits.map(\.key), "\(query)")
            for (x, y) in zip(a.hits, b.hits) { #expect(abs(x.score - y.score) < 1e-9, "\(query)") }
        }
        #expect(index.search("phrase \"common text\"", limit: 50, filter: Corpus.everyone).total
            == fresh.search("phrase \"common text\"", limit: 50, filter: Corpus.everyone).total)
    }

    @Test func stopWordsAloneFindNothing() {
        let index = Corpus.index(Self.helpDesk)
        #expect(index.search("the and of", limit: 10, filter: Corpus.everyone).total == 0)
    }
}
