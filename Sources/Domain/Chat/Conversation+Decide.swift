import Foundation

extension Conversation {
    public static let maximumMessage = 2_000
    /// A conversation with no activity for this long is closed.
    public static let idleTimeout: TimeInterval = 30 * 60

    /// Starts a conversation: a signed-in customer, or an anonymous visitor holding a token whose hash is given.
    public static func decideStart(id: UUID, customer: AccountID?, visitorTokenHash: String?, timeZone: String, channel: String) throws -> ConversationStarted {
        guard (customer == nil) != (visitorTokenHash == nil) else { throw DomainError.rejected("a conversation belongs to a customer or to one visitor") }
        guard TimeZone(identifier: timeZone) != nil else {
            throw FieldError(field: "timeZone", message: "Give an IANA time zone such as Europe/Berlin, or leave it out for UTC.")
        }
        guard ["widget", "api"].contains(channel) else { throw FieldError(field: "channel", message: "The channel is widget or api.") }
        return ConversationStarted(conversationID: id, customer: customer, visitorTokenHash: visitorTokenHash, timeZone: timeZone, channel: channel)
    }

    /// The message as it will be understood: trimmed, 1–2,000 characters.
    public static func checkedMessage(_ text: String) throws -> String {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { throw FieldError(field: "text", message: "Write a message first.") }
        guard t.count <= maximumMessage else { throw FieldError(field: "text", message: "A message is at most \(maximumMessage) characters.") }
        return t
    }

    public func requireOpen() throws {
        guard status != .closed else { throw DomainError.rejected("this conversation has ended; start a new one") }
    }

    /// A message while a person has (or is about to have) the conversation: it goes to them, not to the assistant.
    public func decideLiveMessage(_ text: String, author: ChatAuthor, agent: AccountID?) throws -> ChatMessagePosted {
        try requireOpen()
        let t = try Self.checkedMessage(text)
        switch author {
        case .customer:
            guard status == .waitingForAgent || status == .withAgent else { throw DomainError.rejected("no agent is in this conversation") }
        case .agent:
            guard status == .withAgent, let agent, agent == self.agent else { throw DomainError.rejected("pick the conversation up first") }
        }
        return ChatMessagePosted(conversationID: id, author: author, agent: author == .agent ? agent : nil, text: t)
    }

    /// An agent takes the conversation from the queue; the wait is measured from the handoff.
    public func decidePickUp(by agent: AccountID, now: Date) throws -> ChatHandoffAccepted {
        try requireOpen()
        switch status {
        case .waitingForAgent: break
        case .withAgent: throw DomainError.rejected(self.agent == agent ? "you have this conversation already" : "another agent has picked it up")
        default: throw DomainError.rejected("this conversation is not waiting for an agent")
        }
        let waited = max(0, now.timeIntervalSince(handoffRequestedAt ?? now))
        return ChatHandoffAccepted(conversationID: id, agent: agent, waitedSeconds: waited)
    }

    /// The agent hands the conversation back to the assistant, or the customer stops waiting.
    public func decideEndHandoff(by author: ChatAuthor, agent: AccountID?) throws -> ChatHandoffEnded {
        try requireOpen()
        guard status == .waitingForAgent || status == .withAgent else { throw DomainError.rejected("no agent is in this conversation") }
        if author == .agent { guard status == .withAgent, agent == self.agent else { throw DomainError.rejected("only the agent who has it can end it") } }
        return ChatHandoffEnded(conversationID: id, by: author, unanswered: status == .waitingForAgent)
    }

    /// Closes a conversation nobody has touched for ``idleTimeout``.
    public func decideIdleClose(now: Date, timeout: TimeInterval = Conversation.idleTimeout) throws -> ConversationClosed {
        try requireOpen()
        guard now.timeIntervalSince(lastActivity) >= timeout else { throw DomainError.rejected("the conversation is still active") }
        return ConversationClosed(conversationID: id, reason: .idle)
    }

    /// The customer (or the agent) ends the conversation.
    public func decideClose(by reason: ConversationCloseReason) throws -> ConversationClosed {
        try requireOpen()
        return ConversationClosed(conversationID: id, reason: reason)
    }
}
