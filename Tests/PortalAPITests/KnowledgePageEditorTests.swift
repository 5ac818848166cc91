import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// The editors' pages, as a browser without JavaScript uses them: only editors (and admins) get in, every
/// form carries its CSRF token, and writing, revising and restoring make revisions.
@Suite("Knowledge base editor pages")
struct KnowledgePageEditorTests {
    static let edit = "/kb/edit/articles/\(KnowledgeFixtures.invoiceArticle)"

    @Test func editorPagesAreNotAllowedToCustomersAndAgents() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let signedOut = try await Browser(client).request("/kb/edit")
            #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/signin")
            let pages = ["/kb/edit", Self.edit, Self.edit + "/revisions", Self.edit + "/revisions/1", Self.edit + "/diff?from=1&to=1", "/kb/edit/new/faq",
                         "/kb/edit/articles/\(KnowledgeFixtures.draftArticle)"]
            for email in ["cora@example.com", "agnes@example.com"] {
                let browser = try await KnowledgeFixtures.browser(client, email)
                for page in pages {
                    let r = try await browser.request(page)
                    #expect(r.status == .forbidden, "\(email) on \(page) answered \(r.status)")
                    #expect(!r.text.contains("Not announced yet."))
                }
                let post = try await browser.submit("/kb/edit/categories", ["name": "Sneaky"], from: "/kb")
                #expect(post.status == .forbidden)
                let preview = try await browser.submit("/kb/edit/preview", ["markdown": "**x**"], from: "/kb")
                #expect(preview.status == .forbidden)
            }
            let nav = try await KnowledgeFixtures.browser(client, "cora@example.com").request("/kb")
            #expect(!nav.text.contains(#"href="/kb/edit""#), "only editors see the editing link")

