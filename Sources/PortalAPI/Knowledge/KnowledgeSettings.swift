import Foundation

/// How the knowledge base behaves (configuration; `portalctl serve` options).
public struct KnowledgeSettings: Sendable, Equatable {
    /// A customer who opened a ticket-form suggestion and opened no ticket within this long counts as deflected.
    public var deflectionWindow: TimeInterval
    /// A second view of the same item by the same visitor within this long is not counted again.
    public var repeatViewWindow: TimeInterval
    /// Votes (and vote changes) one visitor may cast.
    public var votesPerVisitor: RateLimit
    /// Import the demo knowledge base into an empty portal at start (`make serve`).
    public var demoContent: Bool

    public init(deflectionWindow: TimeInterval = 1800, repeatViewWindow: TimeInterval = 1800,
                votesPerVisitor: RateLimit = RateLimit(capacity: 30, per: .seconds(3600)), demoContent: Bool = false) {
        self.deflectionWindow = deflectionWindow
        self.repeatViewWindow = repeatViewWindow
        self.votesPerVisitor = votesPerVisitor
        self.demoContent = demoContent
    }
}
