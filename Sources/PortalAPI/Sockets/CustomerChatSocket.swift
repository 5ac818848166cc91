import Domain
import Foundation
import HummingbirdWebSocket
import Logging
import Synchronization

/// One widget's socket: starts or resumes one conversation, then carries its messages both ways.
final class CustomerChatSocket: ChatSocketSession {
    let service: ChatService
    let account: AccountID?
    let client: ClientContext
    let outbound: WebSocketOutboundWriter
    let logger: Logger
    private struct State {
        var conversation: UUID?
        var participant: ChatParticipant
        var cancelWatch: (@Sendable () -> Void)?
        var forward: Task<Void, Never>?
    }
    private let state: Mutex<State>

    init(service: ChatService, account: AccountID?, client: ClientContext, outbound: WebSocketOutboundWriter, logger: Logger) {
        self.service = service
        self.account = account
        self.client = client
        self.outbound = outbound
        self.logger = logger
        state = Mutex(State(participant: ChatParticipant(account: account)))
    }

    func run(_ inbound: WebSocketInboundStream) async throws {
        defer { stopWatching() }
        try await readCommands(inbound)
    }

    func handle(_ command: ChatSocketCommand) async throws {
        switch command.type {
        case "start":
            let started = try await service.start(for: account, timeZone: command.timeZone, channel: "widget", client: client)
            let participant = ChatParticipant(account: account, visitorToken: started.visitorToken)
            try await attach(started.id, participant)
            try await send(.started(try service.conversation(started.id, for: participant), visitorToken: started.visitorToken))
        case "resume":
            guard let id = command.conversation else { throw FieldError(field: "conversation", message: "Name the conversation to resume.") }
            let participant = ChatParticipant(account: account, visitorToken: account == nil ? command.token : nil)
            let view = try service.conversation(id, for: participant)
            try await attach(id, participant)
            try await send(.conversation(view))
        case "message":
            let (id, participant) = try current()
            _ = try await service.post(command.text ?? "", quickReply: command.quickReply, to: id, as: participant, client: client)
        case "rate":
            let (id, participant) = try current()
            guard let turn = command.turn, let helpful = command.helpful else {
                throw FieldError(field: "turn", message: "Say which answer (`turn`) and whether it helped (`helpful`).")
            }
            _ = try await service.rate(id, turn: turn, helpful: helpful, as: participant, client: client)
        case "leave-queue":
            let (id, participant) = try current()
            _ = try await service.leaveQueue(id, as: participant, client: client)
        case "close":
            let (id, participant) = try current()
            _ = try await service.close(id, as: participant, client: client)
        default:
            throw FieldError(field: "type", message: "Unknown message type; use start, resume, message, rate, leave-queue or close.")
        }
    }

    func current() throws -> (UUID, ChatParticipant) {
        guard let (id, participant) = state.withLock({ s in s.conversation.map { ($0, s.participant) } }) else {
            throw DomainError.rejected("start or resume a conversation first")
        }
        return (id, participant)
    }

    /// Follows the conversation's updates (the customer sees their own lines through the same path as the agent's).
    func attach(_ id: UUID, _ participant: ChatParticipant) async throws {
        stopWatching()
        let (stream, cancel) = service.hub.watch(id)
        let forward = Task { [outbound] in
            for await update in stream {
                let event: ChatSocketEvent
                switch update {
                case .lines(let id, let lines):
                    event = .lines(id, lines.map(\.forCustomer))
                case .status(let id, let status):
                    event = .status(id, status)
                case .queue:
                    continue
                }
                do { try await outbound.write(.text(event.text)) } catch { return }
            }
        }
        state.withLock { s in
            s.conversation = id
            s.participant = participant
            s.cancelWatch = cancel
            s.forward = forward
        }
    }

    func stopWatching() {
        let (cancel, forward) = state.withLock { s in
            defer { s.cancelWatch = nil; s.forward = nil }
            return (s.cancelWatch, s.forward)
        }
        cancel?()
        forward?.cancel()
    }
}
