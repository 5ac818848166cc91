import Domain
import EventStore
import Foundation
import Synchronization

/// How readers use the knowledge base: views, searches and their content gaps, click-through, votes,
/// ticket-form suggestions and the tickets they avoided, popular items and "readers of this also read".
/// Every query takes its time as a parameter; folding takes it from the events (`recordedAt`).
///
/// ## What is kept
/// Counts per UTC day (views and suggestion opens per item, searches, zero-result searches and their
/// queries, clicked searches, suggestion sets shown) for the last ``dayLimit`` days; each voter's
/// current vote per item; each signed-in suggestion set that was opened (for deflection), for as long as
/// the day counts; the last ``historyLength`` distinct items per visitor (at most ``visitorLimit``
/// visitors, forgotten after ``visitorIdleDays`` idle days) and the ``partnerLimit`` strongest co-viewed
/// partners per item. Items are known by their key (`article:<slug>`, `faq:<slug>`) with the category and
/// tags of their latest revision; categories by their parent, so a report can take a whole subtree.
///
/// ## Deflection
/// A suggestion set counts as one deflection when a signed-in visitor (``KnowledgeVisitor/account``)
/// opened at least one of its items from the new-ticket form (``KnowledgeItemViewed`` with origin
/// ``KnowledgeOrigin/ticketForm`` and a `suggestionID`) and opened no ticket (``TicketOpened`` with that
/// account as `requester`) from the set's first open until the deflection window has passed after its
/// last open. Several opens from one set count once. While the window is still running and no ticket was
/// opened, the set is *pending*: it is decided only once `now` ≥ last open + window. A ticket within the
/// window decides the set at once (followed by a ticket, not deflected). Anonymous opens never count:
/// without an account a later ticket could not be tied to them.
///
/// The window is a query parameter of at most ``maximumDeflectionWindow`` (24 h). Rather than every open
/// and every ticket time per account, each opened set keeps one optional date: the first ticket its
/// account opened after the set's first open, recorded while the set is at most 24 h past its last open.
/// Whatever window is asked for, the set was followed by a ticket exactly when that ticket came no later
/// than the last open plus the window. Accounts are held only while one of their sets may still meet a
/// ticket (``State/awaiting``, at most a day). Measured on a busy synthetic year (150 opened sets a day
/// for 400 days, 300 tickets a day): the 60,000 sets take 6.9 MB of snapshot JSON (about 115 bytes each),
/// where keeping every ticket and every open time per account as well would add 7.1 MB and 4.6 MB. The whole
/// snapshot of that year, with 100,000 visitors' histories, 50,000 votes and 300,000 co-view pairs, was
/// 23 MB, encoded or decoded in about 2 s (debug build).
///
/// ## Personal data
/// None is needed (``needsPersonalData`` is false): vote comments stay sealed in their streams and never
/// reach this projection. Voters, visitors and set openers are kept as 64-bit FNV-1a hashes of their
/// account or (already hashed) device id — a pseudonym, not anonymity: whoever holds an account id can
/// compute its hash. Queries are scrubbed again (``KnowledgeSearched/scrub(_:)``).
public final class SelfServiceAnalyticsProjection: Projection {
    /// What the projection knows of an article or FAQ entry.
    struct Item: Codable, Equatable {
        var key: String
        /// The category of the latest revision; nil for an item seen only in activity events.
        var category: String?
        var tags: [String]
    }

    /// Counts of one UTC day. Items are referred to by their index in ``State/items``.
    struct Day: Codable, Equatable {
        var views: [Int: Int] = [:]
        var suggestionOpens: [Int: Int] = [:]
        var searches = 0
        var zeroResultSearches = 0
        /// Searches of this day (with results) that a view came from.
        var clickedSearches = 0
        var suggestionsShown = 0
        /// Zero-result queries and how often they were searched (space-saving: at most ``gapsPerDay``).
        var gaps: [String: Int] = [:]
    }

    /// A voter's current vote on an item.
    struct Vote: Codable, Equatable {
        var helpful: Bool
        var reason: UnhelpfulReason?
        /// The day of the latest cast, which the vote belongs to.
        var day: Int
    }

    /// A ticket-form suggestion set that a signed-in visitor opened.
    struct OpenedSet: Codable, Equatable {
        /// The hash of the account that opened it (the account itself is kept only in ``State/awaiting``, for at most a day).
        var opener: UInt64
        var firstOpen: Date
        var lastOpen: Date
        /// The items opened from it.
        var items: [Int]
        /// The first ticket the account opened after `firstOpen`, while within 24 h of the last open.
        var ticketAt: Date?

        init(opener: UInt64, firstOpen: Date, lastOpen: Date, items: [Int], ticketAt: Date?) {
            self.opener = opener
            self.firstOpen = firstOpen
            self.lastOpen = lastOpen
            self.items = items
            self.ticketAt = ticketAt
        }

