import EventStore
import Testing

/// One event written by `log-probe`: writer `w`'s `n`-th event (from 0). Its whole content follows
/// from (w, n), which is what lets the tests check records written by another process.
struct ProbeRecord: Hashable {
    let position: UInt64, writer: Int, n: Int

    /// Parses a line the probe printed: `<position> <writer> <n>`.
    init?(line: String) {
        let parts = line.split(separator: " ")
        guard parts.count == 3, let p = UInt64(parts[0]), let w = Int(parts[1]), let n = Int(parts[2]) else { return nil }
        (position, writer, self.n) = (p, w, n)
    }

    /// Expects `event` (read with the key) to be exactly what the probe wrote at this position.
    func expectMatches(_ event: RecordedEvent?, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let event else {
            Issue.record("acknowledged position \(position) is missing", sourceLocation: sourceLocation)
            return
        }
        #expect(event.position == position, sourceLocation: sourceLocation)
        #expect(event.stream == "probe-\(writer)", sourceLocation: sourceLocation)
        #expect(event.streamVersion == UInt64(n + 1), sourceLocation: sourceLocation)
        #expect(event.type == "ProbeEventAppended", sourceLocation: sourceLocation)
        #expect(event.dataString == #"{"writer":\#(writer),"n":\#(n)}"#, sourceLocation: sourceLocation)
        if n % 4 == 0 {
            #expect(event.sealed == .plaintext(subject: "probe-subject-\(writer)", data: Array("secret \(writer) \(n)".utf8)), sourceLocation: sourceLocation)
            #expect(event.metadata.clientIP == "198.51.100.\(writer % 250)", sourceLocation: sourceLocation)
        } else {
            #expect(event.sealed == .none, sourceLocation: sourceLocation)
            #expect(event.metadata.clientIP == "198.51.100.0/24", sourceLocation: sourceLocation)
        }
    }
}

extension RecordedEvent {
    /// The probe record this event claims to be, read from its stream name and data.
    var probeRecord: ProbeRecord? {
        guard stream.hasPrefix("probe-"), let writer = Int(stream.dropFirst(6)) else { return nil }
        return ProbeRecord(line: "\(position) \(writer) \(streamVersion - 1)")
    }
}
