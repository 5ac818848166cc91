import Domain
import Foundation

/// Folding one event into the state. Time comes from the event (`recordedAt`), never from the clock.
extension SelfServiceAnalyticsProjection.State {
    typealias P = SelfServiceAnalyticsProjection

    /// The index of `key`, adding an item not seen before.
    mutating func item(_ key: String) -> Int {
        if let i = index[key] { return i }
        items.append(.init(key: key, category: nil, tags: []))
        index[key] = items.count - 1
        return items.count - 1
    }

    mutating func describe(_ key: String, _ content: KnowledgeContent) {
        let i = item(key)
        items[i].category = content.categoryID
        items[i].tags = content.tags
    }

    mutating func searched(_ e: KnowledgeSearched, at: Date) {
        let today = P.day(at)
        days[today, default: .init()].searches += 1
        if e.results > 0 {
            openSearches[e.searchID] = at
            return
        }
        days[today, default: .init()].zeroResultSearches += 1
        let query = KnowledgeSearched.scrub(e.query)
        guard !query.isEmpty else { return }
        days[today, default: .init()].countGap(query)
    }

    mutating func viewed(_ e: KnowledgeItemViewed, at: Date) {
        // Only article and FAQ keys name items; anything else would grow the item table for nothing.
        guard KnowledgeKind.parse(key: e.itemKey) != nil else { return }
        let today = P.day(at)
        let i = item(e.itemKey)
        days[today, default: .init()].views[i, default: 0] += 1
        if let search = e.searchID, let searchedAt = openSearches.removeValue(forKey: search), at <= searchedAt + P.clickWindow {
            days[P.day(searchedAt)]?.clickedSearches += 1
        }
        if e.origin == .ticketForm, let suggestion = e.suggestionID {
            days[today, default: .init()].suggestionOpens[i, default: 0] += 1
            if let account = e.visitor?.account { openedSuggestion(suggestion, item: i, by: account, at: at) }
        }
        if let visitor = e.visitor { coViewed(i, by: P.hash(visitor), day: today) }
    }

    mutating func openedSuggestion(_ id: UUID, item: Int, by account: AccountID, at: Date) {
        let opener = P.hash(.account(account))
        var set = sets[id] ?? P.OpenedSet(opener: opener, firstOpen: at, lastOpen: at, items: [], ticketAt: nil)
        // A set belongs to whoever opened it first; a shared link opened by someone else does not move it.
        guard set.opener == opener else { return }
        set.lastOpen = at
        if !set.items.contains(item) { set.items.append(item) }
        sets[id] = set
        if set.ticketAt == nil, !(awaiting[account] ?? []).contains(id) { awaiting[account, default: []].append(id) }
    }

    /// Records the ticket on every set of the requester it may still decide.
    mutating func ticketOpened(by account: AccountID, at: Date) {
        guard let waiting = awaiting.removeValue(forKey: account) else { return }
        var still: [UUID] = []
        for id in waiting {
            guard var set = sets[id], set.ticketAt == nil else { continue }
            if at < set.firstOpen {
                still.append(id)
            } else if at <= set.lastOpen + P.maximumDeflectionWindow {
                set.ticketAt = at
                sets[id] = set
            }
        }
        if !still.isEmpty { awaiting[account] = still }
    }

    /// Remembers that the visitor viewed `item`; a first view of it counts a co-view with each item in their history.
    mutating func coViewed(_ item: Int, by visitor: UInt64, day: Int) {
        var history = histories[visitor] ?? P.History(items: [], day: day)
        history.day = day
        if let known = history.items.firstIndex(of: item) {
            history.items.remove(at: known)
        } else {
            for other in history.items {
                countCoView(item, other)
                countCoView(other, item)
            }
        }
        history.items.append(item)
        if history.items.count > P.historyLength { history.items.removeFirst(history.items.count - P.historyLength) }
        histories[visitor] = history
    }

    /// Counts one more visitor who read both; an item keeps its ``SelfServiceAnalyticsProjection/partnerLimit`` strongest
    /// partners, pruned when it reaches twice as many (the weakest then start again from zero).
    mutating func countCoView(_ item: Int, _ other: Int) {
        var partners = coViews.removeValue(forKey: item) ?? [:]
        partners[other, default: 0] += 1
        if partners.count > 2 * P.partnerLimit {
            let strongest = partners.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(P.partnerLimit)
            partners = Dictionary(uniqueKeysWithValues: strongest.map { ($0.key, $0.value) })
        }
        coViews[item] = partners
    }

    /// Moves to the day of `now`; when a new day begins, drops what no query can need any more.
    mutating func advance(to now: Date) {
        let day = P.day(now)
        guard day > (today ?? Int.min) else { return }
        today = day
        let oldest = day - P.dayLimit + 1
        days = days.filter { $0.key >= oldest }
        sets = sets.filter { P.day($0.value.firstOpen) >= oldest }
        openSearches = openSearches.filter { $0.value >= now - P.clickWindow }
        awaiting = awaiting.compactMapValues { ids in
            let kept = ids.filter { id in sets[id].map { $0.ticketAt == nil && $0.lastOpen + P.maximumDeflectionWindow >= now } ?? false }
            return kept.isEmpty ? nil : kept
        }
        histories = histories.filter { $0.value.day > day - P.visitorIdleDays }
        if histories.count > P.visitorLimit {
            let idle = histories.sorted { ($0.value.day, $0.key) < ($1.value.day, $1.key) }.prefix(histories.count - P.visitorLimit)
            for (visitor, _) in idle { histories[visitor] = nil }
        }
    }
}

extension SelfServiceAnalyticsProjection.Day {
    /// Counts a zero-result query; when the day already names ``SelfServiceAnalyticsProjection/gapsPerDay`` queries,
    /// the least searched one gives its place (and count) to the new one, so frequent gaps survive a long tail.
    mutating func countGap(_ query: String) {
        if let n = gaps[query] {
            gaps[query] = n + 1
        } else if gaps.count < SelfServiceAnalyticsProjection.gapsPerDay {
            gaps[query] = 1
        } else if let rarest = gaps.min(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            gaps[rarest.key] = nil
            gaps[query] = rarest.value + 1
        }
    }
}
