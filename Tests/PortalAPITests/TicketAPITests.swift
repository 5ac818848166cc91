import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Tickets through the API")
struct TicketAPITests {
    @Test func aCustomerOpensATicketThroughTheCategoryFormAndFollowsIt() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let categories = try await client.get("/api/v1/tickets/categories", token: p.customer).json()
            let list = try #require(categories["categories"] as? [[String: Any]])
            #expect(list.map { $0["id"] as? String } == ["support"])
            let priorities = try #require(categories["priorities"] as? [[String: Any]])
            #expect(priorities.first?["value"] as? String == "urgent")
            #expect((priorities.first?["explanation"] as? String)?.isEmpty == false)

            let id = try await TicketFixtures.open(client, p.customer)
            let detail = try await client.get("/api/v1/tickets/\(id)", token: p.customer).json()
            #expect(detail["subject"] as? String == "Cannot sign in on my phone")
            #expect(detail["status"] as? String == "new")
            #expect(detail["priority"] as? String == "high")
            #expect((detail["fields"] as? [[String: Any]])?.first?["label"] as? String == "Topic")
            #expect(detail["sla"] == nil, "customers do not see the SLA clocks")
            #expect(detail["replyExpectedBy"] as? String != nil)

            // The agent sees the clocks, replies and sets it pending in one go.
            let agentView = try await client.get("/api/v1/tickets/\(id)", token: p.agent).json()
            #expect((agentView["sla"] as? [[String: Any]])?.count == 2)
            let reply = try await client.send(.post, "/api/v1/tickets/\(id)/comments", token: p.agent,
                                              json: #"{"body":"Which version of the app do you have?","status":"pending"}"#)
            #expect(reply.status == .ok, "\(reply.text)")
            let note = try await client.send(.post, "/api/v1/tickets/\(id)/comments", token: p.agent, json: #"{"body":"Probably the 2.3 bug","internal":true}"#)
            #expect(note.status == .ok)

            var seen = try await client.get("/api/v1/tickets/\(id)", token: p.customer).json()
            #expect(seen["status"] as? String == "pending")
            let kinds = (seen["timeline"] as? [[String: Any]] ?? []).map { $0["kind"] as? String ?? "" }
            #expect(kinds.contains("comment"))
            #expect(!kinds.contains("internalNote"), "internal notes never reach the customer")
            #expect(!(seen["timeline"] as? [[String: Any]] ?? []).contains { ($0["text"] as? String)?.contains("2.3 bug") == true })

            // The customer's answer reopens it.
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/comments", token: p.customer, json: #"{"body":"Version 2.3.1"}"#).status == .ok)
            seen = try await client.get("/api/v1/tickets/\(id)", token: p.customer).json()
            #expect(seen["status"] as? String == "open")

            // Solved with a summary; the customer rates and answers the survey.
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/status", token: p.agent,
                                          json: #"{"status":"solved","reason":"Fixed in 2.3.2; update the app."}"#).status == .ok)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/rating", token: p.customer, json: #"{"rating":4}"#).status == .ok)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/survey", token: p.customer,
                                          json: #"{"resolution":5,"agent":4,"speed":3,"comment":"Quick enough"}"#).status == .ok)
            let solved = try await client.get("/api/v1/tickets/\(id)", token: p.customer).json()
            #expect(solved["rating"] as? Int == 4)
            #expect((solved["resolution"] as? [String: Any])?["summary"] as? String == "Fixed in 2.3.2; update the app.")

            // The customer's list shows it with the resolution summary.
            let history = try await client.get("/api/v1/tickets?status=solved", token: p.customer).json()
            #expect(history["total"] as? Int == 1)
            let item = try #require((history["items"] as? [[String: Any]])?.first)
            #expect(item["subject"] as? String == "Cannot sign in on my phone")
            #expect((item["resolution"] as? [String: Any])?["replies"] as? Int == 1)
        }
    }

