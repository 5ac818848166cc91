/// The baseline figures: raw LMDB on this disk, no event store on top.
///
/// `lmdb.put_per_sync` is the ceiling of an event store that commits every event on its own; every
/// append figure is read as a ratio against it. `lmdb.batched_1000` shows what one sync can carry.
struct LMDBBaseline {
    let scratch: ScratchSpace
    let counts: BenchCounts
    /// A phase stops early after this long, so a slow disk cannot stall the run.
    var timeLimitSeconds = 10.0

    /// A record of about the size of a portal event.
    private static let value: [UInt8] = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }

    func run() throws -> (single: MetricLine, batched: MetricLine) {
        let single = try measure(name: "put-per-sync", total: counts.lmdbSingle, perTransaction: 1)
        note("lmdb: \(single.events) single-put transactions in \(format(single.seconds)) s")
        let batched = try measure(name: "batched", total: counts.lmdbBatched, perTransaction: 1_000)
        note("lmdb: \(batched.events) puts in transactions of 1,000 in \(format(batched.seconds)) s")
        let singleRate = Double(single.events) / single.seconds
        let batchedRate = Double(batched.events) / batched.seconds
        return (
            MetricLine("lmdb.put_per_sync", singleRate, unit: "events/s"),
            MetricLine("lmdb.batched_1000", batchedRate, unit: "events/s", baseline: "lmdb.put_per_sync", ratio: batchedRate / singleRate)
        )
    }

    private func measure(name: String, total: Int, perTransaction: Int) throws -> (events: Int, seconds: Double) {
        let path = scratch.path("lmdb-\(name)")
        defer { scratch.remove(path) }
        let bytesNeeded = max(total, perTransaction) * 600 + (64 << 20)
        let env = try BaselineEnvironment(path: path, mapSize: bytesNeeded)
        var key: UInt64 = 1
        let clock = Stopwatch()
        while key <= UInt64(total) {
            let n = min(perTransaction, total - Int(key) + 1)
            try env.put(firstKey: key, count: n, value: Self.value)
            key += UInt64(n)
            if clock.elapsedSeconds > timeLimitSeconds { break }
        }
        return (Int(key - 1), clock.elapsedSeconds)
    }
}

func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
