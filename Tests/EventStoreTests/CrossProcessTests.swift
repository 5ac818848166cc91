import EventStore
import Foundation
import Testing

/// A read-only store in one process follows the writer in another.
///
/// The time limit only turns a hang into a failure; nothing here asserts a duration.
@Suite(.timeLimit(.minutes(5))) struct CrossProcessTests {
    @Test func aReaderFollowsAWriterThatGrowsTheMap() async throws {
        try await TestFolder.with { folder in
            let probe = try LogProbeProcess(arguments: [folder.path, "--writers", "4", "--map-size", "\(256 << 10)"])
            defer { probe.kill() }
            _ = await probe.readLines(1)   // the log exists
            probe.discardOutput()
            let reader = try EventStore(.init(folder: folder.dataFolder, readOnly: true, create: false, initialMapSize: 256 << 10))
            defer { reader.close() }
            let initialMap = try reader.statistics().mapBytes

            let follower = Task {
                var seen: [RecordedEvent] = []
                for try await event in reader.subscribe(after: 0, batchSize: 300) {
                    seen.append(event)
                    if seen.count == 6_000 { break }
                }
                return seen
            }
            // A watchdog, not a timing assertion: a stalled writer must fail the test, not hang it.
            let watchdog = Task {
                try await Task.sleep(for: .seconds(300))
                follower.cancel()
            }
            defer { watchdog.cancel() }
            let seen = try await follower.value
            #expect(seen.map(\.position) == Array(1...6_000))
            for event in seen {
                let record = try #require(event.probeRecord)
                record.expectMatches(event)
            }
            // The writer grew the file past the map this reader started with, and it followed.
            #expect(try reader.statistics().mapBytes > initialMap)
        }
    }

    @Test func anErasureByTheWriterProcessReachesAReaderThatCachedTheKey() async throws {
        try await TestFolder.with { folder in
            let store = try folder.open()
            _ = try await store.append(to: "account-1", expected: .noStream, events: [
                Fixtures.event("AccountRegistered", sealed: SealedPayload(subject: "ada", data: Array("Ada".utf8)), clientIP: "192.0.2.9"),
            ])
            store.close()

            let reader = try folder.openReadOnly()
            defer { reader.close() }
            #expect(try reader.event(at: 1)?.sealed == .plaintext(subject: "ada", data: Array("Ada".utf8)))   // key now cached

            let eraser = try LogProbeProcess(arguments: [folder.path, "--erase", "ada"])
            let printed = await eraser.readLines(1)
            #expect(eraser.waitForExit() == 0, "log-probe --erase failed: \(eraser.errorOutput)")
            #expect(printed == ["2"])

            #expect(try reader.isErased(subject: "ada"))
            let event = try #require(try reader.event(at: 1))
            #expect(event.sealed == .erased(subject: "ada"))
            #expect(event.metadata.clientIP == nil)
            #expect(try reader.event(at: 2)?.type == "SubjectErased")
        }
    }
}
