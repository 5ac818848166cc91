/// Durations of individual calls, in nanoseconds; one recorder per writer task, merged at the end.
struct LatencyRecorder: Sendable {
    private(set) var samples: [UInt64] = []

    init(capacity: Int = 0) { samples.reserveCapacity(capacity) }

    mutating func record(since start: UInt64) { samples.append(Stopwatch.now() - start) }

    mutating func merge(_ other: LatencyRecorder) { samples += other.samples }

    var count: Int { samples.count }

    /// Percentiles (0…100) in milliseconds, nearest-rank, from one sort of the samples.
    func percentilesMilliseconds(_ ps: [Double]) -> [Double] {
        guard !samples.isEmpty else { return ps.map { _ in .nan } }
        let sorted = samples.sorted()
        return ps.map { p in
            let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
            let index = min(max(rank, 1), sorted.count) - 1
            return Double(sorted[index]) / 1e6
        }
    }
}
