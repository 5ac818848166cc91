import Domain
import Foundation
import HummingbirdWebSocket
import Logging
import Synchronization

/// An agent's desk socket: the live queue as it changes, and the conversations the agent opens, in real time.
/// While it is open the agent counts as online.
final class AgentDeskSocket: ChatSocketSession {
    let service: ChatService
    let agent: AccountID
    let client: ClientContext
    let outbound: WebSocketOutboundWriter
    let logger: Logger
    private let opened = Mutex(Set<UUID>())

    init(service: ChatService, agent: AccountID, client: ClientContext, outbound: WebSocketOutboundWriter, logger: Logger) {
        self.service = service
        self.agent = agent
        self.client = client
        self.outbound = outbound
        self.logger = logger
    }

    func run(_ inbound: WebSocketInboundStream) async throws {
        service.presence.connected(agent)
        let (stream, cancel) = service.hub.watchDesk()
        defer {
            cancel()
            service.presence.disconnected(agent, at: Date())
        }
        let forward = Task { [self] in
            for await update in stream {
                do {
                    switch update {
                    case .queue:
                        try await sendDesk()
                    case .lines(let id, let lines):
                        if opened.withLock({ $0.contains(id) }) { try await send(.lines(id, lines)) }
                    case .status(let id, let status):
                        if opened.withLock({ $0.contains(id) }) { try await send(.status(id, status)) }
                    }
                } catch { return }
            }
        }
        defer { forward.cancel() }
        try await sendDesk()
        try await readCommands(inbound)
    }

    func sendDesk() async throws {
        let (queue, mine) = try await service.desk(for: agent)
        try await send(.desk(queue: queue, mine: mine))
    }

    func handle(_ command: ChatSocketCommand) async throws {
        service.presence.seen(agent, at: Date())
        switch command.type {
        case "desk":
            try await sendDesk()
        case "open":
            let id = try conversation(command)
            let view = try service.conversationForAgent(id, agent: agent)
            opened.withLock { _ = $0.insert(id) }
            try await send(.conversation(view))
        case "pickup":
            let id = try conversation(command)
            opened.withLock { _ = $0.insert(id) }
            _ = try await service.pickUp(id, agent: agent, client: client)
        case "message":
            _ = try await service.agentMessage(command.text ?? "", to: try conversation(command), agent: agent, client: client)
        case "end":
            _ = try await service.endHandoff(try conversation(command), agent: agent, close: command.close ?? false, client: client)
        default:
            throw FieldError(field: "type", message: "Unknown message type; use desk, open, pickup, message or end.")
        }
    }

    func conversation(_ command: ChatSocketCommand) throws -> UUID {
        guard let id = command.conversation else { throw FieldError(field: "conversation", message: "Name the conversation.") }
        return id
    }
}
