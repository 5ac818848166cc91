import Domain
import Foundation
import Testing

private typealias S = ChatScenario

@Suite("Chat — conversation lifecycle")
struct ConversationLifecycleTests {
    let agent = AccountID(UUID(uuidString: "0190f5d2-2222-7000-8000-0000000000a9")!)
    let other = AccountID(UUID(uuidString: "0190f5d2-2222-7000-8000-0000000000aa")!)

    @Test func aConversationIdleForHalfAnHourIsClosedAndTakesNoMoreMessages() throws {
        var chat = S()
        try chat.say("hello", intent: "greeting")
        let last = chat.now
        #expect(throws: DomainError.rejected("the conversation is still active")) {
            try chat.conversation.decideIdleClose(now: last + Conversation.idleTimeout - 1)
        }
        let closed = try chat.conversation.decideIdleClose(now: last + Conversation.idleTimeout)
        #expect(closed == ConversationClosed(conversationID: S.id, reason: .idle))
        chat.apply(closed)
        #expect(throws: DomainError.rejected("this conversation has ended; start a new one")) { try chat.say("hello again", intent: "greeting") }
    }

    @Test func anAgentPicksUpAndTheWaitIsMeasuredFromTheHandoff() throws {
        var chat = S()
        try chat.say("talk to a human", intent: "handoff")
        let queued = chat.now
        let waiting = try chat.conversation.decideLiveMessage("Still there?", author: .customer, agent: nil)
        #expect(waiting.personal?.text == "Still there?")
        #expect(throws: DomainError.rejected("pick the conversation up first")) {
            try chat.conversation.decideLiveMessage("Hi", author: .agent, agent: agent)
        }
        let picked = try chat.conversation.decidePickUp(by: agent, now: queued + 95)
        #expect(picked == ChatHandoffAccepted(conversationID: S.id, agent: agent, waitedSeconds: 95))
        chat.apply(picked)
        #expect(throws: DomainError.rejected("another agent has picked it up")) { try chat.conversation.decidePickUp(by: other, now: queued + 99) }
        #expect(try chat.conversation.decideLiveMessage("Hi, I'm Sam.", author: .agent, agent: agent).agent == agent)
        #expect(throws: DomainError.rejected("pick the conversation up first")) {
            try chat.conversation.decideLiveMessage("Me too", author: .agent, agent: other)
        }
        let ended = try chat.conversation.decideEndHandoff(by: .agent, agent: agent)
        #expect(!ended.unanswered)
        chat.apply(ended)
        #expect(chat.conversation.status == .open)
        #expect(try chat.say("thanks", intent: "greeting").reply.kind == .smallTalk)
    }

    @Test func aCustomerWhoStopsWaitingLeavesTheQueueUnanswered() throws {
        var chat = S()
        try chat.say("agent please", intent: "handoff")
        let left = try chat.conversation.decideEndHandoff(by: .customer, agent: nil)
        #expect(left.unanswered)
        chat.apply(left)
        #expect(throws: DomainError.rejected("this conversation is not waiting for an agent")) {
            try chat.conversation.decidePickUp(by: agent, now: chat.now)
        }
    }

    @Test func startingChecksTheTimeZoneAndWhoOwnsIt() throws {
        #expect(throws: FieldError(field: "timeZone", message: "Give an IANA time zone such as Europe/Berlin, or leave it out for UTC.")) {
            try Conversation.decideStart(id: S.id, customer: S.customer, visitorTokenHash: nil, timeZone: "Mars/Olympus", channel: "api")
        }
        #expect(throws: DomainError.rejected("a conversation belongs to a customer or to one visitor")) {
            try Conversation.decideStart(id: S.id, customer: S.customer, visitorTokenHash: "ab", timeZone: "UTC", channel: "api")
        }
        let started = try Conversation.decideStart(id: S.id, customer: nil, visitorTokenHash: "ab", timeZone: "UTC", channel: "widget")
        #expect(Conversation(started: started, at: S.t0).subject == "conversation-\(S.id.uuidString.lowercased())")
    }

    @Test func messagesAreTrimmedAndBounded() throws {
        #expect(try Conversation.checkedMessage("  hi  ") == "hi")
        #expect(throws: FieldError(field: "text", message: "Write a message first.")) { try Conversation.checkedMessage(" \n ") }
        #expect(throws: FieldError.self) { try Conversation.checkedMessage(String(repeating: "a", count: 2_001)) }
    }

    @Test func aTurnsPersonalPartIsSealedAndTheStateReplaysFromTheLog() throws {
        var chat = S()
        try chat.say("my order hasn't arrived", intent: "order_not_arrived")
        let turn = ChatTurnRecorded(conversationID: S.id, turn: 2, understanding: Understanding(text: "last Tuesday", intent: nil, confidence: 0.2,
                                    entities: [S.date("last Tuesday", "2025-11-18")]),
                                    modelVersion: 3, reply: ChatReply(kind: .answer, text: "…"), state: DialogueState(topic: "order_not_arrived"),
                                    memory: DialogueMemory(slots: ["order_date": "2025-11-18"]))
        let encoded = try EventCatalog.encode(turn)
        let publicJSON = String(decoding: encoded.data, as: UTF8.self)
        #expect(!publicJSON.contains("Tuesday") && !publicJSON.contains("2025-11-18"))
        let back = try EventCatalog.decode(type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data, personal: encoded.personal)
        #expect(back as? ChatTurnRecorded == turn)
        let erased = try EventCatalog.decode(type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data, personal: nil)
        #expect((erased as? ChatTurnRecorded)?.reply.text == "")
    }
}
