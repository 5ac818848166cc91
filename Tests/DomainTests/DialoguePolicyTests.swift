import Domain
import Foundation
import Testing

private typealias S = ChatScenario
private typealias P = DialoguePolicy.Payload

@Suite("Chat — dialogue policy")
struct DialoguePolicyTests {
    @Test func aSlotIsAskedForAndFilledOnTheNextTurn() throws {
        var chat = S()
        let ask = try chat.say("my order hasn't arrived", intent: "order_not_arrived")
        #expect(ask.reply == ChatReply(kind: .question, text: "When did you order it?"))
        #expect(chat.conversation.dialogue.stage == .fillingSlots && chat.conversation.dialogue.pendingSlot == "order_date")
        let answer = try chat.say("last Tuesday", entities: [S.date("last Tuesday", "2025-11-18")])
        #expect(answer.reply.kind == .answer)
        #expect(answer.reply.text == "Orders placed on Tuesday 18 November 2025 usually arrive within 5 working days.")
        #expect(answer.reply.asksFeedback)
        #expect(chat.conversation.dialogue.stage == .idle && chat.conversation.memory.slots["order_date"] == "2025-11-18")
    }

    @Test func aSlotGivenInTheFirstMessageIsNotAskedAgain() throws {
        var chat = S()
        let answer = try chat.say("I ordered on 3 March and nothing came", intent: "order_not_arrived", entities: [S.date("3 March", "2025-03-03")])
        #expect(answer.reply.kind == .answer && answer.reply.text.contains("Monday 3 March 2025"))
    }

    @Test func anAnswerThatIsNotASlotValueIsAskedAgainOnceThenLetGo() throws {
        var chat = S()
        try chat.say("my parcel never came", intent: "order_not_arrived")
        let again = try chat.say("no idea really")
        #expect(again.reply.kind == .question && again.reply.text.hasPrefix("Sorry, I didn't get that. When did you order it?"))
        let letGo = try chat.say("hmm")
        #expect(letGo.reply.kind == .fallback)
        #expect(chat.conversation.dialogue.stage == .idle)
    }

    @Test func aNewRequestLeavesAPendingQuestionBehind() throws {
        var chat = S()
        try chat.say("my parcel never came", intent: "order_not_arrived")
        let status = try chat.say("what's happening with my ticket?", intent: "ticket_status")
        #expect(status.reply.kind == .ticketStatus)
        #expect(chat.conversation.dialogue.stage == .idle)
    }

    @Test func askingForAPersonHandsOverWhenAnAgentIsOnline() throws {
        var chat = S()
        try chat.say("my parcel never came", intent: "order_not_arrived")
        let outcome = try chat.say("talk to a human", intent: "handoff")
        #expect(outcome.effect == .handoff(.asked))
        #expect(outcome.reply.kind == .handoff)
        #expect(chat.conversation.status == .waitingForAgent)
        #expect(throws: DomainError.rejected("an agent is handling this conversation; your message goes to them")) { try chat.say("hello?") }
    }

    @Test func withNobodyOnlineATicketIsOfferedAndYesStartsIt() throws {
        var chat = S(agentsOnline: false)
        let offer = try chat.press(P.human)
        #expect(offer.effect == nil)
        #expect(offer.reply.text.hasPrefix("Nobody from the team is online right now."))
        #expect(chat.conversation.dialogue.stage == .offeringTicket)
        let start = try chat.press(P.yes)
        #expect(start.reply.text == "What is it about? Pick a category.")
        #expect(start.reply.quickReplies.map(\.payload) == ["/category billing", "/category technical"])
    }

    @Test func twoLowConfidenceTurnsInARowHandOver() throws {
        var chat = S()
        #expect(try chat.say("blorp zzz").reply.kind == .fallback)
        // A knowledge answer in between resets the count.
        let answered = try chat.say("how do I reset my password", knowledge: [S.faq])
        #expect(answered.reply.kind == .knowledge && !answered.missed)
        #expect(try chat.say("qwerty asdf").missed)
        let second = try chat.say("asdf qwerty")
        #expect(second.effect == .handoff(.lowConfidence))
        // The handoff's turn was a miss too: it counts as a fallback and goes to the learning queue.
        #expect(second.missed)
    }

    @Test func aWeakKnowledgeHitIsNotOffered() throws {
        var chat = S()
        var weak = S.faq
        weak.score = 0.1
        #expect(try chat.say("something vague", knowledge: [weak]).reply.kind == .fallback)
    }

