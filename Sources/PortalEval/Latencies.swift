import Foundation

/// Times of single operations, wall-clock and on-CPU, summarised as percentiles in milliseconds.
///
/// Both, because the machine is shared: a wall-clock p99 includes the times another process held the core
/// (a scheduler slice is a few milliseconds), while the thread's CPU time is what the operation itself cost.
struct Latencies {
    private(set) var samples: [Double] = []
    private(set) var cpuSamples: [Double] = []

    mutating func record(_ body: () -> Void) {
        let cpu = Self.threadCPUSeconds()
        let start = ContinuousClock.now
        body()
        samples.append(seconds(since: start))
        cpuSamples.append(Self.threadCPUSeconds() - cpu)
    }

    /// The `p`-th percentile (nearest rank), in milliseconds.
    static func percentile(_ p: Double, of values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)] * 1000
    }

    func percentile(_ p: Double) -> Double { Self.percentile(p, of: samples) }

    var meanMilliseconds: Double { samples.isEmpty ? .nan : samples.reduce(0, +) / Double(samples.count) * 1000 }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

extension EvalLine {
    /// `p50_ms`, `p99_ms`, `mean_ms` (wall clock) and `cpu_p50_ms`, `cpu_p99_ms` of `latencies`, with `prefix`
    /// before each name.
    mutating func add(_ latencies: Latencies, prefix: String = "") {
        add(prefix + "p50_ms", .number(latencies.percentile(50), decimals: 3))
        add(prefix + "p99_ms", .number(latencies.percentile(99), decimals: 3))
        add(prefix + "mean_ms", .number(latencies.meanMilliseconds, decimals: 3))
        add(prefix + "cpu_p50_ms", .number(Latencies.percentile(50, of: latencies.cpuSamples), decimals: 3))
        add(prefix + "cpu_p99_ms", .number(Latencies.percentile(99, of: latencies.cpuSamples), decimals: 3))
    }
}
