import Domain
import Foundation

/// A conversation as lists show it: no words, only its shape (who, when, where it stands).
public struct ConversationSummary: Codable, Sendable, Equatable {
    public var id: UUID
    public var customer: AccountID?
    public var channel: String
    public var startedAt: Date
    public var lastActivity: Date
    public var status: Conversation.Status
    public var turns: Int
    /// The last intent recognised.
    public var lastIntent: String?
    public var handoffReason: HandoffReason?
    public var handoffRequestedAt: Date?
    public var agent: AccountID?
    public var waitedSeconds: Double?
    public var liveMessages: Int
    public var ticketIDs: [UUID]
    public var closeReason: ConversationCloseReason?
    /// Stream version, for the next append.
    public var version: UInt64

    init(_ e: ConversationStarted, at date: Date) {
        id = e.conversationID
        customer = e.customer
        channel = e.channel
        startedAt = date
        lastActivity = date
        status = .open
        turns = 0
        liveMessages = 0
        ticketIDs = []
        version = 1
    }

    mutating func apply(_ event: any DomainEvent, at date: Date, version: UInt64) {
        self.version = version
        lastActivity = max(lastActivity, date)
        switch event {
        case let e as ChatTurnRecorded:
            turns = max(turns, e.turn)
            if let intent = e.intent { lastIntent = intent }
        case let e as ChatHandoffRequested:
            status = .waitingForAgent
            handoffReason = e.reason
            handoffRequestedAt = date
            waitedSeconds = nil
        case let e as ChatHandoffAccepted:
            status = .withAgent
            agent = e.agent
            waitedSeconds = e.waitedSeconds
        case is ChatHandoffEnded:
            status = .open
            agent = nil
        case is ChatMessagePosted:
            liveMessages += 1
        case let e as ChatTicketCreated:
            ticketIDs.append(e.ticketID)
        case let e as ConversationClosed:
            status = .closed
            closeReason = e.reason
        default:
            break
        }
    }
}
