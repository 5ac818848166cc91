import Domain
import EventStore
import Foundation
import Projections

/// The agents' side of the chat: the live queue, picking a conversation up, replying in real time, handing it back.
extension ChatService {
    /// One conversation in the live queue or on an agent's desk.
    public struct QueueEntry: Codable, Sendable, Equatable {
        public var id: UUID
        public var status: Conversation.Status
        public var reason: HandoffReason?
        public var intent: String?
        public var waitingSince: Date?
        public var waitedSeconds: Double?
        public var signedIn: Bool
        public var turns: Int
        public var agent: String?
    }

    func requireAgent(_ account: AccountID) throws {
        guard try isAgent(account) else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                 detail: "The chat desk is for agents (granted with `portalctl accounts grant-role ACCOUNT agent`).")
        }
        presence.seen(account, at: Date())
    }

    static func entry(_ s: ConversationSummary) -> QueueEntry {
        QueueEntry(id: s.id, status: s.status, reason: s.handoffReason, intent: s.lastIntent, waitingSince: s.handoffRequestedAt,
                   waitedSeconds: s.waitedSeconds, signedIn: s.customer != nil, turns: s.turns, agent: s.agent?.description)
    }

    /// The live queue (longest wait first) and the conversations this agent has.
    public func desk(for agent: AccountID) async throws -> (queue: [QueueEntry], mine: [QueueEntry]) {
        try requireAgent(agent)
        _ = await runner.waitUntil(store.lastPosition, projections: [conversations.name], timeout: .seconds(2))
        return (conversations.queue().map(Self.entry), conversations.withAgent(agent).map(Self.entry))
    }

    /// Any conversation with its transcript and what was recognised, for an agent.
    public func conversationForAgent(_ id: UUID, agent: AccountID) throws -> ChatConversationView {
        try requireAgent(agent)
        return try load(id, forAgent: true).view
    }

    public func pickUp(_ id: UUID, agent: AccountID, client: ClientContext) async throws -> Posted {
        try requireAgent(agent)
        return try await retrying {
            let (conversation, _) = try load(id, forAgent: true)
            let accepted = try conversation.decidePickUp(by: agent, now: Date())
            return try await record([accepted], in: conversation, client: client, actor: ChatParticipant(account: agent))
        }
    }

    public func agentMessage(_ text: String, to id: UUID, agent: AccountID, client: ClientContext) async throws -> Posted {
        try requireAgent(agent)
        return try await retrying {
            let (conversation, _) = try load(id, forAgent: true)
            let posted = try conversation.decideLiveMessage(text, author: .agent, agent: agent)
            return try await record([posted], in: conversation, client: client, actor: ChatParticipant(account: agent))
        }
    }

    /// The agent hands the conversation back to the assistant (`close`: ends it instead).
    public func endHandoff(_ id: UUID, agent: AccountID, close: Bool, client: ClientContext) async throws -> Posted {
        try requireAgent(agent)
        return try await retrying {
            let (conversation, _) = try load(id, forAgent: true)
            var events: [any DomainEvent] = [try conversation.decideEndHandoff(by: .agent, agent: agent)]
            if close { events.append(ConversationClosed(conversationID: id, reason: .agent)) }
            return try await record(events, in: conversation, client: client, actor: ChatParticipant(account: agent))
        }
    }

    /// The customer stops waiting for a person (or leaves the agent), and the assistant takes over again.
    public func leaveQueue(_ id: UUID, as participant: ChatParticipant, client: ClientContext) async throws -> Posted {
        try await retrying {
            let (conversation, _) = try participantConversation(id, participant)
            let ended = try conversation.decideEndHandoff(by: .customer, agent: nil)
            return try await record([ended], in: conversation, client: client, actor: participant)
        }
    }

    /// The customer ends the conversation.
    public func close(_ id: UUID, as participant: ChatParticipant, client: ClientContext) async throws -> Posted {
        try await retrying {
            let (conversation, _) = try participantConversation(id, participant)
            return try await record([try conversation.decideClose(by: .customer)], in: conversation, client: client, actor: participant)
        }
    }

    /// The conversation a ticket was opened from, if it was opened in a chat (its transcript is linked from the ticket).
    public func conversationOpening(ticket: UUID) -> UUID? { conversations.conversation(forTicket: ticket) }
}
