import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/agent`: the agents' queue, sorted by the SLA due time (breached first).
struct AgentController {
    let service: TicketService

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get("queue", use: queue)
    }

    struct QueueEntry: Codable, Sendable {
        var id: UUID
        var subject: String?
        var category: String
        var priority: String
        var status: String
        var assignee: String?
        var requester: String?
        var nextDue: Date?
        var nextTarget: String?
        var breached: Bool
        var openedAt: Date?
        var updatedAt: Date?
    }

    struct QueuePage: ResponseEncodable {
        var items: [QueueEntry]
        var total: Int
        var offset: Int
        var limit: Int
    }

    /// `assignee=me|none|any|<account id>` (default any), `status=new,open,pending` (default new,open,pending).
    @Sendable func queue(_ request: Request, context: PortalRequestContext) async throws -> QueuePage {
        let user = try context.requireUser()
        guard try service.actor(user.accountID).isAgent else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                 detail: "The queue is for agents (granted with `portalctl accounts grant-role ACCOUNT agent`).")
        }
        let params = request.uri.queryParameters
        let assignee: AccountID??
        switch params["assignee"].map(String.init) {
        case nil, "any": assignee = nil
        case "me": assignee = .some(user.accountID)
        case "none": assignee = .some(nil)
        case let raw?:
            guard let id = AccountID(raw) else { throw FieldError(field: "assignee", message: "`assignee` is me, none, any or an account id.") }
            assignee = .some(id)
        }
        var statuses: Set<TicketStatus> = [.new, .open, .pending]
        if let raw = params["status"] {
            let parts = raw.split(separator: ",").map(String.init)
            let parsed = parts.compactMap(TicketStatus.init(rawValue:))
            guard parsed.count == parts.count, !parsed.isEmpty else {
                throw FieldError(field: "status", message: "`status` takes \(TicketStatus.allCases.map(\.rawValue).joined(separator: ", ")), separated by commas.")
            }
            statuses = Set(parsed)
        }
        let offset = try Paging.int(request, "offset", default: 0, range: 0...1_000_000)
        let limit = try Paging.int(request, "limit", default: 50, range: 1...200)
        let page = await service.queue(assignee: assignee, statuses: statuses, offset: offset, limit: limit)
        return QueuePage(items: try page.items.map { item in
            let summary = service.directory.summary(item.ticketID)
            return QueueEntry(
                id: item.ticketID, subject: try service.subject(of: item.ticketID),
                category: summary.map { service.categories.entry($0.categoryID)?.category.name ?? $0.categoryID } ?? "",
                priority: item.priority.rawValue, status: item.status.rawValue, assignee: item.assignee?.description,
                requester: try summary.flatMap { try service.identity.profile($0.requester)?.name },
                nextDue: item.nextDue, nextTarget: item.nextTarget?.rawValue, breached: item.breached,
                openedAt: summary?.openedAt, updatedAt: summary?.updatedAt)
        }, total: page.total, offset: offset, limit: limit)
    }
}

extension TicketService {
    func queue(assignee: AccountID??, statuses: Set<TicketStatus>, offset: Int, limit: Int) async -> (total: Int, items: [SLAClocksProjection.QueueItem]) {
        _ = await runner.waitUntil(store.lastPosition, projections: [clocks.name, directory.name], timeout: .seconds(2))
        return clocks.queue(at: Date(), assignee: assignee, statuses: statuses, offset: offset, limit: limit)
    }
}
