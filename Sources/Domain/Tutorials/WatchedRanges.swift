import Foundation

/// Stretches of a video played, merged: overlapping or touching stretches (gaps up to ``tolerance`` seconds, the
/// player's reporting granularity) become one.
public enum WatchedRanges {
    public static let tolerance = 0.5

    public static func merge(_ ranges: [WatchedRange]) -> [WatchedRange] {
        let sorted = ranges.filter { $0.end > $0.start }.sorted { $0.start < $1.start }
        var merged: [WatchedRange] = []
        for r in sorted {
            if let last = merged.last, r.start <= last.end + tolerance {
                merged[merged.count - 1].end = max(last.end, r.end)
            } else {
                merged.append(r)
            }
        }
        return merged
    }

    public static func total(_ ranges: [WatchedRange]) -> Double {
        merge(ranges).reduce(0) { $0 + ($1.end - $1.start) }
    }
}
