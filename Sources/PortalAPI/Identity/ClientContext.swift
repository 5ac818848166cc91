import EventStore
import Foundation

/// Who is calling, as far as the server can tell: recorded in every event's metadata.
public struct ClientContext: Sendable {
    public var ip: String?
    public var userAgent: String?
    public var deviceID: String?
    public var correlationID: UUID

    public init(ip: String? = nil, userAgent: String? = nil, deviceID: String? = nil, correlationID: UUID = UUIDv7.make()) {
        self.ip = ip
        self.userAgent = userAgent.map { String($0.prefix(512)) }
        self.deviceID = deviceID
        self.correlationID = correlationID
    }

    func metadata(actor: String?) -> EventMetadata {
        EventMetadata(actor: actor, clientIP: ip, deviceID: deviceID, correlationID: correlationID)
    }
}
