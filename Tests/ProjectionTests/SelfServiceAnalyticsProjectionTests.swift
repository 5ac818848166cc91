import Domain
import EventStore
import Foundation
import Projections
import Testing

/// Knowledge-base activity written as the portal writes it, at times the test sets.
final class KnowledgeActivityScript: @unchecked Sendable {
    // Only touched from the test's own task.
    let clock: LogClock
    let log: TestLog

    init(start: Date) throws {
        clock = LogClock(start)
        log = try TestLog(clock: clock)
    }

    var now: Date { clock.date }

    /// Moves the log's clock forward to `moment`.
    func at(_ moment: Date) {
        precondition(moment >= clock.date, "the log's time never goes backwards")
        clock.advance(moment.timeIntervalSince(clock.date))
    }

    func append(_ event: some DomainEvent, to stream: String) async throws { try await log.append(event, to: stream) }

    func category(_ slug: String, under parent: String? = nil) async throws {
        try await append(KnowledgeCategoryCreated(slug: slug, name: slug.capitalized, description: "", parent: parent, order: 0),
                         to: KnowledgeCategory.stream(slug))
    }

    func moveCategory(_ slug: String, under parent: String?) async throws {
        try await append(KnowledgeCategoryChanged(slug: slug, name: slug.capitalized, description: "", parent: parent, order: 0),
                         to: KnowledgeCategory.stream(slug))
    }

    static func content(_ category: String, tags: [String]) -> KnowledgeContent {
        KnowledgeContent(title: "Some title", summary: "A quick answer.", body: "A body.", categoryID: category, tags: tags)
    }

    /// Writes `key` (`article:<slug>` or `faq:<slug>`) in `category`.
    func item(_ key: String, in category: String, tags: [String] = []) async throws {
        let (kind, slug) = KnowledgeKind.parse(key: key)!
        try await append(KnowledgeItemCreated(kind: kind, slug: slug, content: Self.content(category, tags: tags), author: "import"),
                         to: kind.stream(slug))
    }

    func revise(_ key: String, revision: Int, into category: String, tags: [String] = []) async throws {
        let (kind, slug) = KnowledgeKind.parse(key: key)!
        try await append(KnowledgeItemRevised(kind: kind, slug: slug, revision: revision, content: Self.content(category, tags: tags), author: "import"),
                         to: kind.stream(slug))
    }

    @discardableResult
    func search(_ query: String, results: Int, by visitor: KnowledgeVisitor? = nil) async throws -> UUID {
        let id = UUID()
        try await append(KnowledgeSearched(searchID: id, query: query, results: results, shown: [], origin: .search, visitor: visitor, corrected: false),
                         to: "kb-activity")
        return id
    }

    func view(_ key: String, by visitor: KnowledgeVisitor? = nil, origin: KnowledgeOrigin = .direct, search: UUID? = nil,
              suggestion: UUID? = nil) async throws {
        try await append(KnowledgeItemViewed(itemKey: key, visitor: visitor, origin: origin, searchID: search, suggestionID: suggestion), to: "kb-activity")
    }

    /// The new-ticket form shows `keys` to `visitor`; returns the suggestion set's id.
    func suggest(_ keys: [String], to visitor: KnowledgeVisitor?) async throws -> UUID {
        let id = UUID()
        try await append(KnowledgeSuggestionsShown(suggestionID: id, itemKeys: keys, visitor: visitor, origin: .ticketForm), to: "kb-activity")
        return id
    }

    /// Opens `key` from the suggestion set `set`.
    func open(_ key: String, from set: UUID, by visitor: KnowledgeVisitor?) async throws {
        try await view(key, by: visitor, origin: .ticketForm, suggestion: set)
    }

    func vote(_ key: String, by voter: KnowledgeVisitor, helpful: Bool, reason: UnhelpfulReason? = nil, replaces: Bool? = nil) async throws {
        try await append(KnowledgeVoteCast(itemKey: key, voter: voter, helpful: helpful, reason: reason, replaces: replaces, comment: nil),
                         to: "kb-vote-\(key)-\(voter)")
    }

