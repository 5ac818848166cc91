import Domain
import Foundation
import Hummingbird
import Projections

/// The customer's tickets: `/tickets` (search, filters, sorting, paging, exports) and `/tickets/{id}`
/// (the timeline, replying with files, closing or reopening, rating with the survey, a follow-up).
/// Another customer's ticket and one that does not exist are the same "not found" page.
struct TicketPages {
    let pages: PageSupport
    let service: TicketService
    let securityLog: SecurityLogReader

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("tickets", use: list)
        router.get("tickets/export.csv", use: exportCSV)
        router.get("tickets/export.json", use: exportJSON)
        router.get("account/export", use: exportAll)
        router.get("tickets/{id}", use: show)
        router.post("tickets/{id}/reply", use: reply)
        router.post("tickets/{id}/status", use: status)
        router.post("tickets/{id}/rating", use: rate)
        router.post("tickets/{id}/follow-up", use: followUp)
        router.get("tickets/{id}/attachments/{attachment}", use: attachment)
    }

    // MARK: The list

    static let pageSize = 20

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let params = request.uri.queryParameters
            func param(_ name: String) -> String { params[name[...]].map(String.init) ?? "" }
            var data: [String: Any] = [:]
            var query: TicketQuery
            do {
                query = try TicketQuery.parse(request)
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                data.merge(refused.values) { $1 }
                query = TicketQuery()
            }
            query.limit = Self.pageSize
            if param("archived") == "include" { query.archived = nil }
            let page = try await service.list(query, for: user.accountID)
            let form: [String: String] = ["q": param("q"), "status": param("status"), "category": param("category"), "priority": param("priority"),
                                          "from": param("from"), "to": param("to"), "sort": param("sort"), "archived": param("archived")]
            data["filters"] = form
            data["includeArchived"] = param("archived") == "include"
            data["statuses"] = TicketStatus.allCases.map { ["value": $0.rawValue, "label": TicketView.statusWords[$0] ?? $0.rawValue, "selected": $0.rawValue == form["status"]] as [String: Any] }
            data["priorities"] = TicketPriority.allCases.reversed().map { ["value": $0.rawValue, "selected": $0.rawValue == form["priority"]] as [String: Any] }
            data["categories"] = service.categoryList(includingRetired: true).map { ["value": $0.category.id ?? "", "label": $0.category.name, "selected": $0.category.id == form["category"]] as [String: Any] }
            data["sorts"] = [("updated", "Last changed"), ("newest", "Newest first"), ("oldest", "Oldest first"), ("priority", "Most urgent first")].map {
                ["value": $0.0, "label": $0.1, "selected": $0.0 == (form["sort"]!.isEmpty ? "updated" : form["sort"]!)] as [String: Any]
            }
            data["tickets"] = page.items.map { item -> [String: Any] in
                var row: [String: Any] = [
                    "path": TicketView.path(item.id), "subject": item.subject ?? "(erased)", "category": item.category, "priority": item.priority,
                    "status": item.status, "statusText": TicketStatus(rawValue: item.status).map { TicketView.statusWords[$0] ?? item.status } ?? item.status,
                    "updated": PageDate.values(item.updatedAt), "archived": item.archived, "awaitingCustomer": item.awaitingCustomer,
                ]
                if let summary = item.resolution?.summary { row["resolution"] = summary }
                return row
            }
            data["total"] = page.total
            data["none"] = page.items.isEmpty
            let filtered = form.values.contains { !$0.isEmpty }
            data["filtered"] = filtered
            if page.total > Self.pageSize {
                func link(_ offset: Int) -> String {
                    var items = form.filter { !$0.value.isEmpty }.map { URLQueryItem(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
                    items.append(URLQueryItem(name: "offset", value: String(offset)))
                    var c = URLComponents()
                    c.queryItems = items
                    return "/tickets?" + (c.percentEncodedQuery ?? "")
                }
                var pager: [String: Any] = ["from": page.offset + 1, "to": page.offset + page.items.count, "total": page.total]
                if page.offset > 0 { pager["previous"] = link(max(0, page.offset - Self.pageSize)) }
                if page.offset + page.items.count < page.total { pager["next"] = link(page.offset + Self.pageSize) }
                data["pager"] = pager
            }
            data["created"] = params["created"] != nil
            return pages.render("tickets", title: "Your tickets", request: request, context: context, data: data, section: .tickets)
        }
    }

    // MARK: Exports

    @Sendable func exportCSV(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await export("csv", request: request, context: context)
    }

    @Sendable func exportJSON(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await export("json", request: request, context: context)
    }

    /// The same downloads as the API's, for the signed-in browser.
    private func export(_ format: String, request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            try await TicketsController.export(format, for: user.accountID, service: service)
        }
    }

    /// Everything the portal holds about the customer, as a ZIP.
    @Sendable func exportAll(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { _ in
            try await ExportController(service: service, identity: pages.identity, securityLog: securityLog).export(request, context: context)
        }
    }

    // MARK: One ticket

    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let id = try PageSupport.ticketID(context)
            let query = request.uri.queryParameters
            var data: [String: Any] = [:]
            for notice in ["replied", "rated", "surveyed", "reopened", "closed", "opened"] where query[notice[...]] != nil { data[notice] = true }
            return try render(id, user: user, request: request, context: context, data: data)
        }
    }

    /// The customer's own view of their ticket; an agent who is not its requester goes to the agent page.
    func render(_ id: UUID, user: AuthenticatedUser, request: Request, context: PortalRequestContext, data: [String: Any] = [:],
                status: HTTPResponse.Status = .ok) throws -> Response {
        let customer = TicketActor(account: user.accountID, isAgent: false)
        let loaded: TicketRepository.Loaded
        do {
            loaded = try service.visibleTicket(id, to: customer)
        } catch DomainError.notFound(let what) {
            if try service.actor(user.accountID).isAgent { return PageSupport.redirect("/agent/tickets/\(id.uuidString.lowercased())") }
            throw DomainError.notFound(what)
        }
        let timeline = try TicketTimeline.build(from: loaded.records, viewer: .customer(user.accountID), policy: service.settings.sla, now: Date())
        var values = data
        var ticket = TicketView(service: service, agent: false).values(timeline)
        let t = timeline.ticket
        let reopenable = t.solvedAt.map { Date().timeIntervalSince($0) <= service.settings.policy.reopenWindow } ?? false && !t.archived
        ticket["canClose"] = t.status == .solved
        ticket["canReopen"] = t.status == .solved || (t.status == .closed && reopenable)
        ticket["canReply"] = t.status != .closed || reopenable
        ticket["replyReopens"] = t.status == .solved || t.status == .closed || t.status == .pending
        ticket["followUpNeeded"] = t.status == .closed && !reopenable
        if let due = service.clocks.readings(id, at: Date()).first(where: { $0.target == .firstResponse && $0.state == .running })?.dueAt {
            ticket["replyExpectedBy"] = PageDate.values(due)
        }
        values["ticket"] = ticket
        values["ratings"] = (1...5).reversed().map { ["value": $0, "words": RatingPages.words[$0] ?? "", "checked": $0 == t.rating] as [String: Any] }
        values["surveyQuestions"] = RatingPages.surveyQuestions
        return pages.render("ticket", title: timeline.opened.subject ?? "Ticket", request: request, context: context, data: values,
                            status: status, section: .tickets)
    }

    /// Runs an action on the ticket page: on success, back to the page with a notice; a refusal shows
    /// the page again with it.
    private func act(_ request: Request, context: PortalRequestContext, _ body: (AuthenticatedUser, UUID) async throws -> Response) async throws -> Response {
        try await pages.signedIn(context) { user in
            let id = try PageSupport.ticketID(context)
            do {
                return try await body(user, id)
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                return try render(id, user: user, request: request, context: context, data: refused.values, status: refused.status)
            }
        }
    }

    @Sendable func reply(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await act(request, context: context) { user, id in
            let requester = try service.requester(of: id, for: user.accountID)
            guard requester == user.accountID else { throw DomainError.notFound("ticket") }
            let form = try await pages.ticketForm(request, subject: requester.stream, service: service)
            _ = try await service.comment(on: id, body: form.text["body"]?.first ?? "", internal: false, attachments: form.files,
                                          by: user.accountID, client: pages.client(request, context))
            return PageSupport.redirect(TicketView.path(id) + "?replied=1#timeline")
        }
    }

    struct StatusFields: Decodable, CSRFCarrying { var status: String?; var csrf: String? }

    /// Closing a solved ticket, or reopening it (the workflow decides what a customer may).
    @Sendable func status(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await act(request, context: context) { user, id in
            let fields = try await pages.form(StatusFields.self, from: request)
            let target = fields.status ?? ""
            guard target == "open" || target == "closed" else { throw FieldError(field: "status", message: "Choose to close or to reopen the ticket.") }
            _ = try await service.setStatus(id, to: target, reason: target == "open" ? "Reopened by the customer." : nil, by: user.accountID,
                                            client: pages.client(request, context))
            return PageSupport.redirect(TicketView.path(id) + (target == "open" ? "?reopened=1" : "?closed=1"))
        }
    }

    struct RatingFields: Decodable, CSRFCarrying {
        var rating: String?
        var resolution: String?
        var agent: String?
        var speed: String?
        var comment: String?
        var agentFeedback: String?
        var csrf: String?

        /// 1…5, or nil when left out; anything else is refused by name.
        static func score(_ raw: String?, _ field: String) throws -> Int? {
            guard let raw, !raw.isEmpty else { return nil }
            guard let n = Int(raw), (1...5).contains(n) else { throw FieldError(field: field, message: "Choose from 1 to 5.") }
            return n
        }

        var answers: SurveyAnswers? {
            get throws {
                let a = SurveyAnswers(resolution: try Self.score(resolution, "resolution"), agent: try Self.score(agent, "agent"),
                                      speed: try Self.score(speed, "speed"), comment: comment, agentFeedback: agentFeedback)
                let blank = { (s: String?) in (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
                return a.resolution == nil && a.agent == nil && a.speed == nil && blank(a.comment) && blank(a.agentFeedback) ? nil : a
            }
        }
    }

    /// The rating, with the survey's answers when any were given.
    @Sendable func rate(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await act(request, context: context) { user, id in
            let fields = try await pages.form(RatingFields.self, from: request)
            guard let rating = try RatingFields.score(fields.rating, "rating") else { throw FieldError(field: "rating", message: "Choose a rating from 1 to 5.") }
            let answers = try fields.answers
            let client = pages.client(request, context)
            _ = try await service.rate(id, rating: rating, by: user.accountID, client: client)
            if let answers { _ = try await service.survey(id, answers: answers, by: user.accountID, client: client) }
            return PageSupport.redirect(TicketView.path(id) + "?rated=1")
        }
    }

    struct FollowUpFields: Decodable, CSRFCarrying { var followSubject: String?; var followDescription: String?; var csrf: String? }

    @Sendable func followUp(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await act(request, context: context) { user, id in
            let fields = try await pages.form(FollowUpFields.self, from: request)
            do {
                let opened = try await service.followUp(of: id, subject: fields.followSubject ?? "", description: fields.followDescription ?? "",
                                                        priority: nil, by: user.accountID, client: pages.client(request, context))
                return PageSupport.redirect(TicketView.path(opened.id) + "?opened=1")
            } catch let failure as ValidationFailure {
                // The follow-up form names its own fields.
                throw ValidationFailure(failure.errors.map { e in
                    ["subject": "followSubject", "description": "followDescription"][e.field].map { FieldError(field: $0, message: e.message) } ?? e
                })
            }
        }
    }

    @Sendable func attachment(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let id = try PageSupport.ticketID(context)
            let attachmentID = context.parameters.get("attachment") ?? ""
            guard attachmentID.count <= 64 else { throw DomainError.notFound("attachment") }
            let (added, reader) = try service.attachment(attachmentID, of: id, for: user.accountID)
            return TicketsController.download(reader, contentType: added.contentType, filename: added.personal?.filename ?? "attachment")
        }
    }
}
