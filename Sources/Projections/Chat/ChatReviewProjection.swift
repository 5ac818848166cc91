import Domain
import EventStore
import Foundation
import Synchronization

/// The learning queue: messages the assistant did not understand well enough, for editors to label.
///
/// A turn enters the queue when its intent was recognised with a confidence below ``reviewConfidence``, when
/// nothing was recognised and nothing in the knowledge base answered it (out of scope: the turn is `missed`,
/// whether the reply was "not sure" or the handoff it led to), or when the customer said the answer didn't help. It leaves when it is reviewed, or when its text can no longer be read (the
/// customer was erased). Holds the customers' words, so it keeps no checkpoint and is rebuilt at each start.
public final class ChatReviewProjection: Projection {
    public enum Reason: String, Codable, Sendable { case lowConfidence, outOfScope, notHelpful }

    public struct Item: Sendable, Equatable, Codable {
        public var conversationID: UUID
        public var turn: Int
        public var text: String
        public var predicted: String?
        public var confidence: Double
        public var reason: Reason
        public var at: Date
        /// The subject whose key seals the text (the customer's, or the visitor conversation's).
        public var subject: String
    }

    struct Key: Hashable { var conversation: UUID; var turn: Int }

    struct State {
        var items: [Key: Item] = [:]
        /// Texts of turns that asked "Did this help?" and are not yet rated.
        var awaitingRating: [Key: Item] = [:]
        var subjects: [UUID: String] = [:]
        var reviewed: Set<Key> = []
    }

    public static let reviewConfidence = 0.6
    public let name = "chat-review"
    public let version = 1
    public let eventTypes: Set<String>? = [ConversationStarted.eventType, ChatTurnRecorded.eventType, ChatAnswerRated.eventType,
                                           ChatTurnReviewed.eventType, PersonalDataErased.eventType]
    public let needsPersonalData = true
    public let keepsCheckpoints = false
    private let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        let domain = try event.domainEvent()
        state.withLock { s in
            switch domain {
            case let e as ConversationStarted:
                s.subjects[e.conversationID] = e.customer?.stream ?? Conversation.visitorSubject(e.conversationID)
            case let e as ChatTurnRecorded:
                let key = Key(conversation: e.conversationID, turn: e.turn)
                guard let text = e.personal?.text, !s.reviewed.contains(key) else { return }
                let subject = s.subjects[e.conversationID] ?? Conversation.visitorSubject(e.conversationID)
                var item = Item(conversationID: e.conversationID, turn: e.turn, text: text, predicted: e.intent, confidence: e.confidence,
                                reason: .lowConfidence, at: event.recordedAt, subject: subject)
                if e.missed {
                    item.reason = .outOfScope
                    s.items[key] = item
                } else if e.intent != nil, e.confidence < Self.reviewConfidence {
                    s.items[key] = item
                }
                if e.asksFeedback { s.awaitingRating[key] = item }
            case let e as ChatAnswerRated:
                let key = Key(conversation: e.conversationID, turn: e.turn)
                guard var item = s.awaitingRating.removeValue(forKey: key) else { return }
                if !e.helpful, !s.reviewed.contains(key) {
                    item.reason = .notHelpful
                    item.at = event.recordedAt
                    s.items[key] = item
                }
            case let e as ChatTurnReviewed:
                let key = Key(conversation: e.conversationID, turn: e.turn)
                s.reviewed.insert(key)
                s.items[key] = nil
                s.awaitingRating[key] = nil
            case let e as PersonalDataErased:
                let subject = e.accountID.stream
                s.items = s.items.filter { $0.value.subject != subject }
                s.awaitingRating = s.awaitingRating.filter { $0.value.subject != subject }
            default:
                break
            }
        }
    }

    /// Open items, oldest first.
    public func queue(limit: Int = 100) -> [Item] {
        state.withLock { Array($0.items.values) }.sorted { ($0.at, $0.conversationID.uuidString, $0.turn) < ($1.at, $1.conversationID.uuidString, $1.turn) }
            .prefix(limit).map { $0 }
    }

    public func item(conversation: UUID, turn: Int) -> Item? { state.withLock { $0.items[Key(conversation: conversation, turn: turn)] } }

    public func isReviewed(conversation: UUID, turn: Int) -> Bool { state.withLock { $0.reviewed.contains(Key(conversation: conversation, turn: turn)) } }

    public var count: Int { state.withLock { $0.items.count } }

    public func snapshot() throws -> [UInt8] { [] }
    public func restore(from snapshot: [UInt8]) throws {}
    public func reset() { state.withLock { $0 = State() } }
}
