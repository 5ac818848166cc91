import Foundation

/// Everything impure a decision may need — the current time and fresh ids — handed in by the caller,
/// so every decision is a pure function and every test is deterministic.
public struct DecisionContext: Sendable {
    public var now: Date
    public var newID: @Sendable () -> UUID

    public init(now: Date, newID: @escaping @Sendable () -> UUID) {
        self.now = now
        self.newID = newID
    }
}
