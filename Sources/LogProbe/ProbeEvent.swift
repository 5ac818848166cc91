import EventStore
import Foundation

/// The events the probe writes. Their content follows from (writer, n) alone, so the crash test
/// can check each acknowledged record without any side channel.
enum ProbeEvent {
    static let type = "ProbeEventAppended"

    static func stream(writer: Int) -> String { "probe-\(writer)" }

    /// Every fourth event carries sealed data too, so a crash must also keep new subject keys.
    static func make(writer: Int, n: Int) -> NewEvent {
        NewEvent(
            id: UUIDv7.make(), type: type,
            data: Array(#"{"writer":\#(writer),"n":\#(n)}"#.utf8),
            metadata: EventMetadata(actor: "log-probe", clientIP: "198.51.100.\(writer % 250)"),
            sealed: n % 4 == 0 ? SealedPayload(subject: "probe-subject-\(writer)", data: Array("secret \(writer) \(n)".utf8)) : nil)
    }
}
