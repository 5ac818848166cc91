import Domain
import Foundation

extension SelfServiceAnalyticsProjection {
    /// Self-service figures for the UTC days that overlap [`from`, `to`).
    ///
    /// With `category`, the item-based figures — views, suggestion opens, votes and deflections (a set counts
    /// when any item opened from it is in the category) — are restricted to items whose latest revision is in
    /// that category or one of its subcategories. Searches, clicks, content gaps and suggestion sets shown are
    /// not bound to a category and stay the same.
    ///
    /// Deflections are decided as described on ``SelfServiceAnalyticsProjection`` with `deflectionWindow`
    /// (at most 24 h) and `now`, and belong to the day of the set's first open.
    public func report(from: Date, to: Date, category: String?, deflectionWindow: TimeInterval = 1800, now: Date) -> SelfServiceReport {
        let window = min(max(deflectionWindow, 0), Self.maximumDeflectionWindow)
        var report = SelfServiceReport(from: from, to: to, category: category, deflectionWindow: window)
        let first = Self.day(from)
        let last = Int((to.timeIntervalSince1970 / 86400).rounded(.up)) - 1
        guard first <= last else { return report }
        let included = { (day: Int) in (first...last).contains(day) }

        var days: [Int: SelfServiceReport.Day] = [:]
        func on(_ day: Int, _ change: (inout SelfServiceReport.Day) -> Void) {
            change(&days[day, default: SelfServiceReport.Day(day: UTCCalendarDay(Date(timeIntervalSince1970: Double(day) * 86400)).dayKey)])
        }
        var gaps: [String: Int] = [:]

        state.withLock { s in
            let counts = s.inCategory(category)
            for (day, d) in s.days where included(day) {
                let views = d.views.reduce(0) { $0 + (counts($1.key) ? $1.value : 0) }
                let opens = d.suggestionOpens.reduce(0) { $0 + (counts($1.key) ? $1.value : 0) }
                on(day) {
                    $0.views = views
                    $0.suggestionOpens = opens
                    $0.searches = d.searches
                    $0.zeroResultSearches = d.zeroResultSearches
                    $0.clickedSearches = d.clickedSearches
                    $0.suggestionsShown = d.suggestionsShown
                }
                for (query, n) in d.gaps { gaps[query, default: 0] += n }
            }
            for (item, voters) in s.votes where counts(item) {
                for vote in voters.values where included(vote.day) {
                    on(vote.day) { if vote.helpful { $0.helpfulVotes += 1 } else { $0.unhelpfulVotes += 1 } }
                }
            }
            for set in s.sets.values {
                let day = Self.day(set.firstOpen)
                guard included(day), set.items.contains(where: counts) else { continue }
                if let ticket = set.ticketAt, ticket <= set.lastOpen + window {
                    report.ticketsAfterSuggestions += 1
                } else if now >= set.lastOpen + window {
                    on(day) { $0.deflections += 1 }
                } else {
                    report.pendingDeflections += 1
                }
            }
        }

        report.days = days.sorted { $0.key < $1.key }.map(\.value).filter { !$0.isEmpty }
        for d in report.days {
            report.views += d.views
            report.searches += d.searches
            report.zeroResultSearches += d.zeroResultSearches
            report.clickedSearches += d.clickedSearches
            report.helpfulVotes += d.helpfulVotes
            report.votes += d.helpfulVotes + d.unhelpfulVotes
            report.suggestionsShown += d.suggestionsShown
            report.suggestionOpens += d.suggestionOpens
            report.deflections += d.deflections
        }
        report.searchesWithResults = report.searches - report.zeroResultSearches
        report.contentGaps = gaps.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(20).map { .init(query: $0.key, count: $0.value) }
        report.zeroResultRate = Self.ratio(report.zeroResultSearches, report.searches)
        report.clickThroughRate = Self.ratio(report.clickedSearches, report.searchesWithResults)
        report.helpfulPercent = report.votes == 0 ? nil : Double(report.helpfulVotes) * 100 / Double(report.votes)
        report.deflectionRate = Self.ratio(report.deflections, report.deflections + report.ticketsAfterSuggestions)
        return report
    }