    func ticket(by requester: AccountID) async throws {
        let id = UUID()
        try await append(TicketOpened(ticketID: id, requester: requester, categoryID: "billing", formVersion: 1, priority: .normal, attachmentIDs: [],
                                      followUpOf: nil, personal: nil), to: Ticket.stream(id))
    }

    /// The log's last position, to read on from.
    var position: UInt64 { log.store.lastPosition }

    /// Everything recorded after `position`, as a runner would hand it to a projection.
    func records(after position: UInt64) throws -> [RecordedEvent] { try log.store.read(after: position, limit: 10_000).events }

    func fold() async throws -> SelfServiceAnalyticsProjection {
        let p = SelfServiceAnalyticsProjection()
        try await log.fold([p]).stop()
        return p
    }
}

@Suite("Self-service analytics projection")
struct SelfServiceAnalyticsProjectionTests {
    /// Sunday 2025-12-28 00:00 UTC.
    static let day0 = Date(timeIntervalSince1970: 1_766_880_000)
    static let day: TimeInterval = 86400
    static let minute: TimeInterval = 60
    /// 10:00 on day 0.
    static let t0 = day0 + 10 * 3600

    let ann = IDs.account(1), bob = IDs.account(2)
    var annReads: KnowledgeVisitor { .account(ann) }
    var bobReads: KnowledgeVisitor { .account(bob) }
    let browser = KnowledgeVisitor.device("a9f3e1")

    static let invoiceLines = "article:invoice-lines", refundTime = "faq:refund-time", resetPassword = "faq:reset-password"
    static let agentsOnly = "article:escalation-guide"

    /// billing › invoices, and account; an article and a FAQ entry in billing's subtree, two items in account.
    func catalogue(_ script: KnowledgeActivityScript) async throws {
        try await script.category("billing")
        try await script.category("invoices", under: "billing")
        try await script.category("account")
        try await script.item(Self.invoiceLines, in: "invoices", tags: ["invoices", "billing"])
        try await script.item(Self.refundTime, in: "billing", tags: ["refunds", "billing"])
        try await script.item(Self.resetPassword, in: "account", tags: ["passwords"])
        try await script.item(Self.agentsOnly, in: "account", tags: ["internal", "passwords"])
    }

    func script() async throws -> KnowledgeActivityScript {
        let script = try KnowledgeActivityScript(start: Self.t0)
        try await catalogue(script)
        return script
    }

    func report(_ p: SelfServiceAnalyticsProjection, days: Int = 1, category: String? = nil, window: TimeInterval = 1800,
                now: Date = day0 + 30 * day) -> SelfServiceReport {
        p.report(from: Self.day0, to: Self.day0 + Double(days) * Self.day, category: category, deflectionWindow: window, now: now)
    }

    // MARK: Views and searches

    @Test func viewsSearchesAndZeroResultSearchesAreCountedWithTheirContentGaps() async throws {
        let s = try await script()
        try await s.search("refund", results: 3)
        try await s.search("Dark   Mode", results: 0)
        try await s.search("dark mode", results: 0)
        try await s.search("crypto payments for ann@example.com", results: 0)
        try await s.view(Self.refundTime)
        try await s.view(Self.refundTime, by: annReads)
        try await s.view(Self.invoiceLines, by: browser)
        s.at(Self.t0 + Self.day)
        try await s.search("dark mode", results: 0)
        try await s.view(Self.resetPassword)
        let p = try await s.fold()

        let first = report(p)
        #expect(first.views == 3)
        #expect(first.searches == 4)
        #expect(first.zeroResultSearches == 3)
        #expect(first.zeroResultRate == 0.75)
        #expect(first.searchesWithResults == 1)
        #expect(first.contentGaps == [.init(query: "dark mode", count: 2), .init(query: "crypto payments for …", count: 1)])

        let both = report(p, days: 2)
        #expect(both.views == 4)
        #expect(both.searches == 5)
        #expect(both.contentGaps.first == .init(query: "dark mode", count: 3))
        #expect(both.days.map(\.day) == ["2025-12-28", "2025-12-29"])
        #expect(both.days.map(\.views) == [3, 1])
        #expect(both.days.map(\.zeroResultSearches) == [3, 1])

        // A period is made of whole UTC days: 09:00–11:00 on day 1 is that whole day.
        let partial = p.report(from: Self.day0 + Self.day + 9 * 3600, to: Self.day0 + Self.day + 11 * 3600, category: nil, now: Self.day0)
        #expect(partial.views == 1)
        #expect(partial.searches == 1)
        #expect(report(p, days: 0).views == 0)
    }

