/// A document found, with its score (higher is better; comparable only within one result list).
public struct KnowledgeHit: Sendable, Equatable {
    public var key: String
    public var score: Double

    public init(key: String, score: Double) {
        self.key = key
        self.score = score
    }
}

/// One page of a search.
public struct KnowledgeResults: Sendable, Equatable {
    /// The page, best first (ties by key).
    public var hits: [KnowledgeHit]
    /// How many documents match in all (for paging).
    public var total: Int
    /// The query with its misspelt words corrected, when any word was; what the results are for.
    public var didYouMean: String?
    /// Each corrected word (lower case, as typed) and the indexed word searched instead.
    public var corrections: [String: String]

    public init(hits: [KnowledgeHit] = [], total: Int = 0, didYouMean: String? = nil, corrections: [String: String] = [:]) {
        self.hits = hits
        self.total = total
        self.didYouMean = didYouMean
        self.corrections = corrections
    }
}
