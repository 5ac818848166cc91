import Domain
import Foundation
import Testing

private typealias K = KnowledgeFixtures

@Suite("Was this helpful? — votes")
struct KnowledgeVoteTests {
    static let item = KnowledgeKind.faq.key(K.faqSlug)
    static let ann = KnowledgeVisitor.account(K.customer)
    static let browser = KnowledgeVisitor.device("5f1c9a")

    /// The voter's current vote after `earlier`, then the decision on a new one.
    func vote(after earlier: [KnowledgeVoteCast] = [], by voter: KnowledgeVisitor = ann, helpful: Bool, reason: UnhelpfulReason? = nil,
              comment: String? = nil) -> Result<KnowledgeVoteCast, any Error> {
        let current = earlier.reduce(KnowledgeVote()) { $0.evolve($1) }
        return Result { try current.decideVote(item: Self.item, by: voter, helpful: helpful, reason: reason, comment: comment) }
    }

    func cast(by voter: KnowledgeVisitor = ann, helpful: Bool, reason: UnhelpfulReason? = nil, replaces: Bool? = nil,
              comment: String? = nil) -> KnowledgeVoteCast {
        KnowledgeVoteCast(itemKey: Self.item, voter: voter, helpful: helpful, reason: reason, replaces: replaces, comment: comment)
    }

    @Test func aFirstVoteReplacesNothing() {
        vote(helpful: true).then(cast(helpful: true))
        vote(by: Self.browser, helpful: false, reason: .outdated).then(cast(by: Self.browser, helpful: false, reason: .outdated))
    }

    @Test func theSameVoteTwiceIsRejected() {
        vote(after: [cast(helpful: true)], helpful: true).thenError(.rejected("your vote is already recorded"))
        vote(after: [cast(helpful: false, reason: .unclear)], helpful: false, reason: .unclear).thenError(.rejected("your vote is already recorded"))
        vote(after: [cast(helpful: false, comment: "Step 3 is missing.")], helpful: false, comment: " Step 3 is missing. ")
            .thenError(.rejected("your vote is already recorded"))
    }

    @Test func changingYesToNoRecordsWhatItReplaces() {
        vote(after: [cast(helpful: true)], helpful: false, reason: .incomplete).then(cast(helpful: false, reason: .incomplete, replaces: true))
        vote(after: [cast(helpful: false)], helpful: true).then(cast(helpful: true, replaces: false))
    }

    @Test func anotherReasonOrACommentIsAChange() {
        vote(after: [cast(helpful: false, reason: .unclear)], helpful: false, reason: .outdated).then(cast(helpful: false, reason: .outdated, replaces: false))
        vote(after: [cast(helpful: false)], helpful: false, comment: "Step 3 is missing.")
            .then(cast(helpful: false, replaces: false, comment: "Step 3 is missing."))
    }

    @Test func aReasonGoesWithANoOnly() {
        vote(helpful: true, reason: .unclear).thenInvalid(["reason"])
    }

    @Test func anAnonymousCommentIsRejectedButTheVoteWithoutOneCounts() {
        vote(by: Self.browser, helpful: false, comment: "Nothing about refunds.").thenInvalid(["comment"])
        vote(by: Self.browser, helpful: false, comment: "  \n").then(cast(by: Self.browser, helpful: false))
    }

    @Test func aSignedInVotersCommentIsTrimmedAndSealedAsPersonal() throws {
        let made = try vote(helpful: false, reason: .other, comment: "  Nothing about refunds.\n").get()
        #expect(made.personal == KnowledgeVoteCast.Personal(comment: "Nothing about refunds."))
        #expect(KnowledgeVote().evolve(made).comment == "Nothing about refunds.")
    }

    @Test func aCommentHasAtMost2000Characters() {
        vote(helpful: false, comment: String(repeating: "c", count: 2001)).thenInvalid(["comment"])
        #expect((try? vote(helpful: false, comment: String(repeating: "c", count: 2000)).get()) != nil)
    }

    @Test func allProblemsAreReportedTogether() {
        vote(by: Self.browser, helpful: true, reason: .unclear, comment: String(repeating: "c", count: 2001)).thenInvalid(["reason", "comment", "comment"])
    }

    @Test func theCurrentVoteIsTheLatestCast() {
        let v = [cast(helpful: true), cast(helpful: false, reason: .outdated, replaces: true)].reduce(KnowledgeVote()) { $0.evolve($1) }
        #expect(v.helpful == false)
        #expect(v.reason == .outdated)
        #expect(v.comment == nil)
        #expect(KnowledgeVote().evolve(BookmarkAdded(account: K.customer, target: Self.item)) == KnowledgeVote())
    }

    @Test func visitorsNameThemselves() {
        #expect(Self.ann.account == K.customer)
        #expect(Self.browser.account == nil)
        #expect(Self.ann.description == "account:\(K.customer)")
        #expect(Self.browser.description == "device:5f1c9a")
    }
}
