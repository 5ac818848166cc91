import Foundation

/// A chat between a customer (or an anonymous visitor), the assistant and perhaps an agent, folded from its stream.
public struct Conversation: Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// The assistant answers.
        case open
        /// In the agents' live queue.
        case waitingForAgent
        /// An agent has it.
        case withAgent
        case closed
    }

    public var id: UUID
    public var customer: AccountID?
    public var visitorTokenHash: String?
    public var timeZone: String
    public var status: Status
    public var dialogue: DialogueState
    public var memory: DialogueMemory
    /// Turns with the assistant so far.
    public var turns: Int
    public var startedAt: Date
    public var lastActivity: Date
    /// Turn → the knowledge items of a reply that asked "Did this help?", until it is answered.
    public var feedbackOpen: [Int: [String]]
    /// Turn → the intent recognised in it.
    public var intents: [Int: String]
    public var agent: AccountID?
    public var handoffRequestedAt: Date?
    public var ticketIDs: [UUID]
    /// Events in the stream (the expected version of the next append).
    public var version: Int

    public static func stream(_ id: UUID) -> String { "conversation-\(id.uuidString.lowercased())" }

    /// The sealing subject of an anonymous visitor's conversation: its own key, erased with it.
    public static func visitorSubject(_ id: UUID) -> String { stream(id) }

    /// Whose key seals the conversation's personal parts.
    public var subject: String { customer?.stream ?? Self.visitorSubject(id) }

    /// The state after `ConversationStarted`.
    public init(started e: ConversationStarted, at date: Date) {
        id = e.conversationID
        customer = e.customer
        visitorTokenHash = e.visitorTokenHash
        timeZone = e.timeZone
        status = .open
        dialogue = .initial
        memory = DialogueMemory()
        turns = 0
        startedAt = date
        lastActivity = date
        feedbackOpen = [:]
        intents = [:]
        agent = nil
        handoffRequestedAt = nil
        ticketIDs = []
        version = 1
    }

    /// Folds one more event, recorded at `date`.
    public func evolve(_ event: any DomainEvent, at date: Date) -> Conversation {
        var c = self
        c.version += 1
        c.lastActivity = max(c.lastActivity, date)
        switch event {
        case let e as ChatTurnRecorded:
            c.turns = max(c.turns, e.turn)
            c.dialogue = e.state
            if let memory = e.personal?.memory { c.memory = memory }
            if let intent = e.intent { c.intents[e.turn] = intent }
            if e.asksFeedback { c.feedbackOpen[e.turn] = e.sources.map(\.itemID) }
        case let e as ChatAnswerRated:
            c.feedbackOpen[e.turn] = nil
        case is ChatHandoffRequested:
            c.status = .waitingForAgent
            c.handoffRequestedAt = date
        case let e as ChatHandoffAccepted:
            c.status = .withAgent
            c.agent = e.agent
        case is ChatHandoffEnded:
            c.status = .open
            c.agent = nil
            c.handoffRequestedAt = nil
            c.dialogue = DialogueState(notHelpful: c.dialogue.notHelpful)
        case let e as ChatTicketCreated:
            c.ticketIDs.append(e.ticketID)
        case is ConversationClosed:
            c.status = .closed
        default:
            break
        }
        return c
    }

    /// Whether `account` (or the holder of a visitor token with this hash) may read and write the conversation.
    public func isParticipant(account: AccountID?, visitorTokenHash hash: String?) -> Bool {
        if let customer { return account == customer }
        guard let mine = visitorTokenHash, let hash, mine.utf8.count == hash.utf8.count else { return false }
        // Constant time over equal lengths: the hash is not secret, but the habit costs nothing.
        return zip(mine.utf8, hash.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
