import Domain
import EventStore
import Foundation
import Projections

/// A customer's choice of ticket notifications.
public struct TicketNotificationChoice: Codable, Sendable, Equatable {
    public var email: [String]
    public var inPortal: [String]
}

extension TicketService {
    static func notificationStream(_ account: AccountID) -> String { "ticket-notifications-\(account.uuid.uuidString.lowercased())" }

    public func notifications(for account: AccountID, limit: Int) async -> (items: [TicketInboxProjection.InboxItem], unread: Int) {
        _ = await runner.waitUntil(store.lastPosition, projections: [inbox.name], timeout: .seconds(2))
        return (inbox.items(for: account, limit: limit), inbox.unread(for: account))
    }

    /// Marks the customer's notifications read up to `upTo` (default: all there are now).
    public func markNotificationsRead(for account: AccountID, upTo: UInt64?, client: ClientContext) async throws {
        guard let last = upTo ?? inbox.items(for: account, limit: 1).first?.id else { return }
        let event = TicketNotificationsRead(accountID: account, upTo: last)
        let position = try await store.append([StreamAppend(stream: Self.notificationStream(account), expected: .any,
                                                            events: [try EventEnvelope.make(event, subject: nil, metadata: client.metadata(actor: account.description))])]).lastPosition
        await settle(position)
    }

    public func notificationChoice(for account: AccountID) -> TicketNotificationChoice {
        let p = inbox.preferences(for: account)
        let order = TicketNotificationKind.allCases
        return TicketNotificationChoice(email: order.filter(p.email.contains).map(\.rawValue), inPortal: order.filter(p.inPortal.contains).map(\.rawValue))
    }

    public func setNotificationChoice(_ choice: TicketNotificationChoice, for account: AccountID, client: ClientContext) async throws {
        func kinds(_ raw: [String], _ field: String) throws -> [TicketNotificationKind] {
            try raw.map { r in
                guard let k = TicketNotificationKind(rawValue: r) else {
                    throw FieldError(field: field, message: "`\(field)` takes \(TicketNotificationKind.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return k
            }
        }
        let event = TicketNotificationPreferencesChanged(accountID: account, email: try kinds(choice.email, "email"), inPortal: try kinds(choice.inPortal, "inPortal"))
        let position = try await store.append([StreamAppend(stream: Self.notificationStream(account), expected: .any,
                                                            events: [try EventEnvelope.make(event, subject: nil, metadata: client.metadata(actor: account.description))])]).lastPosition
        await settle(position)
    }
}
