import Domain
import EventStore
import Foundation
import Projections
import Testing

/// Conversations written as the chat service writes them (turns sealed under the customer's key or the
/// visitor conversation's own), folded by `conversations`, `chat-review` and `chat-analytics`.
@Suite("Chat projections — conversations, learning queue, analytics")
struct ChatProjectionTests {
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24 16:00 UTC
    static func conversation(_ n: Int) -> UUID { UUID(uuidString: String(format: "0190f5d2-5555-7000-8000-%012d", n))! }

    final class Chat: @unchecked Sendable {
        // Used from one test task only.
        let log: TestLog, id: UUID, customer: AccountID?
        var turn = 0
        init(_ log: TestLog, _ n: Int, customer: AccountID?) async throws {
            self.log = log
            id = ChatProjectionTests.conversation(n)
            self.customer = customer
            try await log.append(ConversationStarted(conversationID: id, customer: customer, visitorTokenHash: customer == nil ? "ab" : nil,
                                                     timeZone: "UTC", channel: "widget"), to: Conversation.stream(id))
        }
        var subject: String { customer?.stream ?? Conversation.visitorSubject(id) }
        func say(_ text: String, intent: String?, confidence: Double, reply kind: ReplyKind, asksFeedback: Bool = false) async throws {
            turn += 1
            let e = ChatTurnRecorded(conversationID: id, turn: turn, understanding: Understanding(text: text, intent: intent, confidence: confidence),
                                     modelVersion: 1, reply: ChatReply(kind: kind, text: "reply", asksFeedback: asksFeedback),
                                     state: DialogueState(), memory: DialogueMemory(), missed: kind == .fallback)
            try await log.append(e, to: Conversation.stream(id), subject: subject)
        }
        func add(_ event: some DomainEvent) async throws { try await log.append(event, to: Conversation.stream(id), subject: subject) }
    }

    @Test func theQueueListsWaitingConversationsLongestWaitFirstAndACustomerSeesTheirs() async throws {
        let clock = LogClock(Self.t0)
        let log = try TestLog(clock: clock)
        let ann = IDs.account(1)
        let a = try await Chat(log, 1, customer: ann)
        let b = try await Chat(log, 2, customer: nil)
        try await b.add(ChatHandoffRequested(conversationID: b.id, reason: .lowConfidence, intent: nil))
        clock.advance(60)
        try await a.add(ChatHandoffRequested(conversationID: a.id, reason: .asked, intent: "order_not_arrived"))
        let p = ConversationsProjection()
        try await log.fold([p]).stop()
        #expect(p.queue().map(\.id) == [b.id, a.id])
        #expect(p.conversations(of: ann).map(\.id) == [a.id])

        let agent = IDs.account(9)
        try await b.add(ChatHandoffAccepted(conversationID: b.id, agent: agent, waitedSeconds: 60))
        try await a.add(ChatTicketCreated(conversationID: a.id, ticketID: Self.conversation(77), turn: 1))
        try await log.fold([p]).stop()
        #expect(p.queue().map(\.id) == [a.id])
        #expect(p.withAgent(agent).map(\.id) == [b.id])
        #expect(p.summary(b.id)?.waitedSeconds == 60)
        #expect(p.conversation(forTicket: Self.conversation(77)) == a.id)
        // Idle: nothing after t0+60 for either.
        #expect(Set(p.idle(before: Self.t0 + 61)) == [a.id, b.id])
        #expect(p.idle(before: Self.t0 + 30).isEmpty)
    }

    @Test func theLearningQueueTakesUnsureOutOfScopeAndUnhelpedTurnsUntilReviewed() async throws {
        let log = try TestLog()
        let ann = IDs.account(1)
        let chat = try await Chat(log, 1, customer: ann)
        try await chat.say("hello", intent: "greeting", confidence: 0.97, reply: .smallTalk)                  // confident: not queued
        try await chat.say("my thingy is bork", intent: "order_not_arrived", confidence: 0.41, reply: .question) // unsure
        try await chat.say("blorp", intent: nil, confidence: 0.2, reply: .fallback)                          // out of scope
        try await chat.say("reset password", intent: nil, confidence: 0.3, reply: .knowledge, asksFeedback: true) // answered: not yet
        let p = ChatReviewProjection()
        try await log.fold([p]).stop()
        #expect(p.queue().map(\.turn) == [2, 3])
        #expect(p.queue().map(\.reason) == [.lowConfidence, .outOfScope])
        #expect(p.queue().first?.text == "my thingy is bork")

        try await chat.add(ChatAnswerRated(conversationID: chat.id, turn: 4, helpful: false, itemIDs: ["faq-1"], intent: nil))
        try await log.append(ChatTurnReviewed(conversationID: chat.id, turn: 2, label: "order_not_arrived", by: "editor", exampleID: "x1"),
                             to: ChatTurnReviewed.stream)
        try await log.fold([p]).stop()
        #expect(p.queue().map(\.turn) == [3, 4])
        #expect(p.item(conversation: chat.id, turn: 4)?.reason == .notHelpful)
        #expect(p.isReviewed(conversation: chat.id, turn: 2))

        // Rebuilt from the log (it keeps no checkpoint), the queue is the same.
        let rebuilt = ChatReviewProjection()
        try await log.fold([rebuilt]).stop()
        #expect(rebuilt.queue() == p.queue())
    }

