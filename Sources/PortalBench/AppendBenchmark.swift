import EventStore
import Foundation

/// Durable appends through ``EventStore/append(to:expected:events:)`` from concurrent writers.
///
/// Each writer task owns one stream and appends one event per call with an exact expected version
/// (the first with `.noStream`), waiting for each call before the next, as a request handler does.
/// The figures are events per second over the whole phase and the latency of each call.
struct AppendBenchmark {
    struct Figures {
        var writers: Int
        var events: Int
        var seconds: Double
        var latencies: LatencyRecorder
        var eventsPerSecond: Double { Double(events) / seconds }
    }

    let scratch: ScratchSpace

    func run(writers: Int, events: Int) async throws -> Figures {
        let path = scratch.path("append-w\(writers)")
        defer { scratch.remove(path) }
        let store = try EventStore(.init(folder: DataFolder(path: path), create: true))
        defer { store.close() }
        let perWriter = max(1, events / writers)
        let payloads = (0..<writers).map { AppendPayload(writer: $0) }

        let clock = Stopwatch()
        let latencies = try await withThrowingTaskGroup(of: LatencyRecorder.self) { group in
            for payload in payloads {
                group.addTask { try await Self.write(payload, count: perWriter, to: store) }
            }
            var all = LatencyRecorder(capacity: perWriter * writers)
            for try await recorder in group { all.merge(recorder) }
            return all
        }
        let seconds = clock.elapsedSeconds

        let total = perWriter * writers
        guard store.lastPosition == UInt64(total) else {
            throw BenchError.check("\(writers) writers appended \(total) events but the log ends at \(store.lastPosition)")
        }
        return Figures(writers: writers, events: total, seconds: seconds, latencies: latencies)
    }

    private static func write(_ first: AppendPayload, count: Int, to store: EventStore) async throws -> LatencyRecorder {
        var payload = first
        var recorder = LatencyRecorder(capacity: count)
        var version: UInt64 = 0
        for _ in 0..<count {
            try Task.checkCancellation()
            let event = payload.event()
            let expected: ExpectedVersion = version == 0 ? .noStream : .exact(version)
            let start = Stopwatch.now()
            let result = try await store.append(to: payload.stream, expected: expected, events: [event])
            recorder.record(since: start)
            guard let next = result.streamVersions[payload.stream], next == version + 1 else {
                throw BenchError.check("stream \(payload.stream) is at \(result.streamVersions[payload.stream] ?? 0), expected \(version + 1)")
            }
            version = next
        }
        return recorder
    }
}