    /// The most viewed articles and FAQ entries, and tags, over the last `window` (rounded up to whole UTC days,
    /// today included: 7 days is today and the six before). Only items `visible` accepts are listed or counted
    /// towards a tag, so neither list reveals anything the caller may not show; `visible` gets item keys.
    public func popular(window: TimeInterval, now: Date, limit: Int, visible: (String) -> Bool)
        -> (items: [(key: String, views: Int)], tags: [(tag: String, views: Int)]) {
        let today = Self.day(now)
        let span = max(1, Int((window / 86400).rounded(.up)))
        var views: [Int: Int] = [:]
        let items = state.withLock { s in
            for (day, d) in s.days where day <= today && day > today - span {
                for (item, n) in d.views { views[item, default: 0] += n }
            }
            return s.items
        }
        var tags: [String: Int] = [:]
        var shown: [(key: String, views: Int)] = []
        for (item, n) in views where visible(items[item].key) {
            shown.append((items[item].key, n))
            for tag in items[item].tags { tags[tag, default: 0] += n }
        }
        return (Self.top(shown, limit), Self.top(tags.map { (key: $0.key, views: $0.value) }, limit).map { (tag: $0.key, views: $0.views) })
    }

    /// "Readers of this also read": items viewed by the same visitors (account or device) as `key`, each visitor
    /// counted once per pair, among the last ``historyLength`` distinct items of each visitor. Only items
    /// `visible` accepts.
    public func alsoViewed(_ key: String, limit: Int, visible: (String) -> Bool) -> [(key: String, score: Int)] {
        let (items, pairs): ([Item], [Int: Int]) = state.withLock { s in
            guard let i = s.index[key] else { return ([], [:]) }
            return (s.items, s.coViews[i] ?? [:])
        }
        let shown = pairs.compactMap { other, n -> (key: String, views: Int)? in
            items[other].key != key && visible(items[other].key) ? (items[other].key, n) : nil
        }
        return Self.top(shown, limit).map { (key: $0.key, score: $0.views) }
    }

    /// Items with at least `minimumVotes` current votes and at least one "no", the least helpful first (then the
    /// most votes, then by key), with the reasons given for the current "no" votes. Comments are not here: they are
    /// sealed personal data in the vote streams.
    public func lowRated(minimumVotes: Int, limit: Int)
        -> [(key: String, helpful: Int, votes: Int, helpfulPercent: Double, reasons: [UnhelpfulReason: Int])] {
        var rows: [(key: String, helpful: Int, votes: Int, helpfulPercent: Double, reasons: [UnhelpfulReason: Int])] = []
        state.withLock { s in
            for (item, voters) in s.votes where voters.count >= max(1, minimumVotes) {
                let helpful = voters.values.filter(\.helpful).count
                guard helpful < voters.count else { continue }
                var reasons: [UnhelpfulReason: Int] = [:]
                for vote in voters.values where !vote.helpful {
                    if let reason = vote.reason { reasons[reason, default: 0] += 1 }
                }
                rows.append((s.items[item].key, helpful, voters.count, Double(helpful) * 100 / Double(voters.count), reasons))
            }
        }
        rows.sort { ($0.helpfulPercent, $1.votes, $0.key) < ($1.helpfulPercent, $0.votes, $1.key) }
        return Array(rows.prefix(max(0, limit)))
    }

    static func ratio(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    /// The `limit` largest counts, ties by key.
    static func top(_ counts: [(key: String, views: Int)], _ limit: Int) -> [(key: String, views: Int)] {
        Array(counts.sorted { ($1.views, $0.key) < ($0.views, $1.key) }.prefix(max(0, limit)))
    }
}

extension SelfServiceAnalyticsProjection.State {
    /// Whether an item index counts towards `category` (nil: every item). A category's subtree is every category
    /// whose chain of parents reaches it; items seen only in activity events have no category and never count.
    func inCategory(_ category: String?) -> (Int) -> Bool {
        guard let category else { return { _ in true } }
        var subtree: Set<String> = [category]
        for slug in parents.keys {
            var cursor: String? = slug, steps = 0
            while let c = cursor, steps <= KnowledgeCategory.maximumDepth * 2 {
                if c == category { subtree.insert(slug); break }
                cursor = parents[c] ?? nil
                steps += 1
            }
        }
        let items = self.items
        return { i in items[i].category.map(subtree.contains) ?? false }
    }
}
