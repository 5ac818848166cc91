import Domain
import HTTPTypes
import Foundation
import Hummingbird
import Projections

/// `/api/v1/chat/conversations`: chatting with the assistant. Signed-in customers authenticate as usual;
/// anonymous visitors send the token they got when the conversation started in `X-Chat-Token`.
struct ChatController {
    static let tokenHeader = HTTPField.Name("X-Chat-Token")!
    let service: ChatService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .post(use: start)
            .get(use: list)
            .get("{id}", use: show)
            .post("{id}/messages", use: message)
            .post("{id}/ratings", use: rate)
            .post("{id}/leave-queue", use: leaveQueue)
            .post("{id}/close", use: close)
    }

    struct Start: Decodable { var timeZone: String? }
    struct Message: Decodable { var text: String; var quickReply: String? }
    struct Rating: Decodable { var turn: Int; var helpful: Bool }
    struct Conversations: ResponseEncodable { var conversations: [ConversationSummaryDTO] }

    static func participant(_ request: Request, _ context: PortalRequestContext) -> ChatParticipant {
        let token = request.headers[tokenHeader].map { String($0.prefix(128)) }
        return ChatParticipant(account: context.identity?.accountID, visitorToken: context.identity == nil ? token : nil)
    }

    static func id(_ context: PortalRequestContext) throws -> UUID {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw ProblemDetails.notFound("No such conversation.") }
        return id
    }

    @Sendable func start(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let dto = try await body.decodeIfPresent(Start.self, from: request, context: context) ?? Start(timeZone: nil)
        let started = try await service.start(for: context.identity?.accountID, timeZone: dto.timeZone, channel: "api",
                                              client: ClientContext(request: request, context: context, deviceName: nil))
        var response = try started.response(from: request, context: context)
        response.status = .created
        response.headers[.location] = "/api/v1/chat/conversations/\(started.id.uuidString.lowercased())"
        return response
    }

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> Conversations {
        let user = try context.requireUser()
        return Conversations(conversations: await service.conversations(of: user.accountID).map(ConversationSummaryDTO.init))
    }

    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> ChatConversationView {
        try service.conversation(try Self.id(context), for: Self.participant(request, context))
    }

    @Sendable func message(_ request: Request, context: PortalRequestContext) async throws -> ChatService.Posted {
        let id = try Self.id(context)
        let dto = try await body.decode(Message.self, from: request, context: context)
        return try await service.post(dto.text, quickReply: dto.quickReply, to: id, as: Self.participant(request, context),
                                      client: ClientContext(request: request, context: context, deviceName: nil))
    }

    @Sendable func rate(_ request: Request, context: PortalRequestContext) async throws -> ChatService.Posted {
        let id = try Self.id(context)
        let dto = try await body.decode(Rating.self, from: request, context: context)
        return try await service.rate(id, turn: dto.turn, helpful: dto.helpful, as: Self.participant(request, context),
                                      client: ClientContext(request: request, context: context, deviceName: nil))
    }

    @Sendable func leaveQueue(_ request: Request, context: PortalRequestContext) async throws -> ChatService.Posted {
        try await service.leaveQueue(try Self.id(context), as: Self.participant(request, context),
                                     client: ClientContext(request: request, context: context, deviceName: nil))
    }

    @Sendable func close(_ request: Request, context: PortalRequestContext) async throws -> ChatService.Posted {
        try await service.close(try Self.id(context), as: Self.participant(request, context),
                                client: ClientContext(request: request, context: context, deviceName: nil))
    }
}

/// A conversation in a list.
struct ConversationSummaryDTO: Codable, Sendable {
    var id: UUID
    var status: String
    var startedAt: Date
    var lastActivity: Date
    var turns: Int
    var lastIntent: String?
    var handedOff: Bool
    var ticketIDs: [UUID]

    init(_ s: ConversationSummary) {
        id = s.id
        status = s.status.rawValue
        startedAt = s.startedAt
        lastActivity = s.lastActivity
        turns = s.turns
        lastIntent = s.lastIntent
        handedOff = s.handoffReason != nil
        ticketIDs = s.ticketIDs
    }
}

extension ChatService.Started: ResponseEncodable {}
extension ChatService.Posted: ResponseEncodable {}
extension ChatConversationView: ResponseEncodable {}