    @Test func clickThroughIsTheShareOfSearchesWithResultsThatAViewCameFrom() async throws {
        let s = try await script()
        let found = try await s.search("refund", results: 3)
        let alsoFound = try await s.search("invoice", results: 5)
        try await s.search("password", results: 2)
        let nothing = try await s.search("dark mode", results: 0)
        try await s.view(Self.refundTime, origin: .search, search: found)
        try await s.view(Self.invoiceLines, origin: .search, search: found)
        try await s.view(Self.invoiceLines, origin: .search, search: alsoFound)
        try await s.view(Self.invoiceLines, origin: .search, search: nothing)
        try await s.view(Self.invoiceLines, origin: .search, search: UUID())
        let p = try await s.fold()

        let r = report(p)
        #expect(r.searchesWithResults == 3)
        #expect(r.clickedSearches == 2)
        #expect(r.clickThroughRate == 2.0 / 3.0)
        #expect(r.days.first?.clickedSearches == 2)
        // Searches are never restricted to a category.
        #expect(report(p, category: "account").clickedSearches == 2)
        #expect(report(p, category: "account").searches == 4)
    }

    @Test func aViewADayAfterItsSearchIsNoLongerAClick() async throws {
        let s = try await script()
        let found = try await s.search("refund", results: 3)
        s.at(Self.t0 + Self.day + Self.minute)
        try await s.view(Self.refundTime, origin: .search, search: found)
        let p = try await s.fold()
        #expect(report(p, days: 2).clickedSearches == 0)
    }

    // MARK: Votes

    @Test func aChangedVoteCountsOnceWithItsLatestValue() async throws {
        let s = try await script()
        try await s.vote(Self.refundTime, by: annReads, helpful: true)
        try await s.vote(Self.refundTime, by: browser, helpful: true)
        try await s.vote(Self.invoiceLines, by: bobReads, helpful: true)
        s.at(Self.t0 + 3600)
        try await s.vote(Self.refundTime, by: annReads, helpful: false, reason: .outdated, replaces: true)
        let p = try await s.fold()

        let r = report(p)
        #expect(r.votes == 3)
        #expect(r.helpfulVotes == 2)
        #expect(r.helpfulPercent == 200.0 / 3.0)
        #expect(r.days.first?.unhelpfulVotes == 1)

        let low = p.lowRated(minimumVotes: 1, limit: 10)
        #expect(low.map(\.key) == [Self.refundTime])
        #expect(low.first?.helpful == 1)
        #expect(low.first?.votes == 2)
        #expect(low.first?.helpfulPercent == 50)
        #expect(low.first?.reasons == [.outdated: 1])
        #expect(p.lowRated(minimumVotes: 3, limit: 10).isEmpty)
    }

