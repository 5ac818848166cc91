import EventStore
import Foundation
import Testing

/// An acknowledged append survives `kill -9` of the writing process.
///
/// The time limit only turns a hang into a failure; nothing here asserts a duration.
@Suite(.timeLimit(.minutes(5))) struct CrashTests {
    @Test func acknowledgedEventsSurviveSIGKILL() async throws {
        try await TestFolder.with { folder in
            var acknowledged: [ProbeRecord] = []
            for round in 0..<3 {
                // A small map, so the probe also grows it while it runs and a kill can land mid-growth.
                let probe = try LogProbeProcess(arguments: [folder.path, "--writers", "6", "--map-size", "\(256 << 10)"])
                // A watchdog, not a timing assertion: a hung probe must fail the test, not hang it.
                let pid = probe.processIdentifier
                let watchdog = Task {
                    try await Task.sleep(for: .seconds(300))
                    _ = kill(pid, SIGKILL)
                }
                let wanted = [300, 1_200, 2_500][round]
                var lines = await probe.readLines(wanted)
                watchdog.cancel()
                probe.kill()
                // Lines already in the pipe were acknowledged before the kill, too.
                lines += await probe.readLines(.max)
                #expect(probe.wasKilled, "log-probe ended on its own: \(probe.errorOutput)")
                try #require(lines.count >= wanted, "log-probe printed only \(lines.count) lines: \(probe.errorOutput)")
                let parsed = lines.compactMap(ProbeRecord.init(line:))
                #expect(parsed.count == lines.count)
                acknowledged += parsed

                let store = try folder.openReadOnly()
                defer { store.close() }
                try expectDurable(acknowledged, in: store)
            }
            #expect(Set(acknowledged.map(\.position)).count == acknowledged.count)

            // The folder lock died with the probe: a new writer continues the chain.
            let store = try folder.open()
            defer { store.close() }
            let last = store.lastPosition
            let result = try await store.appendSome(1, to: "after-crash")
            #expect(result.positions == [last + 1])
            #expect(try store.verify().isOK)
        }
    }

    private func expectDurable(_ acknowledged: [ProbeRecord], in store: EventStore) throws {
        let report = try store.verify()
        #expect(report.isOK, "verify: \(String(describing: report.firstProblem))")
        #expect(report.eventsChecked == store.lastPosition)
        #expect(store.lastPosition >= acknowledged.map(\.position).max() ?? 0)
        for record in acknowledged { record.expectMatches(try store.event(at: record.position)) }
        // Unacknowledged events that made it to disk are whole, too.
        for event in try store.readAll() { event.probeRecord?.expectMatches(event) }
    }
}
