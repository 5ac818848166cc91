import Foundation

/// Who caused an event and in which flow. Stored with every record.
///
/// `clientIP` is personal data: when the event is sealed for a subject it is stored encrypted in the
/// sealed part; otherwise it is stored truncated to its network (IPv4 /24, IPv6 /48).
public struct EventMetadata: Sendable, Equatable, Codable {
    /// The account id or system actor (`system`, `portalctl`) that caused the event.
    public var actor: String?
    /// Client IP address as seen by the server.
    public var clientIP: String?
    /// Device id (the browser's device cookie or an API client's device name).
    public var deviceID: String?
    /// Groups the events of one request or flow.
    public var correlationID: UUID?
    /// The event or command that caused this one.
    public var causationID: UUID?

    public init(actor: String? = nil, clientIP: String? = nil, deviceID: String? = nil, correlationID: UUID? = nil, causationID: UUID? = nil) {
        self.actor = actor
        self.clientIP = clientIP
        self.deviceID = deviceID
        self.correlationID = correlationID
        self.causationID = causationID
    }
}