            let edna = try await KnowledgeFixtures.browser(client, "edna@example.com")
            let dashboard = try await edna.request("/kb/edit")
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("New prices") && dashboard.text.contains(#"<span class="kb-status kb-status-draft">Draft</span>"#))
            #expect(dashboard.text.contains("Refunds by hand"))
            let drafts = try await edna.request("/kb/edit?status=draft&kind=article")
            #expect(drafts.text.contains("New prices") && !drafts.text.contains("Pay an invoice"))
            let admin = try await KnowledgeFixtures.browser(client, "adam@example.com")
            #expect(try await admin.request("/kb/edit").status == .ok, "admins edit too")
        }
    }

    @Test func editorFormsNeedTheirCSRFToken() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let edna = try await KnowledgeFixtures.browser(client, "edna@example.com")
            _ = try await edna.request(Self.edit)
            let forms: [(String, [String: String])] = [
                (Self.edit, ["title": "Hijacked", "body": "x", "categoryID": "billing", "action": "save"]),
                (Self.edit + "/status", ["status": "archived"]),
                (Self.edit + "/restore", ["revision": "1"]),
                ("/kb/edit/new/articles", ["title": "Forged", "body": "x", "categoryID": "billing", "action": "publish"]),
                ("/kb/edit/categories", ["name": "Forged"]),
                ("/kb/edit/categories/billing", ["name": "Forged"]),
                ("/kb/edit/synonyms", ["synonyms": "a, b"]),
                ("/kb/edit/preview", ["markdown": "**x**"]),
            ]
            for (uri, fields) in forms {
                let r = try await edna.request(uri, method: .post, form: fields)
                #expect(r.status == .forbidden, "\(uri) without a token answered \(r.status)")
            }
            let page = try await edna.request(Self.edit)
            #expect(page.text.contains("Pay an invoice") && !page.text.contains("Hijacked") && page.text.contains("revision 1"))
            let preview = try await edna.submit("/kb/edit/preview", ["markdown": "Some **bold** text"], from: Self.edit)
            #expect(preview.status == .ok)
            #expect(try preview.json()["html"] is String)
        }
    }

    @Test func writingRevisingAndRestoringThroughThePagesMakeRevisions() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let edna = try await KnowledgeFixtures.browser(client, "edna@example.com")
            let form = try await edna.request("/kb/edit/new/articles")
            #expect(form.status == .ok)
            #expect(form.text.contains("/static/kb-editor.js") && form.text.contains(#"id="preview-button""#))

            let refused = try await edna.submit("/kb/edit/new/articles", ["title": "No", "body": "", "categoryID": "", "action": "publish"],
                                                from: "/kb/edit/new/articles")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<p class="error" id="title-error">"#) && refused.text.contains(#"id="body-error""#))
            #expect(refused.text.contains(#"<p class="error" id="categoryID-error">Choose an existing category.</p>"#))

            let previewed = try await edna.submit("/kb/edit/new/articles", ["title": "Refund a payment", "body": "Step one.\nStep two.", "categoryID": "billing",
                                                                            "action": "preview"], from: "/kb/edit/new/articles")
            #expect(previewed.status == .ok)
            #expect(previewed.text.contains("Nothing is saved yet") && previewed.text.contains(#"<div id="preview" class="kb-body">"#))
            #expect(previewed.text.contains(#"value="Refund a payment""#))

            let created = try await edna.submit("/kb/edit/new/articles", ["title": "Refund a payment", "body": "Step one.\nStep two.", "categoryID": "billing",
                                                                          "audience": "public", "tags": "refunds, Money Back", "action": "publish"],
                                                from: "/kb/edit/new/articles")
            #expect(created.status == .seeOther)
            let edit = "/kb/edit/articles/refund-a-payment"
            #expect(created.headers[.location] == edit + "?created=1")
            let reader = try await Browser(client).request("/kb/articles/refund-a-payment")
            #expect(reader.status == .ok && reader.text.contains(#"href="/kb/search?tag=money-back">money-back</a>"#))

            let page = try await edna.request(edit)
            #expect(page.text.contains(#"<input type="hidden" name="revision" value="1">"#))
            let saved = try await edna.submit(edit, ["title": "Refund a payment", "body": "Step one.\nStep two, shorter.\nStep three.", "categoryID": "billing",
                                                     "audience": "public", "tags": "refunds", "revision": "1", "significant": "true",
                                                     "note": "Clearer steps", "action": "save"], from: edit)
            #expect(saved.status == .seeOther && saved.headers[.location] == edit + "?saved=1")

            let history = try await edna.request(edit + "/revisions")
            #expect(history.status == .ok)
            #expect(history.text.contains(#"<tr id="revision-2">"#) && history.text.contains("Edna Editor") && history.text.contains("Clearer steps"))
            #expect(history.text.contains(#"<span class="badge warn">significant</span>"#))

            let diff = try await edna.request(edit + "/diff?from=1&to=2")
            #expect(diff.status == .ok)
            #expect(diff.text.contains(#"<li class="removed"><span class="sign" aria-hidden="true">−</span><del><span class="visually-hidden">Removed: </span>Step two.</del></li>"#))
            #expect(diff.text.contains(#"<li class="added"><span class="sign" aria-hidden="true">+</span><ins><span class="visually-hidden">Added: </span>Step three.</ins></li>"#))
            #expect(diff.text.contains(#"<th scope="row">Tags</th>"#))

            let one = try await edna.request(edit + "/revisions/1")
            #expect(one.status == .ok && one.text.contains("Step two.") && one.text.contains(#"id="restore""#))

            let restored = try await edna.submit(edit + "/restore", ["revision": "1"], from: edit + "/revisions")
            #expect(restored.status == .seeOther && restored.headers[.location] == edit + "/revisions?restored=1")
            let after = try await edna.request(edit + "/revisions?restored=1")
            #expect(after.text.contains(#"<tr id="revision-3">"#) && after.text.contains("Restored revision 1"))
            #expect(try await Browser(client).request("/kb/articles/refund-a-payment").text.contains("Step two."))
            let same = try await edna.submit(edit + "/restore", ["revision": "1"], from: edit + "/revisions")
            #expect(same.status == .conflict && same.text.contains(#"id="refused""#))

            let stale = try await edna.submit(edit, ["title": "Refund a payment", "body": "Overwrite.", "categoryID": "billing", "audience": "public",
                                                     "revision": "2", "action": "save"], from: edit)
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Revision 3 was saved while you were editing revision 2"))
            #expect(stale.text.contains(#"<input type="hidden" name="revision" value="3">"#), "saving again replaces it knowingly")
            #expect(stale.text.contains("Overwrite."), "what was typed is kept")

            let unpublished = try await edna.submit(edit + "/status", ["status": "draft"], from: edit)
            #expect(unpublished.headers[.location] == edit + "?status=draft")
            #expect(try await Browser(client).request("/kb/articles/refund-a-payment").status == .notFound)
        }
    }

    @Test func categoriesAndSynonymsAreKeptOnTheDashboard() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await KnowledgeFixtures.setUp(client, portal)
            let edna = try await KnowledgeFixtures.browser(client, "edna@example.com")
            let created = try await edna.submit("/kb/edit/categories", ["name": "Shipping", "parent": "", "order": "5"], from: "/kb/edit")
            #expect(created.status == .seeOther)
            #expect(try await Browser(client).request("/kb/categories/shipping").status == .ok)

            let cycle = try await edna.submit("/kb/edit/categories/billing", ["name": "Billing", "parent": "invoices", "order": "0"], from: "/kb/edit")
            #expect(cycle.status == .unprocessableContent)
            #expect(cycle.text.contains(#"<p class="error" id="category-billing-parent-error">A category cannot sit inside itself.</p>"#))
            #expect(cycle.text.contains(##"<a href="#category-billing-parent">"##))

            let renamed = try await edna.submit("/kb/edit/categories/invoices", ["name": "Invoices and receipts", "parent": "billing", "order": "2"], from: "/kb/edit")
            #expect(renamed.status == .seeOther)
            #expect(try await Browser(client).request("/kb").text.contains("Invoices and receipts"))

            let badOrder = try await edna.submit("/kb/edit/categories", ["name": "Returns", "order": "first"], from: "/kb/edit")
            #expect(badOrder.text.contains(#"id="new-category-order-error""#) && badOrder.text.contains(#"value="Returns""#))

            let synonyms = try await edna.submit("/kb/edit/synonyms", ["synonyms": "Invoice, bill, receipt\nrefund , money back"], from: "/kb/edit")
            #expect(synonyms.status == .seeOther)
            let dashboard = try await edna.request("/kb/edit")
            #expect(dashboard.text.contains("invoice, bill, receipt\nrefund, money back</textarea>"))
        }
    }
}