    @Test func lowRatedContentIsListedWorstFirst() async throws {
        let s = try await script()
        let voters = (1...4).map { KnowledgeVisitor.device("d\($0)") }
        // invoice-lines: 1 of 4 helpful; refund-time: 0 of 2; reset-password: 1 of 2; escalation-guide: 0 of 1.
        for (i, v) in voters.enumerated() { try await s.vote(Self.invoiceLines, by: v, helpful: i == 0, reason: i == 0 ? nil : .unclear) }
        try await s.vote(Self.refundTime, by: voters[0], helpful: false, reason: .incomplete)
        try await s.vote(Self.refundTime, by: voters[1], helpful: false)
        try await s.vote(Self.resetPassword, by: voters[0], helpful: true)
        try await s.vote(Self.resetPassword, by: voters[1], helpful: false, reason: .notWhatISearched)
        try await s.vote(Self.agentsOnly, by: voters[0], helpful: false)
        let p = try await s.fold()

        let low = p.lowRated(minimumVotes: 2, limit: 10)
        #expect(low.map(\.key) == [Self.refundTime, Self.invoiceLines, Self.resetPassword])
        #expect(low.map(\.helpfulPercent) == [0, 25, 50])
        #expect(low[0].reasons == [.incomplete: 1])
        #expect(low[1].reasons == [.unclear: 3])
        // Equally unhelpful: the one with more votes first.
        #expect(p.lowRated(minimumVotes: 1, limit: 2).map(\.key) == [Self.refundTime, Self.agentsOnly])
    }

    // MARK: Deflection

    @Test func anOpenedSuggestionWithoutATicketFor30MinutesIsADeflection() async throws {
        let s = try await script()
        let set = try await s.suggest([Self.refundTime, Self.invoiceLines], to: annReads)
        try await s.open(Self.refundTime, from: set, by: annReads)
        s.at(Self.t0 + 2 * Self.minute)
        // Several opens from one set count once; the window runs from the last.
        try await s.open(Self.invoiceLines, from: set, by: annReads)
        let p = try await s.fold()

        let r = report(p, now: Self.t0 + 32 * Self.minute)
        #expect(r.suggestionsShown == 1)
        #expect(r.suggestionOpens == 2)
        #expect(r.deflections == 1)
        #expect(r.pendingDeflections == 0)
        #expect(r.ticketsAfterSuggestions == 0)
        #expect(r.deflectionRate == 1)
        #expect(r.days.first?.deflections == 1)
    }

    @Test func aTicketTenMinutesAfterTheOpenIsNoDeflection() async throws {
        let s = try await script()
        let set = try await s.suggest([Self.refundTime], to: annReads)
        try await s.open(Self.refundTime, from: set, by: annReads)
        s.at(Self.t0 + 10 * Self.minute)
        try await s.ticket(by: ann)
        let p = try await s.fold()

        // Decided at once: there is nothing left to wait for.
        for now in [Self.t0 + 11 * Self.minute, Self.t0 + Self.day] {
            let r = report(p, now: now)
            #expect(r.deflections == 0)
            #expect(r.pendingDeflections == 0)
            #expect(r.ticketsAfterSuggestions == 1)
            #expect(r.deflectionRate == 0)
        }
    }

    @Test func beforeTheWindowEndsADeflectionIsPending() async throws {
        let s = try await script()
        let set = try await s.suggest([Self.refundTime], to: annReads)
        try await s.open(Self.refundTime, from: set, by: annReads)
        let p = try await s.fold()

        let running = report(p, now: Self.t0 + 29 * Self.minute)
        #expect(running.deflections == 0)
        #expect(running.pendingDeflections == 1)
        #expect(running.deflectionRate == nil)
        let passed = report(p, now: Self.t0 + 30 * Self.minute)
        #expect(passed.deflections == 1)
        #expect(passed.pendingDeflections == 0)
    }

    @Test func theWindowIsAQueryParameterOfAtMost24Hours() async throws {
        let s = try await script()
        let set = try await s.suggest([Self.refundTime], to: annReads)
        try await s.open(Self.refundTime, from: set, by: annReads)
        s.at(Self.t0 + 40 * Self.minute)
        try await s.ticket(by: ann)
        let p = try await s.fold()

        let halfHour = report(p, window: 30 * Self.minute)
        #expect(halfHour.deflections == 1)
        #expect(halfHour.ticketsAfterSuggestions == 0)
        let hour = report(p, window: 60 * Self.minute)
        #expect(hour.deflections == 0)
        #expect(hour.ticketsAfterSuggestions == 1)
        #expect(report(p, window: 7 * Self.day).deflectionWindow == Self.day)
        #expect(report(p, window: 7 * Self.day).ticketsAfterSuggestions == 1)
    }

