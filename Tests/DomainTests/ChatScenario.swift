import Domain
import Foundation
import Testing

/// A conversation driven turn by turn through the dialogue policy, recording each turn as the service does.
struct ChatScenario {
    static let t0 = FixedContext.now
    static let id = UUID(uuidString: "0190f5d2-3333-7000-8000-0000000000e1")!
    static let customer = AccountID(UUID(uuidString: "0190f5d2-2222-7000-8000-0000000000c7")!)
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    static let intents: [IntentDefinition] = [
        IntentDefinition(name: "greeting", title: "Greeting", action: .greeting),
        IntentDefinition(name: "handoff", title: "Talk to a person", action: .handoff),
        IntentDefinition(name: "create_ticket", title: "Open a ticket", action: .createTicket),
        IntentDefinition(name: "ticket_status", title: "Ticket status", action: .ticketStatus),
        IntentDefinition(name: "affirm", title: "Yes", action: .affirm),
        IntentDefinition(name: "deny", title: "No", action: .deny),
        IntentDefinition(name: "order_not_arrived", title: "Order not arrived", action: .answer,
                         answer: "Orders placed on {order_date} usually arrive within 5 working days.",
                         slots: [SlotDefinition(name: "order_date", kind: .date, prompt: "When did you order it?")]),
    ]
    static let categories = [
        ChatCategory(id: "billing", name: "Billing", fields: [
            FormField(id: "invoice", label: "Which invoice?", kind: .singleChoice, required: true, options: ["Latest", "Older"]),
            FormField(id: "note", label: "Anything else?", kind: .text),
        ]),
        ChatCategory(id: "technical", name: "Technical", fields: []),
    ]

    var conversation: Conversation
    var now: Date
    var facts: ChatFacts
    let policy = DialoguePolicy(intents: ChatScenario.intents)

    init(signedIn: Bool = true, agentsOnline: Bool = true) {
        let started = ConversationStarted(conversationID: Self.id, customer: signedIn ? Self.customer : nil,
                                          visitorTokenHash: signedIn ? nil : "ab12", timeZone: "Europe/Berlin", channel: "widget")
        conversation = Conversation(started: started, at: Self.t0)
        now = Self.t0
        facts = ChatFacts(signedIn: signedIn, agentsOnline: agentsOnline, categories: Self.categories, timeZone: Self.berlin)
    }

    /// The customer writes `text`; the classifier said `intent` (nil: out of scope).
    @discardableResult
    mutating func say(_ text: String, intent: String? = nil, confidence: Double = 0.9, entities: [ChatEntity] = [],
                      quickReply: String? = nil, knowledge: [KnowledgeHit] = [], after seconds: TimeInterval = 10) throws -> DialogueOutcome {
        let u = Understanding(text: text, intent: intent, confidence: intent == nil ? 0.2 : confidence, entities: entities, quickReply: quickReply)
        var f = facts
        f.knowledge = knowledge
        let outcome = try policy.respond(to: u, in: conversation, facts: f)
        record(outcome, understanding: u, after: seconds)
        return outcome
    }

    mutating func press(_ payload: String) throws -> DialogueOutcome { try say(payload, quickReply: payload) }

    mutating func record(_ outcome: DialogueOutcome, understanding: Understanding?, after seconds: TimeInterval = 10) {
        now += seconds
        let turn = ChatTurnRecorded(conversationID: Self.id, turn: conversation.turns + 1, understanding: understanding, modelVersion: 1,
                                    reply: outcome.reply, state: outcome.state, memory: outcome.memory, missed: outcome.missed)
        apply(turn)
        if case .handoff(let reason) = outcome.effect { apply(ChatHandoffRequested(conversationID: Self.id, reason: reason, intent: outcome.state.topic)) }
    }

    mutating func apply(_ event: any DomainEvent) { conversation = conversation.evolve(event, at: now) }

    static func date(_ text: String, _ value: String) -> ChatEntity { ChatEntity(kind: .date, text: text, value: value) }
    static let faq = KnowledgeHit(itemID: "faq-1", title: "How do I reset my password?", url: "/kb/reset-password",
                                  answer: "Use “Forgot password” on the sign-in page.", score: 0.8)
}
