import Foundation

/// The chat's knobs (`portalctl serve` flags and the environment set them).
public struct ChatSettings: Sendable, Equatable {
    /// A conversation nobody touched for this long is closed.
    public var idleTimeout: TimeInterval = 30 * 60
    /// How often the idle sweep runs.
    public var sweepInterval: Duration = .seconds(60)
    /// Messages per conversation participant.
    public var messagesPerParticipant = RateLimit(capacity: 30, per: .seconds(60))
    /// New conversations per client address (anonymous visitors) or account.
    public var startsPerClient = RateLimit(capacity: 20, per: .seconds(3600))
    /// An agent counts as online for this long after their last sign of life on the desk.
    public var agentPresence: TimeInterval = 120
    /// A knowledge-base answer needs at least this similarity (cosine of the nearest passage; a squashed word
    /// score without a model) to be offered.
    public var knowledgeMinimumScore = 0.45

    public init() {}
}
