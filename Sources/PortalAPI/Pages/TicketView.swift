import Domain
import Foundation
import Projections

/// A ticket as the pages show it: the header facts, what was asked, and the timeline as template
/// values — for the customer (no internal notes, no SLA events, agents shown as "Support") or for
/// agents (everything, with names).
struct TicketView {
    let service: TicketService
    /// The viewer is an agent looking at the agent page.
    let agent: Bool

    static func path(_ id: UUID) -> String { "/tickets/\(id.uuidString.lowercased())" }

    static let statusWords: [TicketStatus: String] = [
        .new: "New", .open: "Open", .pending: "Waiting for you", .solved: "Solved", .closed: "Closed",
    ]

    static func statusText(_ status: TicketStatus, agent: Bool) -> String {
        agent && status == .pending ? "Pending (waiting for the customer)" : statusWords[status] ?? status.rawValue
    }

    func values(_ t: TicketTimeline) -> [String: Any] {
        let id = t.ticket.id ?? UUID()
        var v: [String: Any] = [
            "id": id.uuidString.lowercased(), "path": Self.path(id),
            "subject": t.opened.subject ?? "(erased)", "description": t.opened.description ?? "",
            "category": service.categories.entry(t.ticket.categoryID)?.category.name ?? t.ticket.categoryID,
            "priority": t.ticket.priority.rawValue, "status": t.ticket.status.rawValue,
            "statusText": Self.statusText(t.ticket.status, agent: agent),
            "isSolved": t.ticket.status == .solved, "isClosed": t.ticket.status == .closed,
            "isSolvedOrClosed": t.ticket.status == .solved || t.ticket.status == .closed,
            "rating": t.ticket.rating.map { ["value": $0] as Any } ?? (false as Any),
            "fields": t.opened.fields.map { f -> [String: Any] in
                var field: [String: Any] = ["label": f.label, "value": f.value.display]
                if case .files(let ids) = f.value {
                    field["files"] = ids.compactMap { aid in
                        t.entries.first { $0.attachment?.id == aid }?.attachment.map { attachmentValues($0, ticket: id) }
                    }
                }
                return field
            },
            "hasFields": !t.opened.fields.isEmpty,
            "entries": t.entries.filter { $0.kind != .opened }.map { entry($0, ticket: id) },
            "followUps": t.ticket.followUps.map { ["path": Self.path($0), "id": $0.uuidString.lowercased()] },
        ]
        if let openedAt = t.ticket.openedAt { v["openedAt"] = PageDate.values(openedAt) }
        if agent {
            v["assignee"] = t.ticket.assignee.map { ["name": name($0)] as Any } ?? (false as Any)
            v["requester"] = t.ticket.requester.flatMap { try? service.identity.profile($0)?.name } ?? "(erased)"
            v["sla"] = t.sla.map { r -> [String: Any] in
                var clock: [String: Any] = [
                    "target": r.target == .firstResponse ? "First response" : "Resolution",
                    "state": ["running": "running", "paused": "paused (waiting for the customer)", "met": "met", "breached": "breached"][r.state.rawValue] ?? r.state.rawValue,
                    "remaining": Self.duration(r.remaining), "overdue": r.remaining < 0, "counting": r.state == .running || r.state == .paused,
                ]
                if let due = r.dueAt, r.state == .running || (r.state == .breached && r.metAt == nil) { clock["due"] = PageDate.values(due) }
                if let met = r.metAt { clock["metAt"] = PageDate.values(met) }
                return clock
            }
        }
        return v
    }

    func attachmentValues(_ a: TicketTimeline.Attachment, ticket: UUID) -> [String: Any] {
        ["id": a.id, "filename": a.filename ?? "file", "size": Self.size(a.size), "contentType": a.contentType,
         "url": Self.path(ticket) + "/attachments/" + a.id]
    }

    private func entry(_ e: TicketTimeline.Entry, ticket: UUID) -> [String: Any] {
        var v: [String: Any] = ["kind": e.kind.rawValue, "at": PageDate.values(e.at)]
        // Every kind's flag is set, so a section never finds a page value of the same name instead.
        for kind in TicketTimeline.Kind.allCases { v[kind.rawValue] = kind == e.kind }
        v["text"] = false
        v["who"] = who(e)
        v["byAgent"] = e.role == .agent
        if let text = e.text, !text.isEmpty { v["text"] = text }
        switch e.kind {
        case .comment, .internalNote:
            v["attachmentCount"] = e.attachmentIDs.count
        case .statusChanged:
            v["from"] = e.fromStatus.map { Self.statusText($0, agent: agent) } ?? ""
            v["to"] = e.toStatus.map { Self.statusText($0, agent: agent) } ?? ""
        case .priorityChanged:
            v["from"] = e.fromPriority?.rawValue ?? ""
            v["to"] = e.toPriority?.rawValue ?? ""
        case .assigned:
            v["assignee"] = agent ? (e.assignee.map(name) ?? "nobody") : (e.assignee == nil ? "nobody" : "an agent")
        case .attachment:
            if let a = e.attachment { v["file"] = attachmentValues(a, ticket: ticket) }
        case .rated:
            v["rating"] = e.rating ?? 0
        case .survey:
            if let s = e.survey {
                v["survey"] = ["resolution": s.resolution ?? 0, "agentRating": s.agentRating ?? 0, "speed": s.speed ?? 0,
                               "agentFeedback": s.agentFeedback ?? ""] as [String: Any]
            }
        case .followUp:
            if let f = e.followUp { v["followUp"] = ["path": Self.path(f)] }
        case .slaWarning, .slaBreach:
            v["target"] = e.slaTarget == .firstResponse ? "first response" : "resolution"
            if let due = e.dueAt { v["due"] = PageDate.values(due) }
        case .opened, .archived:
            break
        }
        return v
    }

    private func who(_ e: TicketTimeline.Entry) -> String {
        switch e.role {
        case .customer: return agent ? (e.actor.map(name) ?? "Customer") : "You"
        case .agent: return agent ? (e.actor.map(name) ?? "Agent") : "Support"
        default: return "Customer Portal"
        }
    }

    private func name(_ account: AccountID) -> String {
        ((try? service.identity.profile(account)?.name) ?? nil) ?? account.description
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) bytes" : bytes < 1 << 20 ? "\(bytes >> 10) KiB" : String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    /// Working time as "3 h 20 min" ("overdue by …" when negative).
    static func duration(_ seconds: TimeInterval) -> String {
        let s = Int(abs(seconds))
        let text = s >= 86400 ? "\(s / 86400) d \(s % 86400 / 3600) h" : s >= 3600 ? "\(s / 3600) h \(s % 3600 / 60) min" : "\(s / 60) min"
        return seconds < 0 ? "overdue by " + text : text
    }
}
