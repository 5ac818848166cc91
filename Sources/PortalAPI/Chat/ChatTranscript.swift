import Domain
import EventStore
import Foundation
import Projections

/// One line of a conversation as its participants read it.
public struct ChatLine: Codable, Sendable, Equatable {
    public enum Author: String, Codable, Sendable { case customer, assistant, agent, system }
    public var from: Author
    public var text: String
    public var at: Date
    /// The assistant's turn the line belongs to (for "Did this help?").
    public var turn: Int?
    /// The reply's kind, for assistant lines.
    public var kind: ReplyKind?
    public var sources: [ReplySource]
    public var quickReplies: [QuickReply]
    public var asksFeedback: Bool
    /// What was recognised in a customer's message (agents see it on the desk).
    public var intent: String?
    public var confidence: Double?

    /// The line as customers see it: without what was recognised in their message.
    var forCustomer: ChatLine {
        var line = self
        line.intent = nil
        line.confidence = nil
        return line
    }

    init(from: Author, text: String, at: Date, turn: Int? = nil, kind: ReplyKind? = nil, sources: [ReplySource] = [], quickReplies: [QuickReply] = [],
         asksFeedback: Bool = false, intent: String? = nil, confidence: Double? = nil) {
        self.from = from
        self.text = text
        self.at = at
        self.turn = turn
        self.kind = kind
        self.sources = sources
        self.quickReplies = quickReplies
        self.asksFeedback = asksFeedback
        self.intent = intent
        self.confidence = confidence
    }
}

/// A conversation with its transcript.
public struct ChatConversationView: Codable, Sendable, Equatable {
    public var id: UUID
    public var status: Conversation.Status
    public var startedAt: Date
    public var lastActivity: Date
    public var timeZone: String
    public var lines: [ChatLine]
    public var ticketIDs: [UUID]
    /// When it joined the agents' queue, while it waits or an agent has it.
    public var handoffRequestedAt: Date?
    public var agent: String?
}

/// Builds transcripts from a conversation's events.
enum ChatTranscript {
    /// The lines one event adds; `forAgent` adds what was recognised.
    static func lines(_ event: any DomainEvent, at date: Date, forAgent: Bool = true) -> [ChatLine] {
        switch event {
        case let e as ChatTurnRecorded:
            var out: [ChatLine] = []
            if let text = e.personal?.text, !text.isEmpty {
                out.append(ChatLine(from: .customer, text: text, at: date, turn: e.turn, intent: forAgent ? e.intent : nil,
                                    confidence: forAgent ? e.confidence : nil))
            }
            out.append(ChatLine(from: .assistant, text: e.personal?.reply ?? "(erased)", at: date, turn: e.turn, kind: e.replyKind,
                                sources: e.sources, quickReplies: e.quickReplies, asksFeedback: e.asksFeedback))
            return out
        case let e as ChatMessagePosted:
            return [ChatLine(from: e.author == .agent ? .agent : .customer, text: e.personal?.text ?? "(erased)", at: date)]
        case is ChatHandoffRequested:
            return [ChatLine(from: .system, text: "Waiting for a person to join.", at: date)]
        case is ChatHandoffAccepted:
            return [ChatLine(from: .system, text: "A person from the team joined the conversation.", at: date)]
        case let e as ChatHandoffEnded:
            return [ChatLine(from: .system, text: e.unanswered ? "You left the queue; the assistant is back." : "The assistant is back.", at: date)]
        case let e as ChatTicketCreated:
            return [ChatLine(from: .system, text: "Ticket \(TicketFact.reference(e.ticketID)) was opened from this conversation.", at: date)]
        case is ConversationClosed:
            return [ChatLine(from: .system, text: "The conversation has ended.", at: date)]
        default:
            return []
        }
    }

    /// The conversation and its transcript, folded from its stream's records.
    static func view(_ records: [RecordedEvent], forAgent: Bool) throws -> (Conversation, ChatConversationView)? {
        guard let first = records.first, let started = try first.domainEvent() as? ConversationStarted else { return nil }
        var conversation = Conversation(started: started, at: first.recordedAt)
        var lines: [ChatLine] = []
        for record in records.dropFirst() {
            let event = try record.domainEvent()
            conversation = conversation.evolve(event, at: record.recordedAt)
            lines += Self.lines(event, at: record.recordedAt, forAgent: forAgent)
        }
        let view = ChatConversationView(id: conversation.id, status: conversation.status, startedAt: conversation.startedAt,
                                        lastActivity: conversation.lastActivity, timeZone: conversation.timeZone, lines: lines,
                                        ticketIDs: conversation.ticketIDs, handoffRequestedAt: conversation.handoffRequestedAt,
                                        agent: conversation.agent?.description)
        return (conversation, view)
    }
}