    @Test func onlyTheSignedInVisitorsOwnLaterTicketsCount() async throws {
        let s = try await script()
        try await s.ticket(by: ann)
        let annSet = try await s.suggest([Self.refundTime], to: annReads)
        let anonymousSet = try await s.suggest([Self.refundTime], to: browser)
        try await s.open(Self.refundTime, from: annSet, by: annReads)
        try await s.open(Self.refundTime, from: anonymousSet, by: browser)
        s.at(Self.t0 + 5 * Self.minute)
        try await s.ticket(by: bob)
        // A ticket a day later is outside any window.
        s.at(Self.t0 + Self.day + Self.minute)
        try await s.ticket(by: ann)
        let p = try await s.fold()

        let r = report(p, days: 2, window: Self.day)
        #expect(r.suggestionsShown == 2)
        #expect(r.suggestionOpens == 2)
        #expect(r.deflections == 1)
        #expect(r.ticketsAfterSuggestions == 0)
    }

    // MARK: Popular

    @Test func popularCountsTheLast7Or30Days() async throws {
        let s = try await script()
        for _ in 1...3 { try await s.view(Self.invoiceLines) }
        s.at(Self.t0 + 5 * Self.day)
        for _ in 1...2 { try await s.view(Self.refundTime) }
        s.at(Self.t0 + 10 * Self.day)
        try await s.view(Self.resetPassword)
        let p = try await s.fold()
        let now = Self.t0 + 10 * Self.day + Self.minute

        let week = p.popular(window: 7 * Self.day, now: now, limit: 10) { _ in true }
        #expect(week.items.map(\.key) == [Self.refundTime, Self.resetPassword])
        #expect(week.items.map(\.views) == [2, 1])
        #expect(week.tags.map(\.tag) == ["billing", "refunds", "passwords"])
        #expect(week.tags.map(\.views) == [2, 2, 1])

        let month = p.popular(window: 30 * Self.day, now: now, limit: 10) { _ in true }
        #expect(month.items.map(\.key) == [Self.invoiceLines, Self.refundTime, Self.resetPassword])
        #expect(month.items.map(\.views) == [3, 2, 1])
        #expect(month.tags.first?.tag == "billing")
        #expect(month.tags.first?.views == 5)
        #expect(p.popular(window: 30 * Self.day, now: now, limit: 1) { _ in true }.items.map(\.key) == [Self.invoiceLines])
    }

    @Test func itemsTheCallerCannotShowAreNeverReturned() async throws {
        let s = try await script()
        for _ in 1...5 { try await s.view(Self.agentsOnly, by: annReads) }
        try await s.view(Self.resetPassword, by: annReads)
        try await s.view(Self.refundTime, by: annReads)
        let p = try await s.fold()
        let visible = { (key: String) in key != Self.agentsOnly }

        let popular = p.popular(window: 7 * Self.day, now: Self.t0, limit: 10, visible: visible)
        #expect(!popular.items.map(\.key).contains(Self.agentsOnly))
        #expect(popular.items.count == 2)
        // Nor do they lend their views to tags.
        #expect(!popular.tags.map(\.tag).contains("internal"))
        #expect(popular.tags.first { $0.tag == "passwords" }?.views == 1)
        #expect(!p.alsoViewed(Self.resetPassword, limit: 10, visible: visible).map(\.key).contains(Self.agentsOnly))
        #expect(p.alsoViewed(Self.resetPassword, limit: 10) { _ in false }.isEmpty)
    }

    // MARK: Co-views

