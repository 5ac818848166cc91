import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// Private notes on an article's page: saved by a form, shown to their writer only, found in "My notes".
@Suite("Knowledge base pages: private notes")
struct KnowledgeNotePageTests {
    static let article = "/kb/articles/\(KnowledgeFixtures.invoiceArticle)"

    @Test func aReadersNoteOnAnArticleIsTheirsAlone() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let cora = try await KnowledgeFixtures.browser(client, "cora@example.com")
            let saved = try await cora.submit(Self.article + "/note", ["text": "Seats are billed **monthly**."], from: Self.article)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == Self.article + "?noted=1#notes")
            let page = try await cora.request(Self.article + "?noted=1")
            #expect(page.text.contains("<strong>monthly</strong>"))
            #expect(page.text.contains(#"id="noted""#))
            let mine = try await cora.request("/notes?q=seats")
            #expect(mine.text.contains("<strong>monthly</strong>") && mine.text.contains(Self.article))

            let otto = try await KnowledgeFixtures.browser(client, "otto@example.com")
            #expect(!(try await otto.request(Self.article)).text.contains("monthly"))
            #expect(!(try await otto.request("/notes?q=seats")).text.contains("monthly"))
            // Anonymous readers get no note form, and posting one sends them to sign in.
            let anonymous = Browser(client)
            #expect(!(try await anonymous.request(Self.article)).text.contains(#"id="note-text""#))
            let refused = try await anonymous.submit(Self.article + "/note", ["text": "x"], from: Self.article)
            #expect(refused.status == .seeOther && refused.headers[.location] == "/signin")
            let empty = try await cora.submit(Self.article + "/note", ["text": "  "], from: Self.article)
            #expect(empty.status == .unprocessableContent)
        }
    }
}
