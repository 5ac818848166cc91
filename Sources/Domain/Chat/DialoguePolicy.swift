import Foundation

/// How the assistant answers: pure rules over the conversation, what was understood of the message and the
/// facts the caller looked up. It never reads a clock or a store; the same inputs give the same reply.
///
/// The order of precedence for a message:
/// 1. "talk to a human" wins anywhere;
/// 2. a pending question (slot, ticket field, confirmation, ticket offer) takes the answer if it fits;
/// 3. a recognised intent acts by its ``IntentAction``;
/// 4. otherwise the FAQ and knowledge base answer, if they have something good enough;
/// 5. otherwise the assistant says it is unsure, and the second time in a row hands over (or offers a ticket).
public struct DialoguePolicy: Sendable {
    /// Intents by name, as editors defined them.
    public var intents: [String: IntentDefinition]
    /// A knowledge-base answer needs at least this score to be offered.
    public var knowledgeMinimumScore: Double
    /// Low-confidence turns in a row, and "didn't help" answers, before a person is offered.
    public var lowConfidenceLimit: Int
    public var notHelpfulLimit: Int

    public init(intents: [IntentDefinition], knowledgeMinimumScore: Double = 0.35, lowConfidenceLimit: Int = 2, notHelpfulLimit: Int = 2) {
        self.intents = Dictionary(intents.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.knowledgeMinimumScore = knowledgeMinimumScore
        self.lowConfidenceLimit = lowConfidenceLimit
        self.notHelpfulLimit = notHelpfulLimit
    }

    /// Quick-reply payloads the widget sends for the assistant's own buttons.
    public enum Payload {
        public static let human = "/human", ticket = "/ticket", yes = "/yes", no = "/no", status = "/status", category = "/category "
    }

    /// What the message asks for: a button's meaning, or the recognised intent's action.
    func action(of u: Understanding) -> (IntentAction, IntentDefinition?)? {
        if let p = u.quickReply {
            switch p {
            case Payload.human: return (.handoff, nil)
            case Payload.ticket: return (.createTicket, nil)
            case Payload.yes: return (.affirm, nil)
            case Payload.no: return (.deny, nil)
            case Payload.status: return (.ticketStatus, nil)
            default: break
            }
        }
        guard let name = u.intent, let definition = intents[name] else { return nil }
        return (definition.action, definition)
    }

    /// The text to search the knowledge base with for this message, or nil when the reply will not need it.
    /// A short follow-up ("and how long does that take?") is searched together with the last question answered.
    public func knowledgeQuery(for u: Understanding, in c: Conversation) -> String? {
        if u.quickReply != nil { return nil }
        if let (action, _) = action(of: u), action != .searchKnowledge { return nil }
        if [.collectingTicket, .fillingSlots].contains(c.dialogue.stage), c.dialogue.pendingSlot != nil { return nil }
        if Self.isFollowUp(u.text), let last = c.memory.lastQuestion { return last + " " + u.text }
        return u.text
    }

    /// Whether the reply will report on tickets (so the caller looks the customer's tickets up only then).
    public func needsTickets(for u: Understanding) -> Bool {
        action(of: u)?.0 == .ticketStatus
    }

    static func isFollowUp(_ text: String) -> Bool {
        let t = text.lowercased()
        let words = t.split(whereSeparator: { !$0.isLetter && $0 != "'" })
        guard words.count <= 10 else { return false }
        let openers = ["and ", "what about", "how about", "also ", "so ", "then "]
        return openers.contains { t.hasPrefix($0) } || words.contains { ["that", "it", "this", "those", "them"].contains(String($0)) }
    }

    /// The reply to one message.
    /// - Throws: ``DomainError`` when the conversation is closed or a person has it (their messages go to the agent).
    public func respond(to u: Understanding, in c: Conversation, facts: ChatFacts) throws -> DialogueOutcome {
        try c.requireOpen()
        guard c.status == .open else { throw DomainError.rejected("an agent is handling this conversation; your message goes to them") }
        var state = c.dialogue
        var memory = c.memory
        let recognised = action(of: u)

        if recognised?.0 == .handoff { return handoff(.asked, state: state, memory: memory, facts: facts) }

        switch state.stage {
        case .confirmingTicket:
            if recognised?.0 == .affirm, let request = ticketRequest(memory, facts: facts) {
                return DialogueOutcome(reply: ChatReply(kind: .notice, text: "Opening your ticket…"), state: state, memory: memory,
                                       effect: .createTicket(request))
            }
            if recognised?.0 == .deny { return cancelTicket(state: state, memory: memory) }
            if recognised == nil { return summary(state: state, memory: memory, facts: facts, prefix: "Please answer yes or no. ") }
            state.stage = .idle
        case .offeringTicket:
            if recognised?.0 == .affirm { return startTicket(category: nil, subject: topicTitle(state), state: state, memory: memory, facts: facts) }
            if recognised?.0 == .deny {
                state.stage = .idle
                return DialogueOutcome(reply: ChatReply(kind: .smallTalk, text: "All right. Ask me anything else whenever you like."),
                                       state: state, memory: memory)
            }
            state.stage = .idle
        case .collectingTicket:
            if recognised?.0 == .deny { return cancelTicket(state: state, memory: memory) }
            if let outcome = collectTicketAnswer(u, recognised: recognised?.0, state: state, memory: memory, facts: facts) { return outcome }
            state = DialogueState(lowConfidenceStreak: state.lowConfidenceStreak, notHelpful: state.notHelpful)
        case .fillingSlots:
            if recognised?.0 == .deny {
                state = DialogueState(lowConfidenceStreak: state.lowConfidenceStreak, notHelpful: state.notHelpful)
                return DialogueOutcome(reply: ChatReply(kind: .smallTalk, text: "No problem, let's leave it there. What else can I do for you?"),
                                       state: state, memory: memory)
            }
            if let outcome = fillSlotAnswer(u, recognised: recognised?.0, state: state, memory: memory, facts: facts) { return outcome }
            state = DialogueState(lowConfidenceStreak: state.lowConfidenceStreak, notHelpful: state.notHelpful)
        case .idle:
            break
        }

        guard let (action, definition) = recognised else { return unrecognised(u, state: state, memory: memory, facts: facts) }
        state.lowConfidenceStreak = 0
        switch action {
        case .greeting, .thanks, .capabilities, .goodbye, .affirm, .deny:
            return smallTalk(action, definition: definition, state: state, memory: memory)
        case .answer:
            guard let definition else { return unrecognised(u, state: state, memory: memory, facts: facts) }
            return beginAnswer(definition, u: u, state: state, memory: memory, facts: facts)
        case .searchKnowledge:
            return unrecognised(u, state: state, memory: memory, facts: facts)
        case .createTicket:
            return startTicket(category: u.entity(.category)?.value, preferred: definition?.categoryID, subject: nil, state: state, memory: memory,
                               facts: facts)
        case .ticketStatus:
            return ticketStatus(u, state: state, memory: memory, facts: facts)
        case .handoff:
            return handoff(.asked, state: state, memory: memory, facts: facts)
        }
    }

    func topicTitle(_ state: DialogueState) -> String? {
        state.topic.flatMap { intents[$0]?.title }
    }

    /// Nothing recognised: the knowledge base's best answer, or "not sure" (and after repeated misses, a person).
    func unrecognised(_ u: Understanding, state: DialogueState, memory: DialogueMemory, facts: ChatFacts) -> DialogueOutcome {
        var state = state, memory = memory
        state.stage = .idle
        state.pendingSlot = nil
        if let hit = facts.knowledge.first, hit.score >= knowledgeMinimumScore {
            state.lowConfidenceStreak = 0
            memory.lastQuestion = u.text
            let text = hit.answer.isEmpty ? "This article should help: \(hit.title)." : hit.answer
            return DialogueOutcome(
                reply: ChatReply(kind: .knowledge, text: text, sources: facts.knowledge.prefix(3).filter { $0.score >= knowledgeMinimumScore }
                                    .map { ReplySource(itemID: $0.itemID, title: $0.title, url: $0.url) },
                                 quickReplies: [QuickReply("Talk to a person", payload: Payload.human), QuickReply("Open a ticket", payload: Payload.ticket)],
                                 asksFeedback: true),
                state: state, memory: memory)
        }
        state.lowConfidenceStreak += 1
        if state.lowConfidenceStreak >= lowConfidenceLimit {
            state.lowConfidenceStreak = 0
            var outcome = handoff(.lowConfidence, state: state, memory: memory, facts: facts)
            outcome.missed = true
            return outcome
        }
        return DialogueOutcome(
            reply: ChatReply(kind: .fallback, text: "I'm not sure I understood. Could you put it another way? You can also open a ticket or talk to a person.",
                             quickReplies: [QuickReply("Open a ticket", payload: Payload.ticket), QuickReply("Talk to a person", payload: Payload.human)]),
            state: state, memory: memory, missed: true)
    }

    /// Greetings, thanks, "what can you do", goodbye — the intent's own words when an editor wrote them.
    func smallTalk(_ action: IntentAction, definition: IntentDefinition?, state: DialogueState, memory: DialogueMemory) -> DialogueOutcome {
        let fallback: String = switch action {
        case .greeting: "Hello! How can I help you today?"
        case .thanks: "You're welcome! Anything else?"
        case .goodbye: "Goodbye, and thanks for getting in touch."
        case .capabilities: "I can answer questions from our help centre, tell you where your tickets stand, open a ticket for you, or put you through to a person."
        default: "All right."
        }
        let buttons = definition?.quickReplies.map { QuickReply($0) } ?? []
        let standard = [QuickReply("Open a ticket", payload: Payload.ticket), QuickReply("My ticket's status", payload: Payload.status),
                        QuickReply("Talk to a person", payload: Payload.human)]
        return DialogueOutcome(reply: ChatReply(kind: .smallTalk, text: definition?.answer ?? fallback,
                                                quickReplies: buttons.isEmpty && action != .goodbye ? standard : buttons),
                               state: state, memory: memory)
    }

    /// Hands over to a person when one is online; otherwise offers a ticket.
    func handoff(_ reason: HandoffReason, state: DialogueState, memory: DialogueMemory, facts: ChatFacts) -> DialogueOutcome {
        var state = state
        state.pendingSlot = nil
        state.attempts = 0
        if facts.agentsOnline {
            state.stage = .idle
            return DialogueOutcome(reply: ChatReply(kind: .handoff, text: "I'm putting you through to a person. They will see our conversation so far; please stay here."),
                                   state: state, memory: memory, effect: .handoff(reason))
        }
        state.stage = .offeringTicket
        let why = reason == .asked ? "Nobody from the team is online right now." : "I'm sorry I couldn't help, and nobody from the team is online right now."
        return DialogueOutcome(
            reply: ChatReply(kind: .question, text: why + " Shall I open a ticket so they get back to you?",
                             quickReplies: [QuickReply("Yes, open a ticket", payload: Payload.yes), QuickReply("No, thanks", payload: Payload.no)]),
            state: state, memory: memory)
    }
}
