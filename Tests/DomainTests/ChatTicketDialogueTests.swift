import Domain
import Foundation
import Testing

private typealias S = ChatScenario
private typealias P = DialoguePolicy.Payload

@Suite("Chat — tickets from a conversation")
struct ChatTicketDialogueTests {
    @Test func slotsCollectTheFormAndAConfirmedSummaryOpensTheTicket() throws {
        var chat = S()
        #expect(try chat.say("I want to open a ticket", intent: "create_ticket").reply.text == "What is it about? Pick a category.")
        #expect(try chat.press("/category billing").reply.text.hasPrefix("In a few words"))
        #expect(try chat.say("Charged twice").reply.text.hasPrefix("Please describe"))
        let field = try chat.say("My card was charged twice for the November invoice.")
        #expect(field.reply.text == "Which invoice?")
        #expect(field.reply.quickReplies.map(\.label) == ["Latest", "Older"])
        #expect(try chat.say("something else").reply.text == "Please pick one of the options. Which invoice?")
        let summary = try chat.say("latest")
        #expect(summary.reply.text == """
            Here is your ticket:
            Category: Billing
            Subject: Charged twice
            Description: My card was charged twice for the November invoice.
            Which invoice?: Latest
            Shall I open it?
            """)
        let open = try chat.press(P.yes)
        #expect(open.effect == .createTicket(ChatTicketRequest(categoryID: "billing", subject: "Charged twice",
                                                               description: "My card was charged twice for the November invoice.",
                                                               fields: ["invoice": ["Latest"]])))
        let ticket = UUID(uuidString: "0190f5d2-0000-7000-8000-00001f3a9c2b")!
        let done = chat.policy.ticketOpened(ticket, in: open)
        #expect(done.reply.kind == .ticketCreated && done.reply.text.contains("#1f3a9c2b"))
        #expect(done.state == DialogueState() && done.memory.slots.isEmpty)
    }

    @Test func aCategoryNamedInTheRequestIsNotAskedFor() throws {
        var chat = S()
        let first = try chat.say("open a technical ticket", intent: "create_ticket",
                                 entities: [ChatEntity(kind: .category, text: "technical", value: "technical")])
        #expect(first.reply.text.hasPrefix("In a few words"))
    }

    @Test func noCancelsTheTicketAndNothingIsOpened() throws {
        var chat = S()
        try chat.say("open a ticket", intent: "create_ticket")
        try chat.press("/category technical")
        try chat.say("Login broken")
        #expect(chat.conversation.dialogue.stage == .collectingTicket)
        let stop = try chat.press(P.no)
        #expect(stop.effect == nil && stop.reply.text.hasPrefix("All right, I haven't opened a ticket."))
        #expect(chat.conversation.dialogue.stage == .idle && chat.conversation.memory.slots.isEmpty)
    }

    @Test func aRefusalByTheTicketFormAsksForTheFieldAgainWithItsMessage() throws {
        var chat = S()
        try chat.say("open a ticket", intent: "create_ticket")
        try chat.press("/category technical")
        try chat.say("x")
        try chat.say("It does not work")
        let open = try chat.press(P.yes)
        guard case .createTicket = open.effect else { Issue.record("expected a ticket"); return }
        let again = chat.policy.ticketRefused([FieldError(field: "subject", message: "A subject is 3–200 characters.")], in: open, facts: chat.facts)
        #expect(again.reply.text == "A subject is 3–200 characters. In a few words, what's the problem? (This becomes the ticket's subject.)")
        #expect(again.state.stage == .collectingTicket && again.state.pendingSlot == "subject")
        #expect(again.memory.slots["description"] == "It does not work")
    }

    @Test func aRequiredFileFieldSendsTheCustomerToTheForm() throws {
        var chat = S()
        chat.facts.categories = [ChatCategory(id: "damage", name: "Damage", fields: [FormField(id: "photo", label: "Photo", kind: .file, required: true)])]
        try chat.say("open a ticket", intent: "create_ticket")
        try chat.press("/category damage")
        try chat.say("Broken screen")
        let outcome = try chat.say("Arrived broken")
        #expect(outcome.reply.kind == .notice && outcome.reply.sources.first?.url == "/tickets/new")
    }
}

@Suite("Chat — the category of a ticket from chat")
struct ChatTicketCategoryTests {
    @Test func theIntentsDefaultCategoryIsOfferedFirstButNotChosen() throws {
        var chat = ChatScenario()
        let policy = DialoguePolicy(intents: ChatScenario.intents.map { i in
            var d = i
            if d.name == "create_ticket" { d.categoryID = "technical" }
            return d
        })
        let outcome = try policy.respond(to: Understanding(text: "open a ticket", intent: "create_ticket", confidence: 0.9), in: chat.conversation, facts: chat.facts)
        #expect(outcome.reply.quickReplies.map(\.payload) == ["/category technical", "/category billing"])
        #expect(outcome.memory.slots["category"] == nil)
        // With one open category there is nothing to ask.
        chat.facts.categories = [ChatScenario.categories[1]]
        #expect(try chat.say("open a ticket", intent: "create_ticket").reply.text.hasPrefix("In a few words"))
    }
}
