import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/me/notifications`: in-portal ticket notifications and the choice of what to be told.
struct NotificationsController {
    let service: TicketService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: list)
            .post("read", use: read)
            .get("preferences", use: preferences)
            .put("preferences", use: setPreferences)
    }

    struct Item: Codable, Sendable {
        var id: UInt64
        var ticketID: UUID
        var kind: String
        var at: Date
        var read: Bool
        var subject: String?
        var link: String
    }

    struct List: ResponseEncodable {
        var items: [Item]
        var unread: Int
    }

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> List {
        let user = try context.requireUser()
        let limit = try Paging.int(request, "limit", default: 50, range: 1...200)
        let (items, unread) = await service.notifications(for: user.accountID, limit: limit)
        return List(items: try items.map { item in
            Item(id: item.id, ticketID: item.ticketID, kind: item.kind.rawValue, at: item.at, read: item.read, subject: try service.subject(of: item.ticketID),
                 link: "/tickets/\(item.ticketID.uuidString.lowercased())")
        }, unread: unread)
    }

    struct ReadDTO: Decodable { var upTo: UInt64? }

    @Sendable func read(_ request: Request, context: PortalRequestContext) async throws -> HTTPResponse.Status {
        let user = try context.requireUser()
        let dto = try await body.decode(ReadDTO.self, from: request, context: context)
        try await service.markNotificationsRead(for: user.accountID, upTo: dto.upTo, client: ClientContext(request: request, context: context, deviceName: nil))
        return .noContent
    }

    @Sendable func preferences(_ request: Request, context: PortalRequestContext) async throws -> TicketNotificationChoice {
        let user = try context.requireUser()
        return service.notificationChoice(for: user.accountID)
    }

    @Sendable func setPreferences(_ request: Request, context: PortalRequestContext) async throws -> TicketNotificationChoice {
        let user = try context.requireUser()
        let dto = try await body.decode(TicketNotificationChoice.self, from: request, context: context)
        try await service.setNotificationChoice(dto, for: user.accountID, client: ClientContext(request: request, context: context, deviceName: nil))
        return service.notificationChoice(for: user.accountID)
    }
}

extension TicketNotificationChoice: ResponseEncodable {}
extension TicketListPage: ResponseEncodable {}
extension TicketDraft: ResponseEncodable {}
extension TicketService.Opened: ResponseEncodable {}