    @Test func theFormIsValidatedFieldByField() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let r = try await client.send(.post, "/api/v1/tickets", token: p.customer, json: #"""
                {"categoryID":"support","priority":"highest","subject":"x","description":"","fields":{"topic":"billing","when":"2026-02-30"}}
                """#)
            #expect(r.status == .unprocessableContent)
            let fields = Set((try r.problem()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["priority"])
            // Without the bad priority every field error is reported at once.
            let r2 = try await client.send(.post, "/api/v1/tickets", token: p.customer, json: #"""
                {"categoryID":"support","subject":"x","description":"","fields":{"topic":"billing","when":"2026-02-30"}}
                """#)
            let fields2 = Set((try r2.problem()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields2 == ["subject", "description", "fields.order_number", "fields.when"])
            let unknown = try await client.send(.post, "/api/v1/tickets", token: p.customer,
                                                json: #"{"categoryID":"nope","subject":"Hello there","description":"Text"}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect((try unknown.problem()["errors"] as? [[String: Any]])?.first?["field"] as? String == "categoryID")
        }
    }

    @Test func attachmentsAreStoredByContentAndServedOnlyAsDownloads() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let r = try await client.multipart("/api/v1/tickets", token: p.customer,
                                               fields: [("categoryID", "support"), ("subject", "Broken invoice page"), ("description", "See the screenshot"),
                                                        ("field.topic", "other")],
                                               files: [("field.screenshot", "../../screen%22shot.exe", TicketFixtures.png)])
            #expect(r.status == .created, "\(r.text)")
            let id = try #require(try r.json()["id"] as? String)
            let detail = try await client.get("/api/v1/tickets/\(id)", token: p.customer).json()
            let file = try #require((detail["attachments"] as? [[String: Any]])?.first)
            #expect(file["contentType"] as? String == "image/png")
            #expect(file["filename"] as? String == "screen%22shot.png", "the name is kept, made harmless, with the extension of what the content is")
            let url = try #require(file["url"] as? String)
            let download = try await client.get(url, token: p.customer)
            #expect(download.status == .ok)
            #expect(Array(download.body.readableBytesView) == TicketFixtures.png)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(try await client.get(url, token: p.other).status == .notFound)
            #expect(try await client.get(url, token: p.agent).status == .ok)

            // Content decides the type: an HTML page named .png is refused.
            let html = try await client.multipart("/api/v1/tickets", token: p.customer,
                                                  fields: [("categoryID", "support"), ("subject", "Another"), ("description", "x"), ("field.topic", "other")],
                                                  files: [("attachments", "innocent.png", Array("<html><script>alert(1)</script></html>".utf8) + [0, 1, 2])])
            #expect(html.status == .unprocessableContent, "\(html.text)")
            // Too large for the per-file limit.
            let big = try await client.multipart("/api/v1/tickets", token: p.customer,
                                                 fields: [("categoryID", "support"), ("subject", "Big"), ("description", "x"), ("field.topic", "other")],
                                                 files: [("attachments", "big.txt", [UInt8](repeating: 0x61, count: 70 << 10))])
            #expect(big.status == .unprocessableContent)
            #expect((try big.problem()["detail"] as? String)?.contains("limit per file") == true)
        } configure: { c in
            c.tickets.attachments.maxFileBytes = 64 << 10
        }
    }

    @Test func draftsAreKeptUntilTheTicketIsSent() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            #expect(try await client.get("/api/v1/tickets/draft", token: p.customer).status == .noContent)
            let save = try await client.send(.put, "/api/v1/tickets/draft", token: p.customer,
                                             json: #"{"categoryID":"support","subject":"Half a thought","description":"I was typing","fields":{"topic":"login"}}"#)
            #expect(save.status == .ok)
            let draft = try await client.get("/api/v1/tickets/draft", token: p.customer).json()
            #expect(draft["subject"] as? String == "Half a thought")
            #expect((draft["fields"] as? [String: [String]])?["topic"] == ["login"])
            #expect(try await client.get("/api/v1/tickets/draft", token: p.other).status == .noContent)
            _ = try await TicketFixtures.open(client, p.customer)
            #expect(try await client.get("/api/v1/tickets/draft", token: p.customer).status == .noContent, "sending the ticket clears the draft")
        }
    }

    @Test func similarOpenTicketsAreSuggestedWhileTyping() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let phone = try await TicketFixtures.open(client, p.customer, subject: "Cannot sign in on my phone")
            _ = try await TicketFixtures.open(client, p.customer, subject: "Invoice shows the wrong address", description: "The billing address is old")
            _ = try await TicketFixtures.open(client, p.other, subject: "Cannot sign in on my tablet")
            let r = try await client.get("/api/v1/tickets/similar?q=sign%20in%20phone", token: p.customer).json()
            let ids = (r["tickets"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.first == phone.uppercased() || ids.first == phone)
            #expect(ids.count == 1, "only the customer's own tickets, only alike ones")
        }
    }

    @Test func historyIsSearchableFilterableAndExportable() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let a = try await TicketFixtures.open(client, p.customer, subject: "Password reset mail never arrives", priority: "urgent")
            _ = try await TicketFixtures.open(client, p.customer, subject: "Question about invoices", priority: "low")
            #expect(try await client.send(.post, "/api/v1/tickets/\(a)/comments", token: p.agent, json: #"{"body":"Check the spam folder, please."}"#).status == .ok)
            let search = try await client.get("/api/v1/tickets?q=spam", token: p.customer).json()
            #expect(search["total"] as? Int == 1, "comments are searched too")
            #expect(try await client.get("/api/v1/tickets?q=invoice", token: p.customer).json()["total"] as? Int == 1)
            #expect(try await client.get("/api/v1/tickets?q=invoice", token: p.other).json()["total"] as? Int == 0)
            // Internal notes are found by agents, never by the customer.
            #expect(try await client.send(.post, "/api/v1/tickets/\(a)/comments", token: p.agent,
                                          json: #"{"body":"Escalated to the mailrelay team","internal":true}"#).status == .ok)
            #expect(try await client.get("/api/v1/tickets?q=mailrelay", token: p.agent).json()["total"] as? Int == 1)
            #expect(try await client.get("/api/v1/tickets?q=mailrelay", token: p.customer).json()["total"] as? Int == 0)
            #expect(try await client.get("/api/v1/tickets?priority=urgent,high", token: p.customer).json()["total"] as? Int == 1)
            let bad = try await client.get("/api/v1/tickets?status=lost&from=yesterday", token: p.customer)
            #expect(bad.status == .unprocessableContent)

            let csv = try await client.get("/api/v1/tickets/export?format=csv", token: p.customer)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.split(separator: "\r\n").count == 3)
            #expect(csv.text.contains("Password reset mail never arrives"))
            let json = try await client.get("/api/v1/tickets/export?format=json", token: p.customer).json()
            let tickets = try #require(json["tickets"] as? [[String: Any]])
            #expect(tickets.count == 2)
            let zip = try await client.get("/api/v1/me/export", token: p.customer)
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentType] == "application/zip")
            #expect(Array(zip.body.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
        }
    }

    @Test func csvCellsCannotRunAsFormulas() {
        #expect(TicketService.csvCell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(TicketService.csvCell("plain") == "plain")
        #expect(TicketService.csvCell("a,b") == "\"a,b\"")
    }

    @Test func followUpsOpenALinkedTicket() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer)
            let early = try await client.send(.post, "/api/v1/tickets/\(id)/follow-up", token: p.customer, json: #"{"subject":"Again","description":"Still"}"#)
            #expect(early.status == .conflict, "an open ticket takes a reply, not a follow-up")
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/status", token: p.agent, json: #"{"status":"solved"}"#).status == .ok)
            let r = try await client.send(.post, "/api/v1/tickets/\(id)/follow-up", token: p.customer,
                                          json: #"{"subject":"It happens again","description":"Same error since today"}"#)
            #expect(r.status == .created, "\(r.text)")
            let newID = try #require(try r.json()["id"] as? String)
            let original = try await client.get("/api/v1/tickets/\(id)", token: p.customer).json()
            #expect((original["followUps"] as? [String])?.map { $0.lowercased() } == [newID.lowercased()])
        }
    }

    @Test func agentsWorkFromAQueueSortedBySLADueTime() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let low = try await TicketFixtures.open(client, p.customer, subject: "Low thing", priority: "low")
            let urgent = try await TicketFixtures.open(client, p.customer, subject: "Everything down", priority: "urgent")
            #expect(try await client.get("/api/v1/agent/queue", token: p.customer).status == .forbidden)
            let queue = try await client.get("/api/v1/agent/queue", token: p.agent).json()
            let ids = (queue["items"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? String)?.lowercased() }
            #expect(ids == [urgent.lowercased(), low.lowercased()])
            #expect(try await client.send(.post, "/api/v1/tickets/\(low)/assign", token: p.agent, json: #"{"agent":"me"}"#).status == .ok)
            let mine = try await client.get("/api/v1/agent/queue?assignee=me", token: p.agent).json()
            #expect((mine["items"] as? [[String: Any]])?.count == 1)
            #expect(try await client.send(.post, "/api/v1/tickets/\(low)/assign", token: p.agent, json: #"{"agent":"\#(p.customerID)"}"#).status == .unprocessableContent)
            #expect(try await client.send(.post, "/api/v1/tickets/\(low)/priority", token: p.agent, json: #"{"priority":"urgent"}"#).status == .ok)
        }
    }

    @Test func housekeepingWarnsBreachesClosesAndArchives() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer, priority: "urgent")
            let now = Date()
            // Urgent: first response within 1 h round the clock; warned at 80 %.
            let warned = try await portal.runTicketHousekeeping(at: now.addingTimeInterval(50 * 60))
            #expect(warned.warnings == 1)
            let breached = try await portal.runTicketHousekeeping(at: now.addingTimeInterval(2 * 3600))
            #expect(breached.breaches == 1)
            #expect(try await portal.runTicketHousekeeping(at: now.addingTimeInterval(2 * 3600)).breaches == 0, "a breach is recorded once")
            let agentView = try await client.get("/api/v1/tickets/\(id)", token: p.agent).json()
            let kinds = (agentView["timeline"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds.contains("slaWarning") && kinds.contains("slaBreach"))
            let customerView = try await client.get("/api/v1/tickets/\(id)", token: p.customer).json()
            #expect(!(customerView["timeline"] as? [[String: Any]] ?? []).contains { ($0["kind"] as? String)?.hasPrefix("sla") == true })

            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/status", token: p.agent, json: #"{"status":"solved"}"#).status == .ok)
            let closed = try await portal.runTicketHousekeeping(at: now.addingTimeInterval(8 * 86400))
            #expect(closed.closed == 1)
            let archived = try await portal.runTicketHousekeeping(at: now.addingTimeInterval(100 * 86400))
            #expect(archived.archived == 1)
            #expect(try await client.get("/api/v1/tickets", token: p.customer).json()["total"] as? Int == 0, "the list leaves out the archive")
            #expect(try await client.get("/api/v1/tickets?archived=only", token: p.customer).json()["total"] as? Int == 1)
            #expect(try await client.get("/api/v1/tickets?q=phone", token: p.customer).json()["total"] as? Int == 1, "the archive stays searchable")
        } configure: { c in
            c.tickets.sla = SLAPolicy(calendar: .always)
        }
    }

    @Test func categoriesAreManagedByAdminsAndFormChangesKeepOldTickets() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer)
            #expect(try await client.send(.put, "/api/v1/admin/categories/support/form", token: p.customer, json: #"{"fields":[]}"#).status == .forbidden)
            let changed = try await client.send(.put, "/api/v1/admin/categories/support/form", token: p.admin,
                                                json: #"{"fields":[{"id":"product","label":"Product","kind":"text","required":true}]}"#)
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(try changed.json()["formVersion"] as? Int == 2)
            let old = try await client.get("/api/v1/tickets/\(id)", token: p.customer).json()
            #expect((old["fields"] as? [[String: Any]])?.first?["label"] as? String == "Topic", "the old ticket keeps its answers and labels")
            let bad = try await client.send(.post, "/api/v1/admin/categories", token: p.admin,
                                            json: #"{"id":"Bad Id","name":"","fields":[{"id":"x","label":"X","kind":"singleChoice"}]}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(try await client.send(.post, "/api/v1/admin/categories/support/retire", token: p.admin).status == .ok)
            let refused = try await client.send(.post, "/api/v1/tickets", token: p.customer,
                                                json: #"{"categoryID":"support","subject":"Hello there","description":"x","fields":{"product":"A"}}"#)
            #expect(refused.status == .unprocessableContent)
        }
    }

    @Test func csatIsReportedToAnalysts() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            for rating in [5, 4, 2] {
                let id = try await TicketFixtures.open(client, p.customer)
                #expect(try await client.send(.post, "/api/v1/tickets/\(id)/assign", token: p.agent, json: #"{"agent":"me"}"#).status == .ok)
                #expect(try await client.send(.post, "/api/v1/tickets/\(id)/status", token: p.agent, json: #"{"status":"solved"}"#).status == .ok)
                #expect(try await client.send(.post, "/api/v1/tickets/\(id)/rating", token: p.customer, json: #"{"rating":\#(rating)}"#).status == .ok)
            }
            #expect(try await client.get("/api/v1/analytics/csat", token: p.agent).status == .forbidden)
            let report = try await client.get("/api/v1/analytics/csat?by=agent", token: p.admin).json()
            let total = try #require(report["total"] as? [String: Any])
            #expect(total["responses"] as? Int == 3)
            #expect(total["distribution"] as? [Int] == [0, 1, 0, 1, 1])
            let csat = try #require(total["csat"] as? Double)
            #expect(abs(csat - 66.67) < 0.01)
            #expect((report["groups"] as? [[String: Any]])?.first?["key"] as? String == p.agentID)
        }
    }

    @Test func notificationsFollowTheCustomersChoice() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let id = try await TicketFixtures.open(client, p.customer)
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/comments", token: p.agent, json: #"{"body":"Looking into it"}"#).status == .ok)
            var inbox = try await client.get("/api/v1/me/notifications", token: p.customer).json()
            #expect(inbox["unread"] as? Int == 1)
            #expect((inbox["items"] as? [[String: Any]])?.first?["kind"] as? String == "agentReplied")
            #expect(try await client.send(.post, "/api/v1/me/notifications/read", token: p.customer, json: "{}").status == .noContent)
            inbox = try await client.get("/api/v1/me/notifications", token: p.customer).json()
            #expect(inbox["unread"] as? Int == 0)
            let set = try await client.send(.put, "/api/v1/me/notifications/preferences", token: p.customer, json: #"{"email":["solved"],"inPortal":[]}"#)
            #expect(set.status == .ok)
            #expect(try set.json()["email"] as? [String] == ["solved"])
            #expect(try await client.send(.post, "/api/v1/tickets/\(id)/comments", token: p.agent, json: #"{"body":"Still looking"}"#).status == .ok)
            #expect(try await client.get("/api/v1/me/notifications", token: p.customer).json()["unread"] as? Int == 0)
            let bad = try await client.send(.put, "/api/v1/me/notifications/preferences", token: p.customer, json: #"{"email":["everything"],"inPortal":[]}"#)
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func erasingACustomerDeletesTheirAttachments() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let r = try await client.multipart("/api/v1/tickets", token: p.customer,
                                               fields: [("categoryID", "support"), ("subject", "With a file"), ("description", "x"), ("field.topic", "other")],
                                               files: [("attachments", "shot.png", TicketFixtures.png)])
            #expect(r.status == .created)
            let blobs = URL(fileURLWithPath: portal.store.folder.path).appendingPathComponent("blobs")
            func files() -> Int {
                (FileManager.default.enumerator(atPath: blobs.path)?.allObjects as? [String] ?? []).filter { $0.split(separator: "/").count == 3 }.count
            }
            #expect(files() == 1)
            _ = try await AdminOperations(portal: portal).perform(.erase(p.customerID))
            #expect(files() == 0)
        }
    }

    @Test func ticketWritesAreRateLimitedPerAccount() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            _ = try await TicketFixtures.open(client, p.customer, subject: "First")
            _ = try await TicketFixtures.open(client, p.customer, subject: "Second")
            let before = portal.store.lastPosition
            let third = try await client.send(.post, "/api/v1/tickets", token: p.customer, json: #"""
                {"categoryID":"support","priority":"low","subject":"Third","description":"Once more","fields":{"topic":"other"}}
                """#)
            #expect(third.status == .tooManyRequests)
            #expect(third.headers[HTTPField.Name("Retry-After")!] != nil)
            #expect(portal.store.lastPosition == before, "nothing was recorded")
            // Another account has its own bucket; drafts have theirs.
            _ = try await TicketFixtures.open(client, p.other, subject: "Mine")
            #expect(try await client.send(.put, "/api/v1/tickets/draft", token: p.customer,
                                          json: #"{"categoryID":"support","subject":"Draft","description":"","fields":{}}"#).status == .ok)
        } configure: { c in
            c.tickets.writesPerAccount = RateLimit(capacity: 2, per: .seconds(3600))
        }
    }
}
