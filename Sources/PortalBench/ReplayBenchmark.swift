import Domain
import EventStore
import Foundation
import Projections

/// Rebuilds the identity read models from a log of real portal events.
///
/// Setup loads the log as fast as the store takes it: appends of about 1,000 events across many
/// streams, several in flight. The figure is the time a fresh ``ProjectionRunner`` with
/// ``AccountsProjection`` and ``SecurityLogProjection`` needs from position 0 until both have applied
/// the last position — what `portalctl rebuild` costs, with the runner's default checkpoints.
///
/// A second replay over the same log, with checkpoints put off until the end, splits the time
/// between reading and applying events and writing snapshots.
struct ReplayBenchmark {
    struct Figures {
        var events: Int
        var setupSeconds: Double
        var replaySeconds: Double
        var replaySecondsWithoutCheckpoints: Double
    }

    let scratch: ScratchSpace
    let events: Int
    let accounts: Int
    var eventsPerAppend = 1_000
    var appendsInFlight = 8
    /// A replay that takes longer than this is reported as a failure rather than waited for.
    var timeLimit: Duration = .seconds(1800)

    func run() async throws -> Figures {
        let path = scratch.path("replay")
        defer { scratch.remove(path) }
        let store = try EventStore(.init(folder: DataFolder(path: path), create: true, initialMapSize: 1 << 30))
        defer { store.close() }

        let setup = Stopwatch()
        try await load(into: store)
        let setupSeconds = setup.elapsedSeconds
        note("replay: loaded \(store.lastPosition) events in \(format(setupSeconds)) s")
        let statistics = try store.statistics()
        let mix = statistics.eventsByType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        note("replay: \(statistics.streams) streams, \(statistics.subjects) sealing subjects; \(mix)")

        let replaySeconds = try await replay(store, checkpoints: true)
        let withoutCheckpoints = try await replay(store, checkpoints: false)
        return Figures(events: Int(store.lastPosition), setupSeconds: setupSeconds, replaySeconds: replaySeconds,
                       replaySecondsWithoutCheckpoints: withoutCheckpoints)
    }

    /// Appends the traffic with a window of `appendsInFlight` calls.
    private func load(into store: EventStore) async throws {
        var traffic = ReplayTraffic(events: events, accounts: accounts)
        var appended = 0
        try await withThrowingTaskGroup(of: (index: Int, count: Int).self) { group in
            var index = 0
            var inFlight = 0
            while !traffic.isFinished || inFlight > 0 {
                if inFlight < appendsInFlight, !traffic.isFinished {
                    let chunk = try traffic.chunk(index, size: eventsPerAppend)
                    let i = index
                    group.addTask {
                        let result = try await store.append(chunk.appends)
                        guard result.positions.count == chunk.events else {
                            throw BenchError.check("append \(i) stored \(result.positions.count) of \(chunk.events) events")
                        }
                        return (i, chunk.events)
                    }
                    index += 1
                    inFlight += 1
                    continue
                }
                guard let done = try await group.next() else { break }
                traffic.settle(done.index)
                appended += done.count
                inFlight -= 1
            }
        }
        guard store.lastPosition == UInt64(events), appended == events else {
            throw BenchError.check("the replay log holds \(store.lastPosition) events, \(events) were meant")
        }
    }

    /// Runs a fresh projection runner from position 0 to the end of the log; returns the seconds it
    /// took. With `checkpoints: false` the runner only checkpoints when it stops, after the clock.
    private func replay(_ store: EventStore, checkpoints: Bool) async throws -> Double {
        let accountsProjection = AccountsProjection()
        let securityLog = SecurityLogProjection()
        let projections: [any Projection] = [accountsProjection, securityLog]
        for p in projections { try await store.resetCheckpoint(name: p.name) }
        let runner = checkpoints
            ? ProjectionRunner(store: store, projections: projections)
            : ProjectionRunner(store: store, projections: projections, checkpointEvery: .max, checkpointInterval: .seconds(86_400))
        let last = store.lastPosition
        let label = checkpoints ? "replay" : "replay without checkpoints"

        let clock = Stopwatch()
        try runner.start()
        // Each projection's own finishing time, to see which one bounds the figure.
        let finishes = Task {
            await withTaskGroup(of: (String, Double).self) { group in
                for p in runner.projections {
                    group.addTask {
                        while !(await runner.waitUntil(last, projections: [p.name], timeout: .seconds(1))) {
                            if Task.isCancelled || runner.status().contains(where: { $0.failure != nil }) { return (p.name, .nan) }
                        }
                        return (p.name, clock.elapsedSeconds)
                    }
                }
                var times: [(String, Double)] = []
                for await t in group { times.append(t) }
                return times
            }
        }
        while !(await runner.waitUntil(last, timeout: .seconds(1))) {
            if let failed = runner.status().first(where: { $0.failure != nil }) {
                finishes.cancel()
                await runner.stop()
                throw BenchError.check("projection \(failed.name) stopped: \(failed.failure ?? "")")
            }
            if clock.elapsedSeconds > Double(timeLimit.components.seconds) {
                finishes.cancel()
                await runner.stop()
                throw BenchError.check("replay did not reach position \(last) within \(timeLimit)")
            }
        }
        let seconds = clock.elapsedSeconds
        for (name, at) in await finishes.value.sorted(by: { $0.1 < $1.1 }) {
            note("\(label): \(name) reached position \(last) after \(format(at)) s")
        }
        await runner.stop()

        let active = accountsProjection.counts()[.active] ?? 0
        guard active == accounts else {
            throw BenchError.check("the accounts projection holds \(active) active accounts, \(accounts) were registered")
        }
        return seconds
    }
}
