import Foundation

/// Self-service figures for a period, from ``SelfServiceAnalyticsProjection/report(from:to:category:deflectionWindow:now:)``.
///
/// The period is made of whole UTC days: every day that overlaps [`from`, `to`). Rates are fractions
/// (0…1) and nil when there is nothing to divide by; `helpfulPercent` is a percentage.
public struct SelfServiceReport: Codable, Sendable, Equatable {
    /// A query that found nothing: what readers look for and the knowledge base lacks.
    public struct ContentGap: Codable, Sendable, Equatable {
        public var query: String
        public var count: Int
        public init(query: String, count: Int) {
            self.query = query
            self.count = count
        }
    }

    /// The figures of one UTC day.
    public struct Day: Codable, Sendable, Equatable {
        /// `yyyy-MM-dd`
        public var day: String
        public var views = 0
        public var searches = 0
        public var zeroResultSearches = 0
        public var clickedSearches = 0
        public var helpfulVotes = 0
        public var unhelpfulVotes = 0
        public var suggestionsShown = 0
        public var suggestionOpens = 0
        /// Decided deflections of suggestion sets first opened that day.
        public var deflections = 0

        var isEmpty: Bool {
            views == 0 && searches == 0 && helpfulVotes == 0 && unhelpfulVotes == 0 && suggestionsShown == 0 && suggestionOpens == 0 && deflections == 0
        }
    }

    public var from: Date
    public var to: Date
    /// The category the item-based figures are restricted to, subcategories included.
    public var category: String?
    /// The deflection window applied (the one asked for, at most 24 h).
    public var deflectionWindow: TimeInterval

    /// Articles and FAQ entries opened, from anywhere.
    public var views = 0
    /// Searches from every origin; never restricted to a category.
    public var searches = 0
    public var zeroResultSearches = 0
    public var zeroResultRate: Double?
    /// The most frequent zero-result queries (at most 20), most frequent first.
    public var contentGaps: [ContentGap] = []
    public var searchesWithResults = 0
    /// Searches with results that a view came from (each counted once).
    public var clickedSearches = 0
    /// `clickedSearches / searchesWithResults`.
    public var clickThroughRate: Double?
    /// Current votes cast in the period: a changed vote counts once, with its latest value, at the time of its latest cast.
    public var votes = 0
    public var helpfulVotes = 0
    public var helpfulPercent: Double?
    /// Suggestion sets the new-ticket form showed (not restricted to a category: one set spans several).
    public var suggestionsShown = 0
    /// Items opened from those suggestions, by anyone.
    public var suggestionOpens = 0
    /// Opened suggestion sets without a ticket within the window (see ``SelfServiceAnalyticsProjection``).
    public var deflections = 0
    /// Opened suggestion sets whose window is still running, with no ticket yet.
    public var pendingDeflections = 0
    /// Opened suggestion sets followed by a ticket within the window.
    public var ticketsAfterSuggestions = 0
    /// `deflections / (deflections + ticketsAfterSuggestions)`: of the decided sets, the share that needed no ticket.
    public var deflectionRate: Double?
    /// Days with any activity, in order.
    public var days: [Day] = []
}
