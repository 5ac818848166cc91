import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// "Was this helpful?" and bookmarks on the pages: one vote per browser or account, changed rather than
/// added; forms protected by CSRF tokens; bookmarks with the significant updates made since.
@Suite("Knowledge base pages: votes and bookmarks")
struct KnowledgePageFeedbackTests {
    static let article = "/kb/articles/\(KnowledgeFixtures.invoiceArticle)"

    @Test func anAnonymousBrowserVotesOnceAndChangesItsVoteWithoutAddingOne() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let browser = Browser(client)
            let yes = try await browser.submit(Self.article + "/vote", ["helpful": "yes"], from: Self.article)
            #expect(yes.status == .seeOther)
            #expect(yes.headers[.location] == Self.article + "?voted=1#feedback")
            let after = try await browser.request(try #require(yes.headers[.location]).withoutFragment)
            #expect(after.text.contains(#"<p id="helpful-score">100% found this helpful (1 vote).</p>"#))
            #expect(after.text.contains("Your vote: <strong>yes, it helped</strong>"))
            #expect(after.text.contains("Thank you for your feedback."))

            let again = try await browser.submit(Self.article + "/vote", ["helpful": "yes"], from: Self.article)
            #expect(again.status == .conflict)
            #expect(again.text.contains("Your vote is already recorded."))

            let no = try await browser.submit(Self.article + "/vote", ["helpful": "no", "reason": "outdated"], from: Self.article)
            #expect(no.status == .seeOther)
            let changed = try await browser.request(Self.article)
            #expect(changed.text.contains(#"<p id="helpful-score">0% found this helpful (1 vote).</p>"#), "the vote changed; the count stayed one")
            #expect(changed.text.contains("Your vote: <strong>no</strong> (It is out of date)"))
            #expect(changed.text.contains(#"<option value="outdated" selected>"#))

            let other = Browser(client)
            #expect(try await other.submit(Self.article + "/vote", ["helpful": "yes"], from: Self.article).status == .seeOther)
            let both = try await other.request(Self.article)
            #expect(both.text.contains(#"<p id="helpful-score">50% found this helpful (2 votes).</p>"#), "another browser is another voter")

            let comment = try await other.submit(Self.article + "/vote", ["helpful": "no", "comment": "Typed anyway"], from: Self.article)
            #expect(comment.status == .unprocessableContent, "comments need a signed-in reader")
            #expect(comment.text.contains(##"<a href="#comment">Sign in to leave a comment"##))
        }
    }

    @Test func aSignedInReaderVotesWithACommentAndTheCountStaysOne() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let cora = try await KnowledgeFixtures.browser(client, "cora@example.com")
            let form = try await cora.request(Self.article)
            #expect(form.text.contains(#"<textarea id="comment" name="comment""#))
            #expect(try await cora.submit(Self.article + "/vote", ["helpful": "no", "reason": "unclear", "comment": "Which card types?"], from: Self.article).status == .seeOther)
            #expect(try await cora.submit(Self.article + "/vote", ["helpful": "yes", "reason": "unclear"], from: Self.article).status == .seeOther,
                    "a reason left selected is dropped from a yes")
            let page = try await cora.request(Self.article)
            #expect(page.text.contains(#"<p id="helpful-score">100% found this helpful (1 vote).</p>"#))
            // Another device of the same account is the same voter.
            let laptop = try await KnowledgeFixtures.browser(client, "cora@example.com")
            #expect(try await laptop.submit(Self.article + "/vote", ["helpful": "no"], from: Self.article).status == .seeOther)
            #expect(try await laptop.request(Self.article).text.contains("0% found this helpful (1 vote)."))
        }
    }

    @Test func voteAndBookmarkFormsNeedTheirCSRFToken() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let anonymous = Browser(client)
            _ = try await anonymous.request(Self.article)
            let forged = try await anonymous.request(Self.article + "/vote", method: .post, form: ["helpful": "yes"])
            #expect(forged.status == .forbidden)
            let wrong = try await anonymous.request(Self.article + "/vote", method: .post, form: ["helpful": "yes", "csrf": String(repeating: "0", count: 64)])
            #expect(wrong.status == .forbidden)

            let cora = try await KnowledgeFixtures.browser(client, "cora@example.com")
            _ = try await cora.request(Self.article)
            #expect(try await cora.request(Self.article + "/bookmark", method: .post, form: [:]).status == .forbidden)
            #expect(try await cora.request(Self.article + "/bookmark/remove", method: .post, form: [:]).status == .forbidden)
            #expect(try await cora.request("/kb/bookmarks").text.contains(#"id="no-bookmarks""#), "nothing was bookmarked")
            #expect(try await anonymous.request(Self.article).text.contains("No votes yet."), "nothing was counted")
        }
    }

    @Test func bookmarksListTheSignificantUpdatesUntilTheReaderOpensTheItemAgain() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            #expect(try await Browser(client).request("/kb/bookmarks").headers[.location] == "/signin")
            let cora = try await KnowledgeFixtures.browser(client, "cora@example.com")
            let added = try await cora.submit(Self.article + "/bookmark", from: Self.article)
            #expect(added.status == .seeOther)
            #expect(try await cora.request(Self.article).text.contains("Remove the bookmark"))
            let list = try await cora.request("/kb/bookmarks")
            #expect(list.text.contains(#"<a href="/kb/articles/pay-an-invoice">Pay an invoice</a>"#))
            #expect(!list.text.contains("Updated since you bookmarked it"))

            try await portal.knowledge.revise("article:\(KnowledgeFixtures.invoiceArticle)", content: KnowledgeContent(
                title: "Pay an invoice", summary: "By card, bank transfer or wallet.", body: KnowledgeFixtures.invoiceBody + "\n\nWallets work too.",
                categoryID: "invoices", tags: ["payment"]), significant: true, note: "Wallets are accepted now", by: "test")
            let updated = try await cora.request("/kb/bookmarks")
            #expect(updated.text.contains("Updated since you bookmarked it: Wallets are accepted now"))
            #expect(updated.text.contains(#"id="bookmark-updates-count""#), "the count shows in the navigation")
            let home = try await cora.request("/")
            #expect(home.text.contains(#"id="nav-bookmark-updates""#), "and in the header on the start page")

            let opened = try await cora.request(Self.article)
            #expect(opened.text.contains("Updated since you bookmarked it: Wallets are accepted now"))
            await KnowledgeFixtures.settle(portal)
            let seen = try await cora.request("/kb/bookmarks")
            #expect(!seen.text.contains("Updated since you bookmarked it"), "opening the item marked the update as seen")

            let removed = try await cora.submit(Self.article + "/bookmark/remove", ["back": "bookmarks"], from: "/kb/bookmarks")
            #expect(removed.headers[.location] == "/kb/bookmarks?removed=1")
            #expect(try await cora.request("/kb/bookmarks?removed=1").text.contains(#"id="no-bookmarks""#))
        }
    }
}
