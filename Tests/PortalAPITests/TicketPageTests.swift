import Domain
import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// The ticket pages through the real router, as a browser without JavaScript uses them.
@Suite("Ticket pages")
struct TicketPageTests {
    /// A browser signed in as one of the fixture people.
    static func browser(_ client: any TestClientProtocol, _ email: String) async throws -> Browser {
        let b = Browser(client)
        try await b.signIn(email: email)
        return b
    }

    static func solve(_ client: any TestClientProtocol, _ p: TicketPeople, _ id: String) async throws {
        let r = try await client.send(.post, "/api/v1/tickets/\(id)/status", token: p.agent, json: #"{"status":"solved","reason":"Reset the app's cache."}"#)
        #expect(r.status == .ok, "solving answered \(r.status): \(r.text)")
    }

    @Test func theListShowsSearchesAndEscapes() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let phone = try await TicketFixtures.open(client, p.customer)
            _ = try await TicketFixtures.open(client, p.customer, subject: "<b>Invoice</b> twice charged", description: "Billing went wrong.")
            _ = try await TicketFixtures.open(client, p.other, subject: "Otto's own printer trouble")
            try await Self.solve(client, p, phone)
            let cora = try await Self.browser(client, "cora@example.com")

            let list = try await cora.request("/tickets")
            #expect(list.status == .ok)
            #expect(list.text.contains("Cannot sign in on my phone"))
            #expect(list.text.contains("&lt;b&gt;Invoice&lt;/b&gt; twice charged"))
            #expect(!list.text.contains("<b>Invoice</b>"))
            #expect(!list.text.contains("printer"), "another customer's ticket is not listed")
            #expect(list.text.contains("Resolution: Reset the app"), "a solved ticket shows its resolution summary")
            #expect(list.text.contains(#"href="/tickets/new""#) && list.text.contains(#"href="/tickets/export.csv""#) && list.text.contains(#"href="/account/export""#))
            #expect(list.text.contains(#"href="/tickets""#), "the navigation links the tickets")

            let found = try await cora.request("/tickets?q=invoice")
            #expect(found.text.contains("Invoice") && !found.text.contains("my phone"))
            let solved = try await cora.request("/tickets?status=solved")
            #expect(solved.text.contains("my phone") && !solved.text.contains("Invoice"))
            let wrong = try await cora.request("/tickets?from=yesterday")
            #expect(wrong.text.contains(#"id="from-error""#))

            let csv = try await cora.request("/tickets/export.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(csv.text.contains("Cannot sign in on my phone") && !csv.text.contains("printer"))
            let json = try await cora.request("/tickets/export.json")
            #expect(json.status == .ok && json.text.contains("twice charged"))
            let zip = try await cora.request("/account/export")
            #expect(zip.status == .ok && zip.headers[.contentType] == "application/zip")

            let signedOut = try await Browser(client).request("/tickets")
            #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/signin")
        }
    }

    @Test func theNewTicketFormFollowsTheCategorysSchemaAndShowsFieldErrors() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let cora = try await Self.browser(client, "cora@example.com")
            let choose = try await cora.request("/tickets/new")
            #expect(choose.status == .ok)
            #expect(choose.text.contains(#"href="/tickets/new?category=support""#))

            let form = try await cora.request("/tickets/new?category=support")
            #expect(form.text.contains(#"enctype="multipart/form-data""#))
            #expect(form.text.contains(#"name="field.topic" value="billing""#))
            #expect(form.text.contains(#"data-show-when-field="field.topic" data-show-when-equals="billing""#))
            #expect(form.text.contains(#"id="field-screenshot" name="field.screenshot" type="file""#))
            #expect(form.text.contains(#"id="field-when" name="field.when" type="date""#))
            #expect(form.text.contains(TicketPriority.urgent.explanation))
            #expect(form.text.contains(#"id="priority-normal" checked"#))
            #expect(form.text.contains("/static/ticket-draft.js") && form.text.contains("/static/ticket-form.js"))

            let refused = try await cora.submit("/tickets/new", ["categoryID": "support", "field.topic": "billing", "subject": "Hi", "description": "Charged twice <script>"],
                                                from: "/tickets/new?category=support")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<p class="error" id="field-order_number-error">Order number: this is required.</p>"#))
            #expect(refused.text.contains(#"id="subject-error""#))
            #expect(refused.text.contains(##"<a href="#field-order_number">"##), "the summary links the field")
            #expect(refused.text.contains(#"id="field-topic-0" checked"#), "the answers are kept")
            #expect(refused.text.contains("Charged twice &lt;script&gt;"))

