import Domain
import Foundation
import Testing

private typealias K = KnowledgeFixtures

@Suite("Publishing an article or FAQ entry")
struct KnowledgePublishingTests {
    func move(_ scenario: KnowledgeScenario, to status: KnowledgeStatus) -> Result<KnowledgeItemStatusChanged, any Error> {
        scenario.when { try $0.decideStatus(status, author: K.editor) }
    }

    @Test func aDraftIsPublished() {
        move(K.article(in: .draft), to: .published).then(K.status(.draft, .published))
    }

    @Test func publishingSetsThePublicationAndUpdateTimes() {
        let t1 = K.t0 + K.hour
        let item = K.article(in: .draft).and(K.status(.draft, .published), at: t1).state
        #expect(item.status == .published)
        #expect(item.publishedAt == t1)
        #expect(item.updatedAt == t1)
        #expect(item.createdAt == K.t0)
    }

    @Test func aPublishedItemIsArchivedAndAnArchivedOneGoesBackToDraft() {
        move(K.article(in: .published), to: .archived).then(K.status(.published, .archived))
        move(K.article(in: .archived), to: .draft).then(K.status(.archived, .draft))
        move(K.article(in: .published), to: .draft).then(K.status(.published, .draft))
        move(K.article(in: .draft), to: .archived).then(K.status(.draft, .archived))
    }

    @Test func anArchivedItemIsNotPublishedWithoutAReviewAsADraft() {
        move(K.article(in: .archived), to: .published).thenError(.rejected("an archived item cannot become published"))
    }

    @Test(arguments: KnowledgeStatus.allCases)
    func movingToTheSameStatusIsRejected(status: KnowledgeStatus) {
        move(K.article(in: status), to: status).thenError(.rejected("it is \(status.rawValue) already"))
    }

    @Test func onlyAnExistingItemChangesStatus() {
        move(.given(), to: .published).thenError(.notFound("item"))
    }

    @Test func publishingAgainKeepsTheFirstPublicationTime() {
        let t1 = K.t0 + K.hour, t2 = t1 + K.hour, t3 = t2 + K.hour
        let item = K.article(in: .draft)
            .and(K.status(.draft, .published), at: t1)
            .and(K.status(.published, .archived), at: t2)
            .and(K.status(.archived, .draft), K.status(.draft, .published), at: t3)
            .state
        #expect(item.publishedAt == t1)
        #expect(item.updatedAt == t3)
    }

    @Test func archivingDoesNotMoveTheUpdateTime() {
        let t1 = K.t0 + K.hour
        let item = K.article(in: .published).and(K.status(.published, .archived), at: t1).state
        #expect(item.status == .archived)
        #expect(item.updatedAt == K.t0)
    }
}

@Suite("Revising an article or FAQ entry")
struct KnowledgeRevisionTests {
    static let second = K.article(body: "# Your invoice\n\nEach line is one seat.\nTaxes and discounts come last.")
    static let third = K.article(body: "# Your invoice\n\nEach line is one seat or one add-on.\nTaxes and discounts come last.")

    func revise(_ scenario: KnowledgeScenario, _ content: KnowledgeContent, significant: Bool = false, note: String = "",
                by author: String = K.otherEditor) -> Result<KnowledgeItemRevised, any Error> {
        scenario.when { try $0.decideRevise(content, author: author, significant: significant, note: note, categoryExists: K.categoryExists) }
    }

    @Test func eachRevisionTakesTheNextNumber() {
        revise(.given(K.articleCreated), Self.second).then(K.revised(2, Self.second, by: K.otherEditor))
        revise(.given(K.articleCreated, K.revised(2, Self.second)), Self.third).then(K.revised(3, Self.third, by: K.otherEditor))
    }

    @Test func aRevisionThatChangesNothingIsRejected() {
        revise(.given(K.articleCreated), K.article).thenError(.rejected("nothing changed"))
        // Whitespace the checks trim away is no change either.
        revise(.given(K.articleCreated), K.article(body: "\n" + K.article.body + "  \n")).thenError(.rejected("nothing changed"))
    }

    @Test func theSignificantFlagAndTheTrimmedNoteAreKept() throws {
        let revised = try revise(.given(K.articleCreated), Self.second, significant: true, note: "  Discounts are listed now. \n").get()
        #expect(revised.significant)
        #expect(revised.note == "Discounts are listed now.")
        let item = KnowledgeScenario.given(K.articleCreated).and(revised, at: K.t0 + K.hour).state
        #expect(item.revision(2)?.significant == true)
        #expect(item.revision(2)?.note == "Discounts are listed now.")
        #expect(item.revision(2)?.author == K.otherEditor)
    }

    @Test func aNoteHasAtMost500Characters() {
        revise(.given(K.articleCreated), Self.second, note: String(repeating: "n", count: 501)).thenInvalid(["note"])
        #expect((try? revise(.given(K.articleCreated), Self.second, note: String(repeating: "n", count: 500)).get()) != nil)
    }

