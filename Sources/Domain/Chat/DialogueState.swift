import Foundation

/// Where the dialogue stands between two turns. It travels with every turn event (the slot values in the
/// sealed part), so a conversation's state is the last turn's state and replays exactly.
public struct DialogueState: Codable, Sendable, Equatable {
    public enum Stage: String, Codable, Sendable {
        /// Nothing pending: the next message is understood on its own.
        case idle
        /// Asking for the slots of the topic intent before answering.
        case fillingSlots
        /// Collecting a ticket's category, subject, description and form fields.
        case collectingTicket
        /// The ticket's summary is shown; waiting for yes or no.
        case confirmingTicket
        /// No agent is online (or nothing helped): offering to open a ticket instead.
        case offeringTicket
    }

    public var stage: Stage
    /// The intent the conversation is about, for follow-ups and slots.
    public var topic: String?
    /// The slot or ticket field asked for last (`order_date`, `category`, `subject`, `field.<id>`).
    public var pendingSlot: String?
    /// Failed attempts at the pending slot; after two the assistant lets it go.
    public var attempts: Int
    /// Turns in a row that were neither understood nor answered from the knowledge base.
    public var lowConfidenceStreak: Int
    /// "Didn't help" answers in this conversation.
    public var notHelpful: Int

    public init(stage: Stage = .idle, topic: String? = nil, pendingSlot: String? = nil, attempts: Int = 0, lowConfidenceStreak: Int = 0,
                notHelpful: Int = 0) {
        self.stage = stage
        self.topic = topic
        self.pendingSlot = pendingSlot
        self.attempts = attempts
        self.lowConfidenceStreak = lowConfidenceStreak
        self.notHelpful = notHelpful
    }

    public static let initial = DialogueState()
}

/// The personal side of the dialogue state: values the customer gave, sealed under their key.
public struct DialogueMemory: Codable, Sendable, Equatable {
    /// Slot or ticket field → value (`field.<id>` values are joined choices).
    public var slots: [String: String]
    /// The customer's last question that was answered, to resolve follow-ups ("and how long does that take?").
    public var lastQuestion: String?

    public init(slots: [String: String] = [:], lastQuestion: String? = nil) {
        self.slots = slots
        self.lastQuestion = lastQuestion
    }
}