    @Test func aKnowledgeAnswerLinksItsSourceAndAsksForFeedback() throws {
        var chat = S()
        let outcome = try chat.say("how do I reset my password", knowledge: [S.faq])
        #expect(outcome.reply.text == S.faq.answer)
        #expect(outcome.reply.sources == [ReplySource(itemID: "faq-1", title: S.faq.title, url: "/kb/reset-password")])
        #expect(outcome.reply.asksFeedback)
        #expect(chat.conversation.feedbackOpen[1] == ["faq-1"])
    }

    @Test func notHelpingTwiceBringsInAPerson() throws {
        var chat = S()
        try chat.say("how do I reset my password", knowledge: [S.faq])
        let (first, reply) = try chat.policy.rate(turn: 1, helpful: false, in: chat.conversation, facts: chat.facts)
        #expect(first == ChatAnswerRated(conversationID: S.id, turn: 1, helpful: false, itemIDs: ["faq-1"], intent: nil))
        #expect(reply?.effect == nil && reply?.state.notHelpful == 1)
        chat.apply(first)
        chat.record(reply!, understanding: nil)
        #expect(throws: DomainError.rejected("this answer is rated already, or asked for no rating")) {
            try chat.policy.rate(turn: 1, helpful: true, in: chat.conversation, facts: chat.facts)
        }
        try chat.say("where is the reset link", knowledge: [S.faq])
        let (_, second) = try chat.policy.rate(turn: 3, helpful: false, in: chat.conversation, facts: chat.facts)
        #expect(second?.effect == .handoff(.notHelpful))
    }

    @Test func aFollowUpIsSearchedWithTheLastQuestion() throws {
        var chat = S()
        try chat.say("how do I reset my password", knowledge: [S.faq])
        let u = Understanding(text: "and how long does that take?", intent: nil, confidence: 0.1)
        #expect(chat.policy.knowledgeQuery(for: u, in: chat.conversation) == "how do I reset my password and how long does that take?")
        let fresh = Understanding(text: "Where can I download my invoices as PDF files for my accountant please", intent: nil, confidence: 0.1)
        #expect(chat.policy.knowledgeQuery(for: fresh, in: chat.conversation) == fresh.text)
        let action = Understanding(text: "open a ticket", intent: "create_ticket", confidence: 0.9)
        #expect(chat.policy.knowledgeQuery(for: action, in: chat.conversation) == nil)
    }

    @Test func theLatestTicketsStatusAndSLAAreReportedInTheCustomersTimeZone() throws {
        var chat = S()
        let ticket = UUID(uuidString: "0190f5d2-0000-7000-8000-00001f3a9c2b")!
        chat.facts.tickets = [TicketFact(id: ticket, subject: "Invoice wrong", status: "Open", nextDue: Date(timeIntervalSince1970: 1_764_003_600),
                                         dueWhat: "first reply")]
        let outcome = try chat.say("what's happening with my ticket?", intent: "ticket_status")
        // 1_764_003_600 is 2025-11-24 17:00 UTC, 18:00 in Berlin.
        #expect(outcome.reply.text == "Your ticket #1f3a9c2b “Invoice wrong” is open. We aim to give the first reply by Monday 24 November at 18:00.")
        let other = try chat.say("and #deadbeef?", intent: "ticket_status", entities: [ChatEntity(kind: .ticket, text: "#deadbeef", value: "deadbeef")])
        #expect(other.reply.text.hasPrefix("I can't find a ticket #deadbeef of yours."))
    }

    @Test func anAnonymousVisitorIsAskedToSignInForTicketsButGetsAnswers() throws {
        var chat = S(signedIn: false)
        #expect(try chat.say("open a ticket", intent: "create_ticket").reply.kind == .notice)
        #expect(try chat.say("how do I reset my password", knowledge: [S.faq]).reply.kind == .knowledge)
        #expect(chat.conversation.isParticipant(account: nil, visitorTokenHash: "ab12"))
        #expect(!chat.conversation.isParticipant(account: nil, visitorTokenHash: "ab13"))
        #expect(!chat.conversation.isParticipant(account: S.customer, visitorTokenHash: nil))
    }
}

@Suite("Chat — what the dialogue needs looked up")
struct DialogueLookupTests {
    @Test func ticketsAreNeededOnlyForAStatusReport() {
        let policy = DialoguePolicy(intents: ChatScenario.intents)
        #expect(policy.needsTickets(for: Understanding(text: "where is my ticket", intent: "ticket_status", confidence: 0.9)))
        #expect(policy.needsTickets(for: Understanding(text: "My ticket's status", intent: nil, confidence: 1, quickReply: DialoguePolicy.Payload.status)))
        #expect(!policy.needsTickets(for: Understanding(text: "hello", intent: "greeting", confidence: 0.9)))
        #expect(!policy.needsTickets(for: Understanding(text: "blorp", intent: nil, confidence: 0.1)))
    }
}
