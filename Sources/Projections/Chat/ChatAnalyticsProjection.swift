import Domain
import EventStore
import Foundation
import Synchronization

/// How the assistant does, per day (UTC): conversations, containment, handoffs, fallbacks, helpfulness,
/// intents and the customers' wait for a person. Counts only — no words — so it checkpoints.
public final class ChatAnalyticsProjection: Projection {
    struct Day: Codable, Equatable {
        var conversations = 0
        var closed = 0
        /// Closed without a handoff or a ticket.
        var contained = 0
        var turns = 0
        var fallbackTurns = 0
        var knowledgeAnswers = 0
        var handoffs: [String: Int] = [:]
        var pickedUp = 0
        var tickets = 0
        var helpful = 0
        var notHelpful = 0
        var intents: [String: Int] = [:]
        var waits: [Double] = []
    }

    struct Flags: Codable { var day: String; var handedOff = false; var ticket = false }

    struct State: Codable {
        var days: [String: Day] = [:]
        /// Open conversations: the day they started (they count on that day) and what happened so far.
        var open: [UUID: Flags] = [:]
    }

    public let name = "chat-analytics"
    public let version = 1
    public let eventTypes: Set<String>? = [
        ConversationStarted.eventType, ChatTurnRecorded.eventType, ChatHandoffRequested.eventType, ChatHandoffAccepted.eventType,
        ChatTicketCreated.eventType, ChatAnswerRated.eventType, ConversationClosed.eventType,
    ]
    private let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        let domain = try event.domainEvent()
        let today = UTCCalendarDay(event.recordedAt).dayKey
        state.withLock { s in
            switch domain {
            case let e as ConversationStarted:
                s.open[e.conversationID] = Flags(day: today)
                s.days[today, default: Day()].conversations += 1
            case let e as ChatTurnRecorded:
                var d = s.days[today, default: Day()]
                d.turns += 1
                if e.missed { d.fallbackTurns += 1 }
                if e.replyKind == .knowledge { d.knowledgeAnswers += 1 }
                if let intent = e.intent { d.intents[intent, default: 0] += 1 }
                s.days[today] = d
            case let e as ChatHandoffRequested:
                s.open[e.conversationID]?.handedOff = true
                s.days[today, default: Day()].handoffs[e.reason.rawValue, default: 0] += 1
            case let e as ChatHandoffAccepted:
                var d = s.days[today, default: Day()]
                d.pickedUp += 1
                d.waits.append(e.waitedSeconds)
                s.days[today] = d
            case let e as ChatTicketCreated:
                s.open[e.conversationID]?.ticket = true
                s.days[today, default: Day()].tickets += 1
            case let e as ChatAnswerRated:
                if e.helpful { s.days[today, default: Day()].helpful += 1 } else { s.days[today, default: Day()].notHelpful += 1 }
            case let e as ConversationClosed:
                guard let flags = s.open.removeValue(forKey: e.conversationID) else { return }
                // Containment counts on the day the conversation started, with the conversations it is a share of.
                s.days[flags.day, default: Day()].closed += 1
                if !flags.handedOff && !flags.ticket { s.days[flags.day, default: Day()].contained += 1 }
            default:
                break
            }
        }
    }

    /// The report over `from`…`to` (inclusive `yyyy-MM-dd` days, UTC); nil bounds are open.
    public func report(from: String? = nil, to: String? = nil, topIntents: Int = 10) -> ChatAnalyticsReport {
        let days = state.withLock { $0.days }.filter { (from == nil || $0.key >= from!) && (to == nil || $0.key <= to!) }
        return ChatAnalyticsReport(days: days, topIntents: topIntents)
    }

    public func snapshot() throws -> [UInt8] { try SnapshotCodec.encode(state.withLock { $0 }, version: version) }

    public func restore(from snapshot: [UInt8]) throws {
        let stored = try SnapshotCodec.decode(State.self, from: snapshot)
        state.withLock { $0 = stored }
    }

    public func reset() { state.withLock { $0 = State() } }
}