    @Test func readersOfThisAlsoRead() async throws {
        let s = try await script()
        for key in [Self.invoiceLines, Self.refundTime, Self.resetPassword] { try await s.view(key, by: annReads) }
        for key in [Self.invoiceLines, Self.refundTime, Self.invoiceLines, Self.refundTime] { try await s.view(key, by: bobReads) }
        for key in [Self.refundTime, Self.invoiceLines, Self.invoiceLines] { try await s.view(key, by: browser) }
        // Anonymous views without a device id tie nothing together.
        for key in [Self.invoiceLines, Self.agentsOnly] { try await s.view(key) }
        let p = try await s.fold()

        let also = p.alsoViewed(Self.invoiceLines, limit: 10) { _ in true }
        #expect(also.map(\.key) == [Self.refundTime, Self.resetPassword])
        #expect(also.map(\.score) == [3, 1])
        #expect(p.alsoViewed(Self.resetPassword, limit: 10) { _ in true }.map(\.score) == [1, 1])
        #expect(p.alsoViewed(Self.refundTime, limit: 1) { _ in true }.map(\.key) == [Self.invoiceLines])
        #expect(p.alsoViewed(Self.agentsOnly, limit: 10) { _ in true }.isEmpty)
        #expect(p.alsoViewed("article:unknown", limit: 10) { _ in true }.isEmpty)
    }

    @Test func aVisitorsHistoryKeepsTheLast50DistinctItems() async throws {
        let s = try await script()
        try await s.view(Self.invoiceLines, by: annReads)
        for n in 1...50 { try await s.view("article:filler-\(n)", by: annReads) }
        try await s.view(Self.refundTime, by: annReads)
        let p = try await s.fold()
        // invoice-lines had left Ann's history when she read refund-time.
        #expect(p.alsoViewed(Self.refundTime, limit: 100) { _ in true }.count == 50)
        #expect(!p.alsoViewed(Self.refundTime, limit: 100) { _ in true }.map(\.key).contains(Self.invoiceLines))
        #expect(p.alsoViewed(Self.invoiceLines, limit: 100) { _ in true }.count == 50)
    }

    // MARK: Categories

    @Test func aCategoryTakesItsSubtreeForItemFiguresOnly() async throws {
        let s = try await script()
        try await s.search("refund", results: 2)
        try await s.view(Self.invoiceLines)
        try await s.view(Self.refundTime)
        try await s.view(Self.resetPassword)
        try await s.vote(Self.invoiceLines, by: annReads, helpful: true)
        try await s.vote(Self.resetPassword, by: annReads, helpful: false)
        let set = try await s.suggest([Self.invoiceLines, Self.resetPassword], to: annReads)
        try await s.open(Self.invoiceLines, from: set, by: annReads)
        let p = try await s.fold()

        let billing = report(p, category: "billing")
        #expect(billing.views == 3)
        #expect(billing.votes == 1)
        #expect(billing.helpfulPercent == 100)
        #expect(billing.suggestionOpens == 1)
        #expect(billing.deflections == 1)
        #expect(billing.searches == 1)
        #expect(billing.suggestionsShown == 1)

        let invoices = report(p, category: "invoices")
        #expect(invoices.views == 2)
        #expect(invoices.deflections == 1)

        let account = report(p, category: "account")
        #expect(account.views == 1)
        #expect(account.votes == 1)
        #expect(account.helpfulPercent == 0)
        #expect(account.suggestionOpens == 0)
        #expect(account.deflections == 0)
        #expect(account.searches == 1)

        #expect(report(p).views == 4)
        #expect(report(p, category: "nowhere").views == 0)
    }

    @Test func movedCategoriesAndRevisedItemsCountWhereTheyAreNow() async throws {
        let s = try await script()
        try await s.view(Self.invoiceLines)
        try await s.view(Self.refundTime)
        try await s.moveCategory("invoices", under: "account")
        try await s.revise(Self.refundTime, revision: 2, into: "account")
        let p = try await s.fold()
        #expect(report(p, category: "billing").views == 0)
        #expect(report(p, category: "account").views == 2)
        #expect(report(p, category: "invoices").views == 1)
    }

    // MARK: Keeping state

