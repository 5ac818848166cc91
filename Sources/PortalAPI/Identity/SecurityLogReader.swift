import Domain
import EventStore
import Foundation
import Projections

/// One line of a customer's security log, with the details unsealed from the log.
public struct SecurityLogItem: Sendable, Codable, Equatable {
    public var kind: String
    public var at: Date
    public var ip: String?
    public var deviceID: String?
    public var userAgent: String?
    /// For failed sign-ins: why (shown to the owner only); for ended sessions: why they ended.
    public var reason: String?
    /// For session events: the device's name.
    public var device: String?
}

/// Reads an account's security log: positions from the projection, details from the records.
struct SecurityLogReader: Sendable {
    let store: EventStore
    let projection: SecurityLogProjection
    let sessions: SessionsProjection
    let runner: ProjectionRunner

    /// A page of the log, after the projection has applied everything committed before the call
    /// (read-your-writes: a sign-in a moment ago is listed).
    func page(for id: AccountID, offset: Int, limit: Int) async throws -> (items: [SecurityLogItem], total: Int) {
        _ = await runner.waitUntil(store.lastPosition, projections: [projection.name], timeout: .seconds(2))
        let (entries, total) = projection.entries(for: id, offset: offset, limit: limit)
        let items = try entries.map { entry -> SecurityLogItem in
            var item = SecurityLogItem(kind: entry.kind.name, at: Date(timeIntervalSince1970: Double(entry.atMicros) / 1e6))
            guard let record = try store.event(at: entry.position) else { return item }
            item.ip = record.metadata.clientIP
            item.deviceID = record.metadata.deviceID
            switch try? record.domainEvent() {
            case let e as CustomerSignedIn: item.userAgent = e.personal?.userAgent
            case let e as SignInFailed:
                item.userAgent = e.personal?.userAgent
                item.reason = e.reason.rawValue
            case let e as SessionRevoked:
                item.reason = e.reason.rawValue
                item.device = sessions.session(e.sessionID).flatMap { $0.deviceName }
            case let e as RefreshTokenReuseDetected:
                item.userAgent = e.personal?.userAgent
                item.device = sessions.session(e.sessionID).flatMap { $0.deviceName }
            default: break
            }
            return item
        }
        return (items, total)
    }
}

extension SecurityLogItem {
    init(kind: String, at: Date) {
        self.init(kind: kind, at: at, ip: nil, deviceID: nil, userAgent: nil, reason: nil, device: nil)
    }
}
