import Foundation

/// An event made ready for the writer on the caller's task: checked, its metadata encoded, its
/// personal plaintext assembled. The writer thread then does only what depends on log order
/// (positions, versions, encryption with the subject's key, the chain hash).
struct PreparedEvent: Sendable {
    let id: UUID
    let idBytes: [UInt8]
    let type: [UInt8]
    let schemaVersion: UInt16
    let data: [UInt8]
    /// Public metadata: everything but the client IP, or with only the IP's network when nothing is sealed.
    let metadata: [UInt8]
    let subject: String?
    /// `u16 ip length ‖ ip ‖ personal data`, to be encrypted under the subject's key.
    let sealedPlaintext: [UInt8]?

    init(_ event: NewEvent) {
        id = event.id
        idBytes = withUnsafeBytes(of: event.id.uuid) { Array($0) }
        type = Array(event.type.utf8)
        schemaVersion = event.schemaVersion
        data = event.data
        subject = event.sealed?.subject
        if let sealed = event.sealed {
            let ip = Array((event.metadata.clientIP ?? "").utf8.prefix(Int(UInt16.max)))
            var plain: [UInt8] = []
            plain.reserveCapacity(2 + ip.count + sealed.data.count)
            plain.appendLE(UInt16(ip.count))
            plain += ip
            plain += sealed.data
            sealedPlaintext = plain
            metadata = MetadataCodec.encode(event.metadata, network: nil)
        } else {
            sealedPlaintext = nil
            metadata = MetadataCodec.encode(event.metadata, network: event.metadata.clientIP.map(MetadataCodec.network(of:)))
        }
    }
}

/// One stream's part of a prepared append.
struct PreparedAppend: Sendable {
    let stream: String
    let streamBytes: [UInt8]
    let expected: ExpectedVersion
    let events: [PreparedEvent]

    /// Checks the shape of `appends` and prepares them; throws before anything reaches the writer.
    static func prepare(_ appends: [StreamAppend]) throws -> [PreparedAppend] {
        try AppendValidation.checkShape(appends)
        return appends.map {
            PreparedAppend(stream: $0.stream, streamBytes: Array($0.stream.utf8), expected: $0.expected, events: $0.events.map(PreparedEvent.init))
        }
    }
}

/// The stream index is sparse: it holds a stream's position only for versions 1, 1 + stride,
/// 1 + 2·stride…; every record links back to its stream's previous one, and readers walk those links
/// from the nearest indexed version or the stream's head. Writing one index entry per event dirtied a
/// B-tree page per active stream in every batch; one per `stride` events does not.
enum StreamIndex {
    static let stride: UInt64 = 64

    static func isIndexed(_ version: UInt64) -> Bool { (version - 1) % stride == 0 }

    /// The smallest indexed version at or above `version`.
    static func indexedVersion(atOrAbove version: UInt64) -> UInt64 {
        ((version - 1 + stride - 1) / stride) * stride + 1
    }
}
