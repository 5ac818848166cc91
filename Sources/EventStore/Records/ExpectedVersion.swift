/// What an append expects of a stream's current version (optimistic concurrency).
public enum ExpectedVersion: Sendable, Equatable, CustomStringConvertible {
    /// No check.
    case any
    /// The stream must not exist yet (used for uniqueness reservations).
    case noStream
    /// The stream must exist, at any version.
    case exists
    /// The stream must be exactly at this version (its last event's version).
    case exact(UInt64)

    /// Whether a stream at `actual` (nil: absent) satisfies the expectation.
    func isSatisfied(by actual: UInt64?) -> Bool {
        switch self {
        case .any: return true
        case .noStream: return actual == nil
        case .exists: return actual != nil
        case .exact(let v): return actual == v
        }
    }

    public var description: String {
        switch self {
        case .any: return "at any version"
        case .noStream: return "absent"
        case .exists: return "present"
        case .exact(let v): return "at version \(v)"
        }
    }
}