    @Test func anErasedCustomersMessagesLeaveTheQueue() async throws {
        let log = try TestLog()
        let ann = IDs.account(1)
        let chat = try await Chat(log, 1, customer: ann)
        try await chat.say("blorp", intent: nil, confidence: 0.2, reply: .fallback)
        let p = ChatReviewProjection()
        try await log.fold([p]).stop()
        #expect(p.count == 1)
        let erased = try EventCatalog.encode(PersonalDataErased(accountID: ann, erasedBy: "portalctl"))
        _ = try await log.store.eraseSubject(ann.stream, recording: [StreamAppend(stream: ann.stream, expected: .any, events: [
            NewEvent(id: UUIDv7.make(), type: erased.type, schemaVersion: erased.schemaVersion, data: erased.data,
                     metadata: EventMetadata(actor: "test", clientIP: nil), sealed: nil),
        ])])
        for projection in [p, ChatReviewProjection()] {
            try await log.fold([projection]).stop()
            #expect(projection.count == 0)
        }
    }

    @Test func analyticsCountContainmentHandoffsFallbacksHelpfulnessAndWaits() async throws {
        let clock = LogClock(Self.t0)
        let log = try TestLog(clock: clock)
        let agent = IDs.account(9)
        // 1: answered and closed — contained.
        let one = try await Chat(log, 1, customer: IDs.account(1))
        try await one.say("reset password", intent: nil, confidence: 0.3, reply: .knowledge, asksFeedback: true)
        try await one.add(ChatAnswerRated(conversationID: one.id, turn: 1, helpful: true, itemIDs: ["faq-1"], intent: nil))
        try await one.add(ConversationClosed(conversationID: one.id, reason: .idle))
        // 2: two fallbacks, handed over, picked up after 120 s, closed — not contained.
        let two = try await Chat(log, 2, customer: nil)
        try await two.say("blorp", intent: nil, confidence: 0.1, reply: .fallback)
        try await two.say("zzz", intent: nil, confidence: 0.1, reply: .fallback)
        try await two.add(ChatHandoffRequested(conversationID: two.id, reason: .lowConfidence, intent: nil))
        clock.advance(86_400)  // the pick-up and the close fall on the next day
        try await two.add(ChatHandoffAccepted(conversationID: two.id, agent: agent, waitedSeconds: 120))
        try await two.add(ConversationClosed(conversationID: two.id, reason: .agent))
        // 3: a ticket, still open.
        let three = try await Chat(log, 3, customer: IDs.account(3))
        try await three.say("open a ticket", intent: "create_ticket", confidence: 0.95, reply: .question)
        try await three.add(ChatTicketCreated(conversationID: three.id, ticketID: UUID(), turn: 1))

        let p = ChatAnalyticsProjection()
        try await log.fold([p]).stop()
        let r = p.report()
        #expect(r.totals.conversations == 3)
        #expect(r.totals.closed == 2 && r.totals.contained == 1 && r.totals.containmentRate == 0.5)
        #expect(r.totals.handoffs == 1 && r.totals.handoffsByReason == ["lowConfidence": 1])
        #expect(r.totals.handoffRate == 1.0 / 3)
        #expect(r.totals.turns == 4 && r.totals.fallbackTurns == 2 && r.totals.fallbackRate == 0.5)
        #expect(r.totals.helpfulRate == 1 && r.totals.tickets == 1)
        #expect(r.totals.medianWaitSeconds == 120)
        #expect(r.topIntents.map { "\($0.intent):\($0.turns)" } == ["create_ticket:1"])
        #expect(r.days.map(\.day) == ["2025-11-24", "2025-11-25"])
        // Containment counts on the day the conversation started.
        #expect(r.days[0].totals.closed == 2 && r.days[1].totals.pickedUp == 1)
        #expect(p.report(from: "2025-11-25").totals.conversations == 1)  // the third started after the clock moved

        // From its snapshot, the same report.
        let restored = ChatAnalyticsProjection()
        try restored.restore(from: try p.snapshot())
        #expect(restored.report() == r)
    }
}
