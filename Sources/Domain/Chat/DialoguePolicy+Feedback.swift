import Foundation

extension DialoguePolicy {
    /// "Did this help?" for a turn that asked it. Not helping twice brings in a person (or the offer of a ticket).
    /// - Returns: the rating, and the assistant's reply when it says something back.
    public func rate(turn: Int, helpful: Bool, in c: Conversation, facts: ChatFacts) throws -> (ChatAnswerRated, DialogueOutcome?) {
        try c.requireOpen()
        guard let items = c.feedbackOpen[turn] else {
            throw DomainError.rejected(turn >= 1 && turn <= c.turns ? "this answer is rated already, or asked for no rating" : "there is no such turn")
        }
        let rated = ChatAnswerRated(conversationID: c.id, turn: turn, helpful: helpful, itemIDs: items, intent: c.intents[turn])
        guard !helpful else { return (rated, nil) }
        guard c.status == .open else { return (rated, nil) }
        var state = c.dialogue
        state.notHelpful += 1
        if state.notHelpful >= notHelpfulLimit {
            return (rated, handoff(.notHelpful, state: state, memory: c.memory, facts: facts))
        }
        let reply = ChatReply(kind: .question, text: "Sorry that didn't help. Could you tell me more, in other words? Or I can open a ticket or get a person.",
                              quickReplies: [QuickReply("Open a ticket", payload: Payload.ticket), QuickReply("Talk to a person", payload: Payload.human)])
        return (rated, DialogueOutcome(reply: reply, state: state, memory: c.memory))
    }
}