            let sent = try await cora.submit("/tickets/new", ["categoryID": "support", "field.topic": "billing", "field.order_number": "A-1001", "priority": "high",
                                                             "subject": "Charged twice", "description": "My card was charged twice."], from: "/tickets/new?category=support")
            #expect(sent.status == .seeOther)
            let location = try #require(sent.headers[.location])
            #expect(location.hasPrefix("/tickets/") && location.hasSuffix("?opened=1"))
            let page = try await cora.request(location)
            #expect(page.status == .ok)
            #expect(page.text.contains("Charged twice") && page.text.contains("A-1001"))
        }
    }

    @Test func theDraftIsSavedAndFillsTheFormInUntilTheTicketIsSent() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await TicketFixtures.people(client, portal)
            let cora = try await Self.browser(client, "cora@example.com")
            let saved = try await cora.submit("/tickets/draft", ["categoryID": "support", "subject": "Half-written <i>thought</i>", "field.topic": "login"],
                                              from: "/tickets/new?category=support")
            #expect(saved.status == .ok)
            #expect(saved.text.contains("savedAt"))
            // Another device: a new browser, the same account.
            let laptop = try await Self.browser(client, "cora@example.com")
            let form = try await laptop.request("/tickets/new")
            #expect(form.text.contains(#"value="Half-written &lt;i&gt;thought&lt;/i&gt;""#))
            #expect(form.text.contains(#"id="field-topic-1" checked"#))
            let sent = try await laptop.submit("/tickets/new", ["categoryID": "support", "field.topic": "login", "subject": "Half-written thought",
                                                                "description": "Now complete."], from: "/tickets/new")
            #expect(sent.status == .seeOther)
            let again = try await laptop.request("/tickets/new?category=support")
            #expect(!again.text.contains("Half-written"), "sending the ticket cleared the draft")
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer)
            let cora = try await Self.browser(client, "cora@example.com")
            _ = try await cora.request("/tickets")
            for (uri, fields) in [("/tickets/new", ["categoryID": "support", "field.topic": "login", "subject": "Forged", "description": "Forged"]),
                                  ("/tickets/draft", ["subject": "Forged"]), ("/tickets/\(id)/reply", ["body": "Forged"]),
                                  ("/tickets/\(id)/status", ["status": "closed"]), ("/account/notifications/read", [:])] {
                let r = try await cora.request(uri, method: .post, form: fields)
                #expect(r.status == .forbidden, "\(uri) answered \(r.status)")
            }
            let agnes = try await Self.browser(client, "agnes@example.com")
            _ = try await agnes.request("/agent")
            #expect(try await agnes.request("/agent/tickets/\(id)/reply", method: .post, form: ["body": "Forged"]).status == .forbidden)
            let detail = try await client.send(.get, "/api/v1/tickets/\(id)", token: p.customer).json()
            #expect((detail["timeline"] as? [[String: Any]])?.contains { $0["kind"] as? String == "comment" } == false)
        }
    }

    @Test func theTicketPageShowsTheConversationWithoutInternalNotes() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/comments", token: p.agent, json: #"{"body":"SECRET-NOTE: VIP customer","internal":true}"#).status == .ok)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/comments", token: p.agent, json: #"{"body":"Please clear the app's cache."}"#).status == .ok)
            let cora = try await Self.browser(client, "cora@example.com")
            let page = try await cora.request("/tickets/\(id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Please clear the app&#39;s cache.") || page.text.contains("Please clear the app's cache."))
            #expect(!page.text.contains("SECRET-NOTE"))
            #expect(!page.text.lowercased().contains("internal note"))
            #expect(page.text.contains(#"id="unread-count""#), "the agent's reply counts as an unread notification")

            let replied = try await cora.submit("/tickets/\(id)/reply", ["body": "Cleared it, still broken."], from: "/tickets/\(id)")
            #expect(replied.status == .seeOther)
            #expect(try await cora.request("/tickets/\(id)").text.contains("Cleared it, still broken."))

            let agnes = try await Self.browser(client, "agnes@example.com")
            let agentPage = try await agnes.request("/agent/tickets/\(id)")
            #expect(agentPage.status == .ok)
            #expect(agentPage.text.contains("SECRET-NOTE") && agentPage.text.contains("Cleared it, still broken."))
            #expect(agentPage.text.contains(#"id="sla""#))
            let note = try await agnes.submit("/agent/tickets/\(id)/reply", ["body": "Second SECRET-NOTE", "internal": "true"], from: "/agent/tickets/\(id)")
            #expect(note.status == .seeOther)
            #expect(!(try await cora.request("/tickets/\(id)").text.contains("Second SECRET-NOTE")))

            let notifications = try await cora.request("/account/notifications")
            #expect(notifications.text.contains("An agent replied"))
            #expect(try await cora.submit("/account/notifications/read", from: "/account/notifications").status == .seeOther)
            #expect(!(try await cora.request("/account/notifications").text.contains(#"id="unread-count""#)))
            let prefs = try await cora.request("/account/notifications/preferences", method: .post, form: [
                "csrf": Browser.csrf(in: notifications.text) ?? "", "email": "solved",
            ])
            #expect(prefs.status == .seeOther)
            let unknown = try await cora.request("/account/notifications/preferences", method: .post, form: [
                "csrf": Browser.csrf(in: notifications.text) ?? "", "email": "<everything>",
            ])
            #expect(unknown.status == .unprocessableContent && unknown.text.contains(#"id="form-errors""#) && !unknown.text.contains("<everything>"))
            let choice = try await client.send(.get, "/api/v1/me/notifications/preferences", token: p.customer).json()
            #expect(choice["email"] as? [String] == ["solved"] && (choice["inPortal"] as? [String])?.isEmpty == true)
        }
    }

    @Test func anotherCustomersTicketIsNotFound() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer)
            let otto = try await Self.browser(client, "otto@example.com")
            let r = try await otto.request("/tickets/\(id)")
            #expect(r.status == .notFound)
            #expect(!r.text.contains("Cannot sign in on my phone"))
            #expect(try await otto.request("/tickets/not-a-ticket").status == .notFound)
            #expect(try await otto.request("/tickets/\(UUID().uuidString.lowercased())").status == .notFound)
            #expect(try await otto.submit("/tickets/\(id)/reply", ["body": "Hijack"], from: "/tickets").status == .notFound)
        }
    }

    @Test func agentPagesAreForAgentsOnly() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer)
            let cora = try await Self.browser(client, "cora@example.com")
            #expect(try await cora.request("/agent").status == .forbidden)
            #expect(try await cora.request("/agent/tickets/\(id)").status == .forbidden)
            #expect(!(try await cora.request("/tickets").text.contains(#"href="/agent""#)))

            let agnes = try await Self.browser(client, "agnes@example.com")
            let queue = try await agnes.request("/agent")
            #expect(queue.status == .ok)
            #expect(queue.text.contains("Cannot sign in on my phone") && queue.text.contains(#"id="nav-agent""#))
            #expect(try await agnes.request("/agent?show=mine").text.contains(#"id="queue-empty""#))
            #expect(try await agnes.submit("/agent/tickets/\(id)/assign", ["to": "me"], from: "/agent/tickets/\(id)").status == .seeOther)
            #expect(try await agnes.request("/agent?show=mine").text.contains("Cannot sign in on my phone"))
            #expect(try await agnes.submit("/agent/tickets/\(id)/priority", ["priority": "urgent"], from: "/agent/tickets/\(id)").status == .seeOther)
            let solved = try await agnes.submit("/agent/tickets/\(id)/status", ["status": "solved", "reason": "Fixed in 2.1"], from: "/agent/tickets/\(id)")
            #expect(solved.status == .seeOther)
            let page = try await agnes.request("/agent/tickets/\(id)")
            #expect(page.text.contains(#"id="ticket-priority">urgent"#) && page.text.contains("Fixed in 2.1"))
            // An agent opening the customer's address of the ticket goes to the agent page.
            let redirected = try await agnes.request("/tickets/\(id)")
            #expect(redirected.status == .seeOther && redirected.headers[.location] == "/agent/tickets/\(id.lowercased())")
        }
    }

    @Test func aRatingLinkShowsThePageAndOnlyTheFormRecords() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer)
            try await Self.solve(client, p, id)
            let key = try #require(portal.store.masterKey)
            let token = RatingLinks(masterKey: key).token(ticket: try #require(UUID(uuidString: id)), requester: try #require(AccountID(p.customerID)),
                                                          expires: Date().addingTimeInterval(3600))
            // A mail scanner (no cookies, not signed in) follows the link.
            let scanner = Browser(client)
            let page = try await scanner.request("/rate/\(token)?rating=4")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"id="rating-4" checked"#))
            #expect(page.text.contains("Cannot sign in on my phone"))
            #expect(try await client.send(.get, "/api/v1/tickets/\(id)", token: p.customer).json()["rating"] == nil, "opening the link recorded nothing")

            let noToken = try await scanner.request("/rate/\(token)", method: .post, form: ["rating": "4"])
            #expect(noToken.status == .forbidden)
            let rated = try await scanner.submit("/rate/\(token)", ["rating": "4"], from: "/rate/\(token)?rating=4")
            #expect(rated.status == .ok)
            #expect(rated.text.contains(#"id="rating-recorded""#) && rated.text.contains(#"action="/rate/\#(token)/survey""#))
            #expect(try await client.send(.get, "/api/v1/tickets/\(id)", token: p.customer).json()["rating"] as? Int == 4)
            let surveyed = try await scanner.submit("/rate/\(token)/survey", ["resolution": "5", "speed": "3", "comment": "Quick enough"], from: "/rate/\(token)")
            #expect(surveyed.status == .ok && surveyed.text.contains(#"id="survey-recorded""#))

            let forged = try await scanner.request("/rate/\(token.dropLast(2))xx?rating=5")
            #expect(forged.status == .gone && forged.text.contains("not valid"))
            let expired = RatingLinks(masterKey: key).token(ticket: try #require(UUID(uuidString: id)), requester: try #require(AccountID(p.customerID)),
                                                            expires: Date().addingTimeInterval(-60))
            let old = try await scanner.request("/rate/\(expired)?rating=5")
            #expect(old.status == .gone && old.text.contains("expired"))

            // The ticket page offers the rating and the follow-up once solved.
            let cora = try await Self.browser(client, "cora@example.com")
            let ticket = try await cora.request("/tickets/\(id)")
            #expect(ticket.text.contains(#"id="rating-4" checked"#) && ticket.text.contains("/follow-up"))
            let follow = try await cora.submit("/tickets/\(id)/follow-up", ["followSubject": "It came back", "followDescription": "Same again."], from: "/tickets/\(id)")
            #expect(follow.status == .seeOther)
            #expect(try await cora.request(try #require(follow.headers[.location])).text.contains("It came back"))
        }
    }
    /// A multipart form as the browser sends it for a form with files, with the browser's cookies.
    static func multipart(_ browser: Browser, _ uri: String, fields: [(String, String)], files: [(String, String, [UInt8])]) async throws -> TestResponse {
        let boundary = "----portal-page-\(UUID().uuidString)"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, filename, bytes) in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: image/png\r\n\r\n".utf8)
            body += bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        let cookies = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        return try await browser.client.execute(uri: uri, method: .post, headers: [
            .accept: "text/html", .cookie: cookies, .contentType: "multipart/form-data; boundary=\(boundary)",
        ], body: ByteBuffer(bytes: body))
    }

    @Test func filesGoWithTheFormAndOnlyTheRequesterDownloadsThem() async throws {
        try await PortalHarness.run { client, portal in
            _ = try await TicketFixtures.people(client, portal)
            let cora = try await Self.browser(client, "cora@example.com")
            let form = try await cora.request("/tickets/new?category=support")
            let csrf = try #require(Browser.csrf(in: form.text))
            let forged = try await Self.multipart(cora, "/tickets/new", fields: [("categoryID", "support"), ("field.topic", "login"), ("subject", "Forged"),
                                                                               ("description", "No token")], files: [("field.screenshot", "shot.png", TicketFixtures.png)])
            #expect(forged.status == .forbidden)
            let sent = try await Self.multipart(cora, "/tickets/new", fields: [("csrf", csrf), ("categoryID", "support"), ("field.topic", "login"),
                                                                             ("subject", "Login loops"), ("description", "See the screenshot.")],
                                                files: [("field.screenshot", "shot <1>.png", TicketFixtures.png), ("attachments", "more.png", TicketFixtures.png)])
            #expect(sent.status == .seeOther, "sending answered \(sent.status): \(sent.text)")
            let path = String(try #require(sent.headers[.location]).prefix { $0 != "?" })
            let page = try await cora.request(path)
            let links = page.text.components(separatedBy: #"href=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }.filter { $0.contains("/attachments/") }
            #expect(Set(links).count == 2, "both files are linked: \(links)")
            let file = try await cora.request(try #require(links.first))
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(Array(file.body.readableBytesView) == TicketFixtures.png)
            let otto = try await Self.browser(client, "otto@example.com")
            #expect(try await otto.request(try #require(links.first)).status == .notFound)

            let wrongType = try await Self.multipart(cora, "/tickets/new?category=support", fields: [("csrf", csrf), ("categoryID", "support"), ("field.topic", "login"),
                                                                                  ("subject", "A page"), ("description", "Not a picture")],
                                                     files: [("field.screenshot", "page.png", Array("<html><script>alert(1)</script></html>".utf8))])
            #expect(wrongType.status == .unprocessableContent)
            #expect(wrongType.text.contains(#"id="field-screenshot-error""#), "the refusal is shown at the file's field")
            #expect(wrongType.text.contains(#"id="ticket-form""#), "on the form again")

            let similar = try await cora.request("/tickets/similar?q=login%20loops")
            #expect(similar.status == .ok)
            #expect(similar.text.contains("Login loops") && similar.text.contains(path))
            let none = try await otto.request("/tickets/similar?q=login%20loops")
            #expect(!none.text.contains("Login loops"), "only the customer's own tickets are suggested")
        }
    }
}
