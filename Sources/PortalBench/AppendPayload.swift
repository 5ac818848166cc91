import EventStore
import Foundation

/// The events the append benchmark writes: about 300 bytes of JSON (a customer's message on a
/// ticket), a time-ordered id and the metadata a request handler records.
///
/// Correlation ids come from a seeded generator: Foundation's `UUID()` reads the system's random
/// source on every call, which would put the benchmark's own work in competition with the writer
/// thread for the two cores.
struct AppendPayload: Sendable {
    static let type = "BenchmarkMessagePosted"

    let stream: String
    private let data: [UInt8]
    private let metadata: EventMetadata
    private var correlations: SplitMix64

    /// The payload of writer `writer`: its own ticket stream and customer.
    init(writer: Int) {
        let ticket = UUID().uuidString.lowercased()
        let customer = UUID().uuidString.lowercased()
        stream = "ticket-\(ticket)"
        let head = #"{"ticketID":"\#(ticket)","author":"\#(customer)","channel":"web","attachments":0,"body":""#
        let tail = #""}"#
        let text = "Hello, I still cannot sign in after resetting my password; the page says the link has expired. "
        let room = max(0, 300 - head.utf8.count - tail.utf8.count)
        data = Array((head + String(repeating: text, count: room / text.utf8.count + 1).prefix(room) + tail).utf8)
        metadata = EventMetadata(
            actor: customer, clientIP: "203.0.113.\(writer % 250 + 1)", deviceID: "device-\(writer)",
            correlationID: nil, causationID: nil)
        correlations = SplitMix64(seed: UInt64(writer) &* 0x9E37_79B9 &+ 1)
    }

    /// A new event for this writer's stream.
    mutating func event() -> NewEvent {
        var m = metadata
        m.correlationID = correlations.uuid()
        return NewEvent(id: UUIDv7.make(), type: Self.type, data: data, metadata: m)
    }
}