    @Test func aRevisionMovesTheUpdateTimeAndKeepsEveryEarlierRevision() {
        let t1 = K.t0 + K.hour, t2 = t1 + K.hour
        let item = K.article(in: .draft)
            .and(K.status(.draft, .published), at: t1)
            .and(K.revised(2, Self.second), at: t2)
            .state
        #expect(item.updatedAt == t2)
        #expect(item.publishedAt == t1)
        #expect(item.createdAt == K.t0)
        #expect(item.revision == 2)
        #expect(item.content == Self.second)
        #expect(item.revision(1)?.content == K.article)
        #expect(item.revision(2)?.at == t2)
        #expect(item.revision(0) == nil)
        #expect(item.revision(3) == nil)
        #expect(item.status == .published)
    }

    @Test func aRevisionIsCheckedByTheRulesOfItsKind() {
        var noAnswer = K.faq
        noAnswer.summary = ""
        KnowledgeScenario.given(K.faqCreated).when { try $0.decideRevise(noAnswer, author: K.editor, significant: false, note: "", categoryExists: K.categoryExists) }
            .thenInvalid(["summary"])
        var moved = Self.second
        moved.categoryID = "nowhere"
        revise(.given(K.articleCreated), moved).thenInvalid(["categoryID"])
    }

    @Test func onlyAnExistingItemIsRevised() {
        revise(.given(), Self.second).thenError(.notFound("item"))
    }
}

@Suite("Restoring an earlier revision")
struct KnowledgeRestoreTests {
    static let second = KnowledgeRevisionTests.second
    static let third = KnowledgeRevisionTests.third
    /// Revisions 1, 2 and 3 with three different bodies.
    static let history = KnowledgeScenario.given(K.articleCreated, K.revised(2, second), K.revised(3, third))

    func restore(_ number: Int, in scenario: KnowledgeScenario = history, categoryExists: (String) -> Bool = K.categoryExists)
        -> Result<KnowledgeItemRevised, any Error> {
        scenario.when { try $0.decideRestore(number, author: K.otherEditor, categoryExists: categoryExists) }
    }

    @Test func restoringRevisionNMakesTheNextRevisionWithNsContent() {
        restore(1).then(KnowledgeItemRevised(kind: .article, slug: K.articleSlug, revision: 4, content: K.article, author: K.otherEditor,
                                             restoredFrom: 1, note: "Restored revision 1"))
        restore(2).then(KnowledgeItemRevised(kind: .article, slug: K.articleSlug, revision: 4, content: Self.second, author: K.otherEditor,
                                             restoredFrom: 2, note: "Restored revision 2"))
    }

    @Test func aRestoreIsRecordedInTheHistoryNotRewritingIt() throws {
        let restored = try restore(1).get()
        let item = Self.history.and(restored, at: K.t0 + K.hour).state
        #expect(item.revision == 4)
        #expect(item.content == K.article)
        #expect(item.revision(4)?.restoredFrom == 1)
        #expect(item.revision(4)?.note == "Restored revision 1")
        #expect(item.revision(3)?.content == Self.third)
        #expect(item.updatedAt == K.t0 + K.hour)
    }

    @Test func restoringTheCurrentContentIsRejected() {
        restore(3).thenError(.rejected("revision 3 is the same as the current content"))
        // An earlier revision with the same content as the current one changes nothing either.
        let back = Self.history.and(K.revised(4, K.article, note: "Restored revision 1", restoredFrom: 1), at: K.t0 + K.hour)
        restore(1, in: back).thenError(.rejected("revision 1 is the same as the current content"))
    }

    @Test(arguments: [0, 4, 99, -1])
    func anUnknownRevisionIsNotFound(number: Int) {
        restore(number).thenError(.notFound("revision \(number)"))
    }

    @Test func onlyAnExistingItemIsRestored() {
        restore(1, in: .given()).thenError(.notFound("item"))
    }

    @Test func aCategoryRemovedSinceIsNotBroughtBack() throws {
        var elsewhere = Self.third
        elsewhere.categoryID = "billing"
        let moved = KnowledgeScenario.given(K.articleCreated, K.revised(2, Self.second), K.revised(3, elsewhere))
        let restored = try restore(1, in: moved, categoryExists: { $0 != "invoices" }).get()
        #expect(restored.content.categoryID == "billing")
        #expect(restored.content.body == K.article.body)
    }

    @Test func aRestoreThatOnlyWouldBringBackARemovedCategoryChangesNothing() {
        // Revision 1 differs from the current one only in its category, which no longer exists.
        var moved = K.article
        moved.categoryID = "billing"
        let scenario = KnowledgeScenario.given(K.articleCreated, K.revised(2, moved))
        restore(1, in: scenario, categoryExists: { $0 != "invoices" }).thenError(.rejected("revision 1 is the same as the current content"))
    }
}