    @Test func aSnapshotRestoresEveryFigure() async throws {
        let s = try await script()
        let found = try await s.search("refund", results: 2)
        try await s.search("dark mode", results: 0)
        try await s.view(Self.refundTime, by: annReads, origin: .search, search: found)
        try await s.view(Self.invoiceLines, by: annReads)
        try await s.vote(Self.refundTime, by: annReads, helpful: false, reason: .unclear)
        try await s.vote(Self.refundTime, by: browser, helpful: true)
        let set = try await s.suggest([Self.refundTime], to: bobReads)
        try await s.open(Self.refundTime, from: set, by: bobReads)
        let p = try await s.fold()

        let restored = SelfServiceAnalyticsProjection()
        try restored.restore(from: try p.snapshot())
        for now in [Self.t0 + Self.minute, Self.t0 + Self.day] {
            #expect(report(restored, category: "billing", now: now) == report(p, category: "billing", now: now))
        }
        #expect(report(restored).clickedSearches == 1)
        #expect(report(restored).contentGaps == [.init(query: "dark mode", count: 1)])
        let popular = restored.popular(window: 7 * Self.day, now: Self.t0, limit: 5) { _ in true }
        #expect(popular.items.map(\.key) == p.popular(window: 7 * Self.day, now: Self.t0, limit: 5) { _ in true }.items.map(\.key))
        #expect(restored.alsoViewed(Self.refundTime, limit: 5) { _ in true }.map(\.key) == [Self.invoiceLines])
        #expect(restored.lowRated(minimumVotes: 1, limit: 5).first?.reasons == [.unclear: 1])

        // A pending set still waits for the ticket after a restore: the snapshot keeps what it needs.
        #expect(report(restored, now: Self.t0 + Self.minute).pendingDeflections == 1)

        restored.reset()
        #expect(report(restored).views == 0)
        #expect(restored.lowRated(minimumVotes: 1, limit: 5).isEmpty)
        #expect(throws: (any Error).self) { try restored.restore(from: try SnapshotCodec.encode([1, 2, 3], version: 99)) }
    }

    @Test func aRestoredProjectionGoesOnWhereItsSnapshotStopped() async throws {
        let s = try await script()
        let set = try await s.suggest([Self.refundTime], to: annReads)
        try await s.open(Self.refundTime, from: set, by: annReads)
        try await s.view(Self.invoiceLines, by: annReads)
        let found = try await s.search("password", results: 1)
        let half = try await s.fold()
        let mark = s.position
        s.at(Self.t0 + 10 * Self.minute)
        try await s.view(Self.resetPassword, by: annReads, origin: .search, search: found)
        try await s.ticket(by: ann)
        let whole = try await s.fold()

        let resumed = SelfServiceAnalyticsProjection()
        try resumed.restore(from: try half.snapshot())
        for record in try s.records(after: mark) where resumed.eventTypes?.contains(record.type) ?? true { try resumed.apply(record) }
        // The open search, the set waiting for a ticket and Ann's reading history all survived the snapshot.
        #expect(report(resumed) == report(whole))
        #expect(report(resumed).clickedSearches == 1)
        #expect(report(resumed).ticketsAfterSuggestions == 1)
        let also = resumed.alsoViewed(Self.resetPassword, limit: 5) { _ in true }
        #expect(also.map(\.key) == [Self.invoiceLines, Self.refundTime])
        #expect(also.map(\.score) == whole.alsoViewed(Self.resetPassword, limit: 5) { _ in true }.map(\.score))
    }

    @Test func dayCountsAreKeptFor400Days() async throws {
        let s = try await script()
        try await s.view(Self.invoiceLines)
        s.at(Self.t0 + 399 * Self.day)
        try await s.view(Self.refundTime)
        let p = try await s.fold()
        #expect(p.report(from: Self.day0, to: Self.day0 + 500 * Self.day, category: nil, now: Self.t0).views == 2)

        s.at(Self.t0 + 400 * Self.day)
        try await s.view(Self.refundTime)
        let later = try await s.fold()
        #expect(later.report(from: Self.day0, to: Self.day0 + 500 * Self.day, category: nil, now: Self.t0).views == 2)
        #expect(later.popular(window: 30 * Self.day, now: s.now, limit: 5) { _ in true }.items.map(\.key) == [Self.refundTime])
    }
}
