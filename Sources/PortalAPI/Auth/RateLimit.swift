import Foundation

/// A token bucket's shape: `capacity` requests at once, refilled evenly over `per`.
public struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    public var capacity: Int
    public var per: Duration

    public init(capacity: Int, per: Duration) {
        self.capacity = capacity
        self.per = per
    }

    /// Parses `30/min`, `5/s`, `1000/h` (as used by flags and the environment).
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let n = Int(parts[0]), n > 0 else { return nil }
        switch parts[1].lowercased() {
        case "s", "sec", "second": per = .seconds(1)
        case "m", "min", "minute": per = .seconds(60)
        case "h", "hour": per = .seconds(3600)
        default: return nil
        }
        capacity = n
    }

    var refillPerSecond: Double { Double(capacity) / (Double(per.components.seconds) + Double(per.components.attoseconds) / 1e18) }

    public var description: String {
        let seconds = per.components.seconds
        return "\(capacity)/" + (seconds == 1 ? "s" : seconds == 60 ? "min" : seconds == 3600 ? "h" : "\(seconds)s")
    }
}
