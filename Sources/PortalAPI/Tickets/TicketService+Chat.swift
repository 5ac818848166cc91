import Domain
import Foundation
import Projections

/// What the chat assistant may know about tickets: the customer's own, and the categories it can open them in.
extension TicketService {
    static let customerStatus: [TicketStatus: String] = [
        .new: "Received", .open: "Being worked on", .pending: "Waiting for your reply", .solved: "Solved", .closed: "Closed",
    ]

    /// The customer's most recently changed tickets, with the next SLA target still running, and the tickets the
    /// message names (`references`: full ids or their first eight hex digits) when they are the customer's own —
    /// anyone else's ticket is simply not among the facts.
    func chatTicketFacts(for account: AccountID, now: Date, references: [String] = [], limit: Int = 5) -> [TicketFact] {
        var (_, summaries) = directory.search(TicketQuery(requester: account, sort: .updatedNewest, limit: limit))
        if !references.isEmpty {
            let known = Set(summaries.map(\.id))
            let own = directory.allTickets(of: account)
            for reference in references {
                for id in own where !known.contains(id) && TicketFact(id: id, subject: "", status: "").isNamed(by: reference) {
                    if let summary = directory.summary(id) { summaries.append(summary) }
                }
            }
        }
        return summaries.compactMap { s in
            guard let subject = try? repository.subject(s.id) else { return nil }
            let running = clocks.readings(s.id, at: now).filter { $0.state == .running || $0.state == .breached }
                .filter { $0.metAt == nil }.min { ($0.dueAt ?? .distantFuture) < ($1.dueAt ?? .distantFuture) }
            return TicketFact(id: s.id, subject: subject, status: Self.customerStatus[s.status] ?? s.status.rawValue,
                              nextDue: running?.dueAt, dueWhat: running.map { $0.target == .firstResponse ? "first reply" : "resolution" },
                              breached: running?.state == .breached)
        }
    }

    /// The categories open for new tickets, with their current forms.
    func chatCategories() -> [ChatCategory] {
        categories.all().compactMap { entry in
            guard let id = entry.category.id else { return nil }
            return ChatCategory(id: id, name: entry.category.name, fields: entry.category.schema.fields)
        }
    }
}
