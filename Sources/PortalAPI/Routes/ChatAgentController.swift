import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/agent/chats`: the agents' live queue — pick a conversation up, reply in real time, hand it back.
struct ChatAgentController {
    let service: ChatService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: desk)
            .get("{id}", use: show)
            .post("{id}/pickup", use: pickUp)
            .post("{id}/messages", use: message)
            .post("{id}/end", use: end)
    }

    struct Desk: ResponseEncodable { var queue: [ChatService.QueueEntry]; var mine: [ChatService.QueueEntry] }
    struct Message: Decodable { var text: String }
    struct End: Decodable { var close: Bool? }

    @Sendable func desk(_ request: Request, context: PortalRequestContext) async throws -> Desk {
        let user = try context.requireUser()
        let (queue, mine) = try await service.desk(for: user.accountID)
        return Desk(queue: queue, mine: mine)
    }

    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> ChatConversationView {
        let user = try context.requireUser()
        return try service.conversationForAgent(try ChatController.id(context), agent: user.accountID)
    }

    @Sendable func pickUp(_ request: Request, context: PortalRequestContext) async throws -> ChatService.Posted {
        let user = try context.requireUser()
        return try await service.pickUp(try ChatController.id(context), agent: user.accountID,
                                        client: ClientContext(request: request, context: context, deviceName: nil))
    }

    @Sendable func message(_ request: Request, context: PortalRequestContext) async throws -> ChatService.Posted {
        let user = try context.requireUser()
        let id = try ChatController.id(context)
        let dto = try await body.decode(Message.self, from: request, context: context)
        return try await service.agentMessage(dto.text, to: id, agent: user.accountID, client: ClientContext(request: request, context: context, deviceName: nil))
    }

    @Sendable func end(_ request: Request, context: PortalRequestContext) async throws -> ChatService.Posted {
        let user = try context.requireUser()
        let id = try ChatController.id(context)
        let dto = try await body.decodeIfPresent(End.self, from: request, context: context)
        return try await service.endHandoff(id, agent: user.accountID, close: dto?.close ?? false,
                                            client: ClientContext(request: request, context: context, deviceName: nil))
    }
}

extension ChatService.QueueEntry: ResponseEncodable {}
