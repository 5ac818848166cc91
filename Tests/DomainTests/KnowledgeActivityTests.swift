import Domain
import Foundation
import Testing

private typealias K = KnowledgeFixtures

@Suite("What a search keeps of its query")
struct KnowledgeSearchScrubTests {
    @Test(arguments: [
        ("Invoice for ann@example.com", "invoice for …"),
        ("ANN.Smith@Example.COM wrong address", "… wrong address"),
        ("order 1234567 missing", "order … missing"),
        ("order 123456", "order …"),
        ("order 12345", "order 12345"),
        ("ref:1234567890, please", "ref:…, please"),
        ("abc123456def", "abc…def"),
        ("call +49 170 1234567", "call +49 170 …"),
        ("iban de89370400440532013000", "iban de…"),
        ("@support handle", "@support handle"),
        ("  Reset\tmy   PASSWORD \n", "reset my password"),
        ("", ""),
    ])
    func emailsAndLongDigitRunsAreMasked(typed: String, kept: String) {
        #expect(KnowledgeSearched.scrub(typed) == kept)
    }

    @Test func aQueryIsCutAt120Characters() {
        let long = String(repeating: "invoice ", count: 40)
        let kept = KnowledgeSearched.scrub(long)
        #expect(kept.count == 120)
        #expect(kept.hasPrefix("invoice invoice"))
    }
}

@Suite("Bookmarks")
struct KnowledgeBookmarkTests {
    static let article = KnowledgeKind.article.key(K.articleSlug)
    static let faq = KnowledgeKind.faq.key(K.faqSlug)

    func bookmarks(_ events: (any DomainEvent)...) -> Bookmarks { events.reduce(Bookmarks()) { $0.evolve($1) } }
    func added(_ target: String) -> BookmarkAdded { BookmarkAdded(account: K.customer, target: target) }
    func removed(_ target: String) -> BookmarkRemoved { BookmarkRemoved(account: K.customer, target: target) }

    @Test func aReaderBookmarksAnItem() {
        Result { try Bookmarks().decideAdd(Self.article, by: K.customer) }.then(added(Self.article))
        #expect(bookmarks(added(Self.article), added(Self.faq)).targets == [Self.article, Self.faq])
        #expect(Bookmarks.stream(K.customer) == "bookmarks-\(K.customer)")
    }

    @Test func anItemIsBookmarkedOnce() {
        let b = bookmarks(added(Self.article))
        Result { try b.decideAdd(Self.article, by: K.customer) }.thenError(.rejected("already bookmarked"))
        // A replayed duplicate does not list it twice.
        #expect(bookmarks(added(Self.article), added(Self.article)).targets == [Self.article])
    }

    @Test func aBookmarkIsRemovedOnlyWhenThere() {
        let b = bookmarks(added(Self.article), added(Self.faq))
        Result { try b.decideRemove(Self.article, by: K.customer) }.then(removed(Self.article))
        #expect(bookmarks(added(Self.article), added(Self.faq), removed(Self.article)).targets == [Self.faq])
        Result { try Bookmarks().decideRemove(Self.article, by: K.customer) }.thenError(.notFound("bookmark"))
    }

    @Test func aReaderKeepsAtMostAThousandBookmarks() {
        let full = (1...1000).reduce(Bookmarks()) { $0.evolve(added("article:item-\($1)")) }
        Result { try full.decideAdd(Self.faq, by: K.customer) }.thenError(.rejected("at most 1000 bookmarks; remove some first"))
        let roomForOne = full.evolve(removed("article:item-1"))
        Result { try roomForOne.decideAdd(Self.faq, by: K.customer) }.then(added(Self.faq))
    }

    @Test func otherEventsLeaveBookmarksAlone() {
        #expect(bookmarks(added(Self.article), K.articleCreated).targets == [Self.article])
    }
}

@Suite("Knowledge links in replies")
struct KnowledgeLinksTests {
    @Test func givenAReplyWhenItLinksArticlesAndQuestionsThenEachItemCountsOnce() {
        let reply = """
            See https://help.example.com/kb/articles/reset-your-password?from=ticket and /kb/faq/lost-phone.
            Again: /kb/articles/reset-your-password. Not an item: /kb/articles/ or /kb/articles/-bad or /kb/search?q=x.
            """
        #expect(KnowledgeLinks.keys(in: reply) == ["article:reset-your-password", "faq:lost-phone"])
        #expect(KnowledgeLinks.keys(in: "no links here").isEmpty)
    }
}
