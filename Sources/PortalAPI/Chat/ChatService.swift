import Domain
import EventStore
import Foundation
import Logging
import Projections

/// The chat: conversations with the assistant (understanding → knowledge and ticket look-ups → the dialogue
/// policy → one turn event), live handoff to agents, "Did this help?", the learning queue and the idle sweep.
///
/// Operations live in extensions by topic (`+Turns`, `+Agents`, `+Review`, `+Sweep`).
public final class ChatService: EventWriting, Sendable {
    let store: EventStore
    let runner: ProjectionRunner
    let identity: IdentityService
    let conversations: ConversationsProjection
    public let review: ChatReviewProjection
    public let analytics: ChatAnalyticsProjection
    let knowledge: KnowledgeService
    let tickets: TicketService
    let semantic: SemanticIndex
    let understanding: any ChatUnderstanding
    public let hub: ChatHub
    public let presence: AgentPresence
    let settings: ChatSettings
    let limitMessages: RateLimiter
    let limitStarts: RateLimiter
    let logger: Logger
    let sweeper = SweepTask()

    init(store: EventStore, runner: ProjectionRunner, identity: IdentityService, projections: PortalProjections, knowledge: KnowledgeService,
         tickets: TicketService, semantic: SemanticIndex, understanding: any ChatUnderstanding, settings: ChatSettings, logger: Logger) {
        self.store = store
        self.runner = runner
        self.identity = identity
        conversations = projections.conversations
        review = projections.chatReview
        analytics = projections.chatAnalytics
        self.knowledge = knowledge
        self.tickets = tickets
        self.semantic = semantic
        self.understanding = understanding
        hub = ChatHub()
        presence = AgentPresence(window: settings.agentPresence)
        self.settings = settings
        limitMessages = RateLimiter(settings.messagesPerParticipant)
        limitStarts = RateLimiter(settings.startsPerClient)
        self.logger = logger
    }

    var policy: DialoguePolicy { DialoguePolicy(intents: understanding.intents(), knowledgeMinimumScore: settings.knowledgeMinimumScore) }

    /// A new conversation. Anonymous visitors get the token that proves their access (shown once, stored hashed).
    public struct Started: Codable, Sendable, Equatable {
        public var id: UUID
        public var visitorToken: String?
        public var position: UInt64
    }

    public func start(for account: AccountID?, timeZone: String?, channel: String, client: ClientContext) async throws -> Started {
        if let wait = limitStarts.take(account.map { "account:\($0)" } ?? "ip:\(client.ip ?? "-")") { throw RateLimited(retryAfter: wait) }
        if let account { _ = try identity.roles(of: account) }
        let id = UUIDv7.make()
        let token = account == nil ? ChatParticipant.newVisitorToken() : nil
        let started = try Conversation.decideStart(id: id, customer: account, visitorTokenHash: token.map(ChatParticipant.hash),
                                                   timeZone: timeZone ?? "UTC", channel: channel)
        let position = try await store.append([StreamAppend(stream: Conversation.stream(id), expected: .noStream,
                                                            events: [try EventEnvelope.make(started, subject: nil, metadata: client.metadata(actor: account?.description ?? "visitor"))])]).lastPosition
        return Started(id: id, visitorToken: token, position: position)
    }

    /// The conversation's state and transcript, read from its stream.
    func load(_ id: UUID, forAgent: Bool = false) throws -> (conversation: Conversation, view: ChatConversationView) {
        guard let loaded = try ChatTranscript.view(store.read(stream: Conversation.stream(id), limit: 100_000), forAgent: forAgent) else {
            throw DomainError.notFound("conversation")
        }
        return loaded
    }

    /// A conversation its participant may read, or "not found" — the same answer for a stranger's conversation
    /// and one that does not exist.
    func participantConversation(_ id: UUID, _ participant: ChatParticipant) throws -> (conversation: Conversation, view: ChatConversationView) {
        let loaded = try load(id)
        guard loaded.conversation.isParticipant(account: participant.account, visitorTokenHash: participant.visitorTokenHash) else {
            throw DomainError.notFound("conversation")
        }
        return loaded
    }

    /// The conversation with its transcript, for its participant.
    public func conversation(_ id: UUID, for participant: ChatParticipant) throws -> ChatConversationView {
        var view = try participantConversation(id, participant).view
        view.agent = view.agent == nil ? nil : "agent"
        return view
    }

    /// The customer's past and current conversations.
    public func conversations(of account: AccountID) async -> [ConversationSummary] {
        _ = await runner.waitUntil(store.lastPosition, projections: [conversations.name], timeout: .seconds(2))
        return conversations.conversations(of: account)
    }

    func isAgent(_ account: AccountID) throws -> Bool {
        let roles = try identity.roles(of: account)
        return roles.contains(.agent) || roles.contains(.admin)
    }

    func context() -> DecisionContext { DecisionContext(now: Date(), newID: { UUIDv7.make() }) }
}
