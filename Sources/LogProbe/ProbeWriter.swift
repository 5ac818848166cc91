import EventStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One writer of the probe: appends batches of 1–3 events to its own stream, forever.
struct ProbeWriter {
    let store: EventStore
    let writer: Int

    func run() async throws {
        let stream = ProbeEvent.stream(writer: writer)
        var version = try store.streamVersion(stream) ?? 0
        var n = Int(version)
        while true {
            let count = 1 + n % 3
            let events = (0..<count).map { i in ProbeEvent.make(writer: writer, n: n + i) }
            // Exact expected versions: a writer that lost track of its stream would fail loudly.
            let result = try await store.append(
                to: stream, expected: version == 0 ? .noStream : .exact(version), events: events)
            var lines = ""
            for (i, position) in result.positions.enumerated() { lines += "\(position) \(writer) \(n + i)\n" }
            let bytes = Array(lines.utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            n += count
            version += UInt64(count)
        }
    }
}
