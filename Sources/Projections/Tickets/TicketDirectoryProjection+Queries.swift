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
        // Under the lock only the filter and small sort keys; sorting and paging happen outside it.
        var hits: [Hit] = state.withLock { s in
            var hits: [Hit] = []
            s.items.withUnsafeBufferPointer { items in
                func consider(_ slot: Int) {
                    guard Self.matches(items[slot].summary, q) else { return }
                    if !words.isEmpty {
                        let found = words.allSatisfy {
                            SortedTokens.contains(items[slot].text, $0) || (q.includeInternal && SortedTokens.contains(items[slot].notes, $0))
                        }
                        guard found else { return }
                    }
                    hits.append(Hit(items[slot].summary, slot: slot, sort: q.sort))
                }
                if let requester = q.requester {
                    for slot in s.byRequester[requester] ?? [] { consider(slot) }
                } else {
                    for slot in items.indices { consider(slot) }
                }
            }
            return hits
        }
        hits.sort(by: Hit.precedes)
        guard offset < hits.count else { return (hits.count, []) }
        let page = hits[offset..<min(hits.count, offset + limit)]
        let summaries: [TicketSummary] = state.withLock { s in
            // Slots never move; a reset in between (a rebuild) is caught by the id check.
            page.compactMap { hit in hit.slot < s.items.count && s.items[hit.slot].summary.id == hit.id ? s.items[hit.slot].summary : nil }
        }
        return (hits.count, summaries)
    }

    /// A match's sort key: the priority (for that sort), the sort's date (negated for newest first), then
    /// the id, so the order is total and pages never overlap.
    struct Hit {
        var date: Double
        var priority: Int
        var id: UUID
        var slot: Int

        init(_ t: TicketSummary, slot: Int, sort: TicketSort) {
            switch sort {
            case .updatedNewest: date = -t.updatedAt.timeIntervalSinceReferenceDate; priority = 0
            case .openedNewest: date = -t.openedAt.timeIntervalSinceReferenceDate; priority = 0
            case .openedOldest: date = t.openedAt.timeIntervalSinceReferenceDate; priority = 0
            case .priorityHighest: date = -t.updatedAt.timeIntervalSinceReferenceDate; priority = -Self.rank(t.priority)
            }
            id = t.id
            self.slot = slot
        }

        static func rank(_ p: TicketPriority) -> Int { TicketPriority.allCases.firstIndex(of: p) ?? 0 }

        static func precedes(_ a: Hit, _ b: Hit) -> Bool {
            if a.priority != b.priority { return a.priority < b.priority }
            if a.date != b.date { return a.date < b.date }
            return UUIDOrder.less(a.id, b.id)
        }
    }

    public func summary(_ id: UUID) -> TicketSummary? { state.withLock { s in s.slots[id].map { s.items[$0].summary } } }

    /// The requester's tickets most like `text` (a subject being typed, say), best first: Dice's
    /// coefficient of the words against each ticket's subject, plus a smaller share against its
    /// description. Tickets sharing no word are left out; `openOnly` leaves out solved and closed ones.
    public func similar(to text: String, requester: AccountID, openOnly: Bool, limit: Int) -> [(summary: TicketSummary, score: Double)] {
        let words = hasher.tokens([text])
        guard !words.isEmpty, limit > 0 else { return [] }
        return state.withLock { s in
            var scored: [(summary: TicketSummary, score: Double)] = []
            for slot in s.byRequester[requester] ?? [] {
                let t = s.items[slot]
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
            for slot in s.byRequester[requester] ?? [] { counts[s.items[slot].summary.status, default: 0] += 1 }
            return counts
        }
    }

    /// The requester's tickets, in the order they were opened.
    public func allTickets(of requester: AccountID) -> [UUID] { state.withLock { s in (s.byRequester[requester] ?? []).map { s.items[$0].summary.id } } }

    /// How many tickets the directory holds.
    public var count: Int { state.withLock { $0.items.count } }

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
}
