/// How far a projection has got.
public struct ProjectionStatus: Sendable, Equatable, Codable {
    public var name: String
    /// Last log position applied.
    public var position: UInt64
    /// Last position of the log when the status was taken.
    public var logPosition: UInt64
    /// Set when the projection stopped on an event it could not apply.
    public var failure: String?

    public var lag: UInt64 { logPosition > position ? logPosition - position : 0 }
    public var isCaughtUp: Bool { failure == nil && lag == 0 }
}
