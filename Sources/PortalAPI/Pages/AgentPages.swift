import Domain
import Foundation
import Hummingbird
import Projections

/// The agents' pages: `/agent`, the queue sorted by SLA due time (breached first), and
/// `/agent/tickets/{id}`, the whole timeline with internal notes and SLA events, replying (or writing
/// an internal note) with files, the status with a reason, assignment and priority. Accounts without
/// the agent or admin role get a "not allowed" page.
struct AgentPages {
    let pages: PageSupport
    let service: TicketService
    /// For the link from a ticket opened in a chat to that conversation's transcript.
    var chat: ChatService? = nil

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("agent", use: queue)
        router.get("agent/tickets/{id}", use: show)
        router.post("agent/tickets/{id}/reply", use: reply)
        router.post("agent/tickets/{id}/status", use: status)
        router.post("agent/tickets/{id}/assign", use: assign)
        router.post("agent/tickets/{id}/priority", use: priority)
    }

    static let notAllowed = ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                           detail: "These pages are for support agents. If you should have access, ask an administrator to grant you the agent role.")

    private func agent(_ context: PortalRequestContext, _ body: (AuthenticatedUser) async throws -> Response) async throws -> Response {
        try await pages.signedIn(context) { user in
            guard try service.actor(user.accountID).isAgent else { throw Self.notAllowed }
            return try await body(user)
        }
    }

    static func path(_ id: UUID) -> String { "/agent/tickets/\(id.uuidString.lowercased())" }

    // MARK: The queue

    @Sendable func queue(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await agent(context) { user in
            let params = request.uri.queryParameters
            let show = params["show"].map(String.init) ?? "all"
            let assignee: AccountID??
            switch show {
            case "mine": assignee = .some(user.accountID)
            case "unassigned": assignee = .some(nil)
            default: assignee = nil
            }
            let offset = max(0, min(1_000_000, params["offset"].flatMap { Int(String($0)) } ?? 0))
            let limit = 50
            let page = await service.queue(assignee: assignee, statuses: [.new, .open, .pending], offset: offset, limit: limit)
            let now = Date()
            let rows = try page.items.map { item -> [String: Any] in
                let summary = service.directory.summary(item.ticketID)
                var row: [String: Any] = [
                    "path": Self.path(item.ticketID), "subject": try service.subject(of: item.ticketID) ?? "(erased)",
                    "category": summary.map { service.categories.entry($0.categoryID)?.category.name ?? $0.categoryID } ?? "",
                    "priority": item.priority.rawValue, "status": item.status.rawValue, "statusText": TicketView.statusText(item.status, agent: true),
                    "breached": item.breached,
                    "assignee": item.assignee.map { a in ((try? service.identity.profile(a)?.name) ?? nil) ?? a.description } ?? "",
                    "requester": try summary.flatMap { try service.identity.profile($0.requester)?.name } ?? "",
                ]
                if let due = item.nextDue {
                    row["due"] = PageDate.values(due)
                    // Working time by the business calendar, as the clock counts it.
                    let reading = service.clocks.readings(item.ticketID, at: now).first { $0.target == item.nextTarget }
                    row["remaining"] = TicketView.duration(reading?.remaining ?? due.timeIntervalSince(now))
                    row["target"] = item.nextTarget == .firstResponse ? "first response" : "resolution"
                } else {
                    row["paused"] = true
                }
                return row
            }
            var data: [String: Any] = [
                "tickets": rows, "none": rows.isEmpty, "total": page.total,
                "filters": [("all", "All open tickets"), ("mine", "Assigned to me"), ("unassigned", "Unassigned")].map {
                    ["value": $0.0, "label": $0.1, "current": $0.0 == show] as [String: Any]
                },
            ]
            if page.total > limit {
                var pager: [String: Any] = ["from": offset + 1, "to": offset + rows.count, "total": page.total]
                if offset > 0 { pager["previous"] = "/agent?show=\(show == "mine" || show == "unassigned" ? show : "all")&offset=\(max(0, offset - limit))" }
                if offset + rows.count < page.total { pager["next"] = "/agent?show=\(show == "mine" || show == "unassigned" ? show : "all")&offset=\(offset + limit)" }
                data["pager"] = pager
            }
            return pages.render("agent-queue", title: "Agent queue", request: request, context: context, data: data, section: .agent)
        }
    }

    // MARK: One ticket

    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await agent(context) { user in
            let id = try PageSupport.ticketID(context)
            var data: [String: Any] = [:]
            for notice in ["replied", "noted", "changed", "assigned", "prioritised"] where request.uri.queryParameters[notice[...]] != nil { data[notice] = true }
            return try render(id, user: user, request: request, context: context, data: data)
        }
    }

    private func render(_ id: UUID, user: AuthenticatedUser, request: Request, context: PortalRequestContext, data: [String: Any] = [:],
                        status: HTTPResponse.Status = .ok) throws -> Response {
        let (timeline, _) = try service.timeline(id, for: user.accountID)
        var values = data
        var ticket = TicketView(service: service, agent: true).values(timeline)
        ticket["agentPath"] = Self.path(id)
        ticket["mine"] = timeline.ticket.assignee == user.accountID
        ticket["assigned"] = timeline.ticket.assignee != nil
        values["ticket"] = ticket
        if let conversation = chat?.conversationOpening(ticket: id) {
            values["chat"] = ["path": "/agent/chats?open=\(conversation.uuidString.lowercased())"]
        }
        values["statuses"] = TicketStatus.allCases.filter { $0 != timeline.ticket.status }.map {
            ["value": $0.rawValue, "label": TicketView.statusText($0, agent: true)]
        }
        values["replyStatuses"] = [TicketStatus.pending, .solved].map { ["value": $0.rawValue, "label": TicketView.statusText($0, agent: true)] }
        values["priorities"] = TicketFormView.priorities(chosen: timeline.ticket.priority.rawValue)
        return pages.render("agent-ticket", title: timeline.opened.subject ?? "Ticket", request: request, context: context, data: values,
                            status: status, section: .agent)
    }

    private func act(_ request: Request, context: PortalRequestContext, _ body: (AuthenticatedUser, UUID) async throws -> Response) async throws -> Response {
        try await agent(context) { user in
            let id = try PageSupport.ticketID(context)
            do {
                return try await body(user, id)
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                return try render(id, user: user, request: request, context: context, data: refused.values, status: refused.status)
            }
        }
    }

    /// A public reply or an internal note, with files; a reply may set the status too (one mail).
    @Sendable func reply(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await act(request, context: context) { user, id in
            let requester = try service.requester(of: id, for: user.accountID)
            let form = try await pages.ticketForm(request, subject: requester.stream, service: service)
            let isInternal = form.text["internal"]?.first == "true"
            _ = try await service.comment(on: id, body: form.text["body"]?.first ?? "", internal: isInternal, attachments: form.files,
                                          then: isInternal ? nil : form.text["then"]?.first, by: user.accountID, client: pages.client(request, context))
            return PageSupport.redirect(Self.path(id) + (isInternal ? "?noted=1" : "?replied=1"))
        }
    }

    struct StatusFields: Decodable, CSRFCarrying { var status: String?; var reason: String?; var csrf: String? }

    @Sendable func status(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await act(request, context: context) { user, id in
            let fields = try await pages.form(StatusFields.self, from: request)
            _ = try await service.setStatus(id, to: fields.status ?? "", reason: fields.reason, by: user.accountID, client: pages.client(request, context))
            return PageSupport.redirect(Self.path(id) + "?changed=1")
        }
    }

    struct AssignFields: Decodable, CSRFCarrying { var to: String?; var csrf: String? }

    /// Assign to me, or unassign.
    @Sendable func assign(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await act(request, context: context) { user, id in
            let fields = try await pages.form(AssignFields.self, from: request)
            _ = try await service.assign(id, to: fields.to == "me" ? user.accountID : nil, by: user.accountID, client: pages.client(request, context))
            return PageSupport.redirect(Self.path(id) + "?assigned=1")
        }
    }

    struct PriorityFields: Decodable, CSRFCarrying { var priority: String?; var csrf: String? }

    @Sendable func priority(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await act(request, context: context) { user, id in
            let fields = try await pages.form(PriorityFields.self, from: request)
            guard let chosen = fields.priority, !chosen.isEmpty else { throw FieldError(field: "priority", message: "Choose a priority.") }
            _ = try await service.setPriority(id, to: chosen, by: user.accountID, client: pages.client(request, context))
            return PageSupport.redirect(Self.path(id) + "?prioritised=1")
        }
    }
}