        // Stored as `[opener, firstOpen, lastOpen, ticketAt or null, items]`: sets are the most numerous records.
        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            opener = try c.decode(UInt64.self)
            firstOpen = try c.decode(Date.self)
            lastOpen = try c.decode(Date.self)
            ticketAt = try c.decodeIfPresent(Date.self)
            items = try c.decode([Int].self)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(opener)
            try c.encode(firstOpen)
            try c.encode(lastOpen)
            if let ticketAt { try c.encode(ticketAt) } else { try c.encodeNil() }
            try c.encode(items)
        }
    }

    /// A visitor's latest distinct items, oldest first, and the day they were last seen.
    struct History: Codable, Equatable {
        var items: [Int]
        var day: Int
    }

    struct State: Codable, Equatable {
        var items: [Item] = []
        /// Index into `items` by key; rebuilt on restore, never stored.
        var index: [String: Int] = [:]
        /// Each category's parent (nil at the top).
        var parents: [String: String?] = [:]
        var days: [Int: Day] = [:]
        /// Searches with results from the last ``clickWindow``, by id, with their time: the first view from one counts it as clicked.
        var openSearches: [UUID: Date] = [:]
        /// Current votes per item index, by the voter's hash.
        var votes: [Int: [UInt64: Vote]] = [:]
        var sets: [UUID: OpenedSet] = [:]
        /// Sets per account that a ticket may still decide.
        var awaiting: [AccountID: [UUID]] = [:]
        var histories: [UInt64: History] = [:]
        /// How many visitors viewed both items, for each pair both ways.
        var coViews: [Int: [Int: Int]] = [:]
        /// The day of the latest event applied.
        var today: Int?

        enum CodingKeys: String, CodingKey {
            case items, parents, days, openSearches, votes, sets, awaiting, histories, coViews, today
        }
    }

    public let name = "self-service-analytics"
    public let version = 1
    public let eventTypes: Set<String>? = [
        KnowledgeItemCreated.eventType, KnowledgeItemRevised.eventType, KnowledgeCategoryCreated.eventType, KnowledgeCategoryChanged.eventType,
        KnowledgeSearched.eventType, KnowledgeItemViewed.eventType, KnowledgeSuggestionsShown.eventType, KnowledgeVoteCast.eventType,
        TicketOpened.eventType,
    ]

    /// Days of counts kept (older days are dropped as new ones begin).
    public static let dayLimit = 400
    /// The longest deflection window a report can ask for; longer ones are taken as this.
    public static let maximumDeflectionWindow: TimeInterval = 24 * 3600
    /// How long after a search a view from it still counts as a click.
    public static let clickWindow: TimeInterval = 24 * 3600
    /// Distinct items remembered per visitor for co-views.
    public static let historyLength = 50
    /// Co-viewed partners kept per item (between this and twice as many).
    public static let partnerLimit = 100
    /// Visitors not seen for this many days are forgotten for co-views.
    public static let visitorIdleDays = 30
    /// At most this many visitors are remembered; the longest idle go first.
    public static let visitorLimit = 100_000
    /// Distinct zero-result queries counted per day; beyond it the rarest is replaced (space-saving).
    static let gapsPerDay = 200

    let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        let at = event.recordedAt
        let domain = try event.domainEvent()
        state.withLock { s in
            s.advance(to: at)
            switch domain {
            case let e as KnowledgeItemCreated: s.describe(e.kind.key(e.slug), e.content)
            case let e as KnowledgeItemRevised: s.describe(e.kind.key(e.slug), e.content)
            case let e as KnowledgeCategoryCreated: s.parents[e.slug] = .some(e.parent)
            case let e as KnowledgeCategoryChanged: s.parents[e.slug] = .some(e.parent)
            case let e as KnowledgeSearched: s.searched(e, at: at)
            case let e as KnowledgeItemViewed: s.viewed(e, at: at)
            case let e as KnowledgeSuggestionsShown:
                if e.origin == .ticketForm, !e.itemKeys.isEmpty { s.days[Self.day(at), default: Day()].suggestionsShown += 1 }
            case let e as KnowledgeVoteCast:
                guard KnowledgeKind.parse(key: e.itemKey) != nil else { return }
                let item = s.item(e.itemKey)
                s.votes[item, default: [:]][Self.hash(e.voter)] = Vote(helpful: e.helpful, reason: e.helpful ? nil : e.reason, day: Self.day(at))
            case let e as TicketOpened: s.ticketOpened(by: e.requester, at: at)
            default: break
            }
        }
    }

    public func reset() { state.withLock { $0 = State() } }

    /// Days since 1970-01-01 (UTC).
    static func day(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86400).rounded(.down)) }

    /// A stable 64-bit FNV-1a hash of the visitor (stable across processes, so it can be stored).
    static func hash(_ visitor: KnowledgeVisitor) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in visitor.description.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}
