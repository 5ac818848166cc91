import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/chat/review`: the learning queue for editors, and `/api/v1/analytics/chat` for analysts.
struct ChatReviewController {
    let service: ChatService
    let body: JSONBody

    var reviewRoutes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: queue)
            .post("{conversation}/{turn}", use: label)
    }

    var analyticsRoutes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self).get("chat", use: analytics)
    }

    struct Item: Codable, Sendable {
        var conversationID: UUID
        var turn: Int
        var text: String
        var predicted: String?
        var confidence: Double
        var reason: String
        var at: Date
    }
    struct Queue: ResponseEncodable { var items: [Item] }
    struct Label: Decodable { var label: String? }
    struct Reviewed: ResponseEncodable { var conversationID: UUID; var turn: Int; var label: String?; var position: UInt64 }
    struct Report: ResponseEncodable { var from: String?; var to: String?; var report: ChatAnalyticsReport }

    @Sendable func queue(_ request: Request, context: PortalRequestContext) async throws -> Queue {
        let user = try context.requireUser()
        let limit = request.uri.queryParameters["limit"].flatMap { Int($0) } ?? 100
        let items = try await service.reviewQueue(for: user.accountID, limit: limit)
        return Queue(items: items.map { Item(conversationID: $0.conversationID, turn: $0.turn, text: $0.text, predicted: $0.predicted,
                                            confidence: $0.confidence, reason: $0.reason.rawValue, at: $0.at) })
    }

    @Sendable func label(_ request: Request, context: PortalRequestContext) async throws -> Reviewed {
        let user = try context.requireUser()
        try service.requireEditor(user.accountID)
        guard let conversation = context.parameters.get("conversation").flatMap(UUID.init(uuidString:)),
              let turn = context.parameters.get("turn").flatMap({ Int($0) }) else { throw ProblemDetails.notFound("No such message.") }
        let dto = try await body.decode(Label.self, from: request, context: context)
        let position = try await service.label(conversation: conversation, turn: turn, label: dto.label, by: user.accountID.stream)
        return Reviewed(conversationID: conversation, turn: turn, label: dto.label, position: position)
    }

    @Sendable func analytics(_ request: Request, context: PortalRequestContext) async throws -> Report {
        let user = try context.requireUser()
        let roles = try service.identity.roles(of: user.accountID)
        guard !roles.isDisjoint(with: [.analyst, .editor, .admin]) else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden, detail: "Chat analytics need the analyst or editor role.")
        }
        _ = try TutorialAnalyticsController.period(request)
        let params = request.uri.queryParameters
        let from = params["from"].map(String.init), to = params["to"].map(String.init)
        await service.settleAnalytics()
        return Report(from: from, to: to, report: service.analytics.report(from: from, to: to))
    }
}
