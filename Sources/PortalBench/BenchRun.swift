/// Runs the selected groups in order and prints their figures.
struct BenchRun: Sendable {
    let options: BenchOptions
    let scratch: ScratchSpace

    func run() async throws {
        let counts = options.counts
        note("scratch folder \(scratch.root)\(options.quick ? " (quick run)" : "")")
        var baseline: MetricLine?

        if options.groups.contains(.lmdb) {
            let figures = try LMDBBaseline(scratch: scratch, counts: counts).run()
            figures.single.emit()
            figures.batched.emit()
            baseline = figures.single
        }

        if options.groups.contains(.append) {
            if baseline == nil { note("append: no lmdb baseline in this run (add 'lmdb' to --only), so no ratios") }
            let bench = AppendBenchmark(scratch: scratch)
            for phase in counts.append {
                let f = try await bench.run(writers: phase.writers, events: phase.events)
                note("append: \(f.writers) writers, \(f.events) events in \(format(f.seconds)) s")
                let rate = f.eventsPerSecond
                MetricLine("append.w\(f.writers)", rate, unit: "events/s",
                           baseline: baseline?.metric, ratio: baseline.map { rate / $0.value }).emit()
                let p = f.latencies.percentilesMilliseconds([50, 99])
                MetricLine("append.p50_ms.w\(f.writers)", p[0], unit: "ms").emit()
                MetricLine("append.p99_ms.w\(f.writers)", p[1], unit: "ms").emit()
            }
        }

        if options.groups.contains(.replay) {
            let f = try await ReplayBenchmark(scratch: scratch, events: counts.replayEvents, accounts: counts.replayAccounts).run()
            MetricLine("replay.setup_events_per_s", Double(f.events) / f.setupSeconds, unit: "events/s").emit()
            MetricLine("replay.events_per_s", Double(f.events) / f.replaySeconds, unit: "events/s").emit()
            MetricLine("replay.events_per_s.without_checkpoints", Double(f.events) / f.replaySecondsWithoutCheckpoints, unit: "events/s").emit()
        }

        if options.groups.contains(.auth) {
            let f = try await AuthLoadBenchmark(scratch: scratch, durations: options.authDurations).run()
            for line in f.metricLines { line.emit() }
        }

        if options.groups.contains(.tickets) {
            try await TicketBenchmark(scratch: scratch, sizes: options.ticketSizes).run()
        }

        if options.groups.contains(.semantic) {
            try await SemanticBenchmark(sizes: options.semanticSizes).run()
        }

        if options.groups.contains(.kb) {
            try await KnowledgeBenchmark(scratch: scratch, articles: options.quick ? 1_000 : 10_000, queries: options.quick ? 200 : 1_000,
                                    cache: options.kbCache).run()
        }

        if options.groups.contains(.chat) {
            try await ChatBenchmark(scratch: scratch, sizes: options.chatSizes).run()
        }
    }
}
