import Domain
import Foundation

extension TicketDirectoryProjection {
    /// Weights of the subject and the description in ``similar(to:requester:openOnly:limit:)``.
    static let subjectWeight = 0.8
    static let descriptionWeight = 0.2

    /// The tickets matching `q`, sorted and paged, with how many match in all. A query with a
    /// requester looks at that requester's tickets only; internal notes count only with
    /// `includeInternal` (never set it for a customer).
    public func search(_ q: TicketQuery) -> (total: Int, items: [TicketSummary]) {
        let words = queryTokens(q.text)
        let offset = max(0, q.offset)
        let limit = min(max(0, q.limit), TicketQuery.maximumLimit)
        var matches: [TicketSummary] = state.withLock { s in
            var matches: [TicketSummary] = []
            func consider(_ t: Indexed) {
                guard Self.matches(t.summary, q) else { return }
                if !words.isEmpty {
                    let found = words.allSatisfy { SortedTokens.contains(t.text, $0) || (q.includeInternal && SortedTokens.contains(t.notes, $0)) }
                    guard found else { return }
                }
                matches.append(t.summary)
            }
            if let requester = q.requester {
                for id in s.byRequester[requester] ?? [] { if let t = s.tickets[id] { consider(t) } }
            } else {
                for t in s.tickets.values { consider(t) }
            }
            return matches
        }
        // Sorted outside the lock: other searches and the projection's updates go on meanwhile.
        matches.sort(by: Self.order(q.sort))
        guard offset < matches.count else { return (matches.count, []) }
        return (matches.count, Array(matches[offset..<min(matches.count, offset + limit)]))
    }

    public func summary(_ id: UUID) -> TicketSummary? { state.withLock { $0.tickets[id]?.summary } }

    /// The requester's tickets most like `text` (a subject being typed, say), best first: Dice's
    /// coefficient of the words against each ticket's subject, plus a smaller share against its
    /// description. Tickets sharing no word are left out; `openOnly` leaves out solved and closed ones.
    public func similar(to text: String, requester: AccountID, openOnly: Bool, limit: Int) -> [(summary: TicketSummary, score: Double)] {
        let words = hasher.tokens([text])
        guard !words.isEmpty, limit > 0 else { return [] }
        return state.withLock { s in
            var scored: [(summary: TicketSummary, score: Double)] = []
            for id in s.byRequester[requester] ?? [] {
                guard let t = s.tickets[id] else { continue }
                if openOnly, ![.new, .open, .pending].contains(t.summary.status) { continue }
                let score = Self.subjectWeight * SortedTokens.dice(words, t.subject) + Self.descriptionWeight * SortedTokens.dice(words, t.description)
                if score > 0 { scored.append((t.summary, score)) }
            }
            scored.sort { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.summary.updatedAt != b.summary.updatedAt { return a.summary.updatedAt > b.summary.updatedAt }
                return UUIDOrder.less(a.summary.id, b.summary.id)
            }
            return Array(scored.prefix(min(limit, TicketQuery.maximumLimit)))
        }
    }

    /// How many of the requester's tickets are in each status (statuses without tickets are absent).
    public func counts(requester: AccountID) -> [TicketStatus: Int] {
        state.withLock { s in
            var counts: [TicketStatus: Int] = [:]
            for id in s.byRequester[requester] ?? [] { if let t = s.tickets[id] { counts[t.summary.status, default: 0] += 1 } }
            return counts
        }
    }

    /// The requester's tickets, in the order they were opened.
    public func allTickets(of requester: AccountID) -> [UUID] { state.withLock { $0.byRequester[requester] ?? [] } }

    /// How many tickets the directory holds.
    public var count: Int { state.withLock { $0.tickets.count } }

    private func queryTokens(_ text: String?) -> [UInt32] {
        guard let text else { return [] }
        var hashed: [UInt32] = []
        TicketTextTokenizer.forEachToken(in: String(text.prefix(2000))) { token in
            if hashed.count < TicketQuery.maximumTextTokens { hashed.append(hasher.hash(token)) }
        }
        return SortedTokens.normalized(hashed)
    }

    static func matches(_ t: TicketSummary, _ q: TicketQuery) -> Bool {
        if let r = q.requester, t.requester != r { return false }
        if let statuses = q.statuses, !statuses.contains(t.status) { return false }
        if let c = q.categoryID, t.categoryID != c { return false }
        if let p = q.priorities, !p.contains(t.priority) { return false }
        if let from = q.openedFrom, t.openedAt < from { return false }
        if let to = q.openedTo, t.openedAt >= to { return false }
        if let archived = q.archived, t.archived != archived { return false }
        if let assignee = q.assignee, t.assignee != assignee { return false }
        return true
    }

    /// A total order for each sort, ties broken by id so pages never overlap.
    static func order(_ sort: TicketSort) -> (TicketSummary, TicketSummary) -> Bool {
        func byID(_ a: TicketSummary, _ b: TicketSummary) -> Bool { UUIDOrder.less(a.id, b.id) }
        switch sort {
        case .updatedNewest:
            return { a, b in a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : byID(a, b) }
        case .openedNewest:
            return { a, b in a.openedAt != b.openedAt ? a.openedAt > b.openedAt : byID(a, b) }
        case .openedOldest:
            return { a, b in a.openedAt != b.openedAt ? a.openedAt < b.openedAt : byID(a, b) }
        case .priorityHighest:
            return { a, b in
                if a.priority != b.priority { return a.priority > b.priority }
                return a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : byID(a, b)
            }
        }
    }
}
