import Domain
import EventStore
import Foundation
import Synchronization

/// Every conversation's shape: the customers' lists of past chats, the agents' live queue, and the
/// conversations the idle timeout will close. Holds no words (they stay sealed in the streams), so it checkpoints.
public final class ConversationsProjection: Projection {
    struct State: Codable {
        var conversations: [UUID: ConversationSummary] = [:]
        var byCustomer: [AccountID: [UUID]] = [:]
        var byTicket: [UUID: UUID] = [:]
    }

    public let name = "conversations"
    public let version = 1
    public let eventTypes: Set<String>? = [
        ConversationStarted.eventType, ChatTurnRecorded.eventType, ChatHandoffRequested.eventType, ChatHandoffAccepted.eventType,
        ChatHandoffEnded.eventType, ChatMessagePosted.eventType, ChatTicketCreated.eventType, ConversationClosed.eventType,
        ChatAnswerRated.eventType,
    ]
    private let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        let domain = try event.domainEvent()
        state.withLock { s in
            if let e = domain as? ConversationStarted {
                s.conversations[e.conversationID] = ConversationSummary(e, at: event.recordedAt)
                if let customer = e.customer { s.byCustomer[customer, default: []].append(e.conversationID) }
                return
            }
            guard let id = Self.conversationID(of: domain), var c = s.conversations[id] else { return }
            c.apply(domain, at: event.recordedAt, version: event.streamVersion)
            s.conversations[id] = c
            if let e = domain as? ChatTicketCreated { s.byTicket[e.ticketID] = id }
        }
    }

    static func conversationID(of event: any DomainEvent) -> UUID? {
        switch event {
        case let e as ChatTurnRecorded: e.conversationID
        case let e as ChatHandoffRequested: e.conversationID
        case let e as ChatHandoffAccepted: e.conversationID
        case let e as ChatHandoffEnded: e.conversationID
        case let e as ChatMessagePosted: e.conversationID
        case let e as ChatTicketCreated: e.conversationID
        case let e as ConversationClosed: e.conversationID
        case let e as ChatAnswerRated: e.conversationID
        default: nil
        }
    }

    public func summary(_ id: UUID) -> ConversationSummary? { state.withLock { $0.conversations[id] } }

    /// A customer's conversations, the latest activity first.
    public func conversations(of customer: AccountID, limit: Int = 50) -> [ConversationSummary] {
        state.withLock { s in (s.byCustomer[customer] ?? []).compactMap { s.conversations[$0] } }
            .sorted { $0.lastActivity > $1.lastActivity }.prefix(limit).map { $0 }
    }

    /// The live queue: conversations waiting for an agent, longest wait first.
    public func queue() -> [ConversationSummary] {
        state.withLock { $0.conversations.values.filter { $0.status == .waitingForAgent } }
            .sorted { ($0.handoffRequestedAt ?? $0.lastActivity, $0.id.uuidString) < ($1.handoffRequestedAt ?? $1.lastActivity, $1.id.uuidString) }
    }

    /// Conversations an agent has.
    public func withAgent(_ agent: AccountID) -> [ConversationSummary] {
        state.withLock { $0.conversations.values.filter { $0.status == .withAgent && $0.agent == agent } }.sorted { $0.lastActivity > $1.lastActivity }
    }

    /// Conversations not closed whose last activity is before `cutoff`.
    public func idle(before cutoff: Date) -> [UUID] {
        state.withLock { $0.conversations.values.filter { $0.status != .closed && $0.lastActivity < cutoff }.map(\.id) }
    }

    /// The conversation a ticket was opened from.
    public func conversation(forTicket ticket: UUID) -> UUID? { state.withLock { $0.byTicket[ticket] } }

    public func snapshot() throws -> [UInt8] { try SnapshotCodec.encode(state.withLock { $0 }, version: version) }

    public func restore(from snapshot: [UInt8]) throws {
        let stored = try SnapshotCodec.decode(State.self, from: snapshot)
        state.withLock { $0 = stored }
    }

    public func reset() { state.withLock { $0 = State() } }
}
