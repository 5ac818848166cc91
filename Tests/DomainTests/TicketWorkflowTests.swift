import Domain
import Foundation
import Testing

private typealias F = TicketFixtures

/// A ticket brought to `status` by an agent at `t0` (a closed one was solved first, so the reopen
/// window runs from `t0`).
private func ticket(in status: TicketStatus) -> TicketScenario {
    switch status {
    case .new: TicketScenario.given(F.opened)
    case .open: TicketScenario.given(F.opened, F.status(.new, .open))
    case .pending: TicketScenario.given(F.opened, F.status(.new, .pending))
    case .solved: TicketScenario.given(F.opened, F.status(.new, .solved))
    case .closed: TicketScenario.given(F.opened, F.status(.new, .solved), F.status(.solved, .closed))
    }
}

@Suite("Opening a ticket")
struct TicketOpeningTests {
    static let schema = FormSchema(fields: [
        FormField(id: "product", label: "Product", kind: .singleChoice, required: true, options: ["App", "Web"]),
        FormField(id: "browser", label: "Browser", kind: .text, required: true, showWhen: .init(field: "product", equals: "Web")),
        FormField(id: "invoice_no", label: "Invoice number", kind: .number),
        FormField(id: "screenshot", label: "Screenshot", kind: .file),
    ])
    static let billing = Category().evolve(CategoryCreated(categoryID: "billing", name: "Billing", description: "Invoices and payments", schema: schema))

    func request(subject: String = "Invoice is wrong", description: String = "Two seats too many.",
                 fields: [String: [String]] = ["product": ["App"]], attachments: [String] = []) -> OpenTicket {
        OpenTicket(requester: F.customer, priority: .high, subject: subject, description: description, fields: fields, attachmentIDs: attachments)
    }

    func open(_ command: OpenTicket, in category: Category = billing) -> Result<TicketOpened, any Error> {
        Result { try Ticket.decideOpen(command, category: category, context: F.context(ids: [F.ticketID])) }
    }

    @Test func aValidRequestOpensTheTicketWithTheContextsIDAndTheAnswersInFormOrder() {
        let command = request(subject: "  Invoice is wrong \n", description: "\nThe November invoice counts two seats too many.  ",
                              fields: ["screenshot": ["att-1"], "invoice_no": ["1042"], "browser": [" Firefox "], "product": ["Web"]],
                              attachments: ["att-1", "att-2"])
        open(command).then(TicketOpened(
            ticketID: F.ticketID, requester: F.customer, categoryID: "billing", formVersion: 1, priority: .high, attachmentIDs: ["att-1", "att-2"],
            followUpOf: nil,
            personal: .init(subject: "Invoice is wrong", description: "The November invoice counts two seats too many.", fields: [
                AnsweredField(id: "product", label: "Product", value: .choices(["Web"])),
                AnsweredField(id: "browser", label: "Browser", value: .text("Firefox")),
                AnsweredField(id: "invoice_no", label: "Invoice number", value: .number(1042)),
                AnsweredField(id: "screenshot", label: "Screenshot", value: .files(["att-1"])),
            ])))
    }

    @Test func anOpenedTicketIsNewAndBelongsToItsRequester() throws {
        let opened = try open(request()).get()
        let ticket = TicketScenario.given(opened, at: F.t0).state
        #expect(ticket.id == F.ticketID)
        #expect(ticket.status == .new)
        #expect(ticket.requester == F.customer)
        #expect(ticket.priority == .high)
        #expect(ticket.categoryID == "billing")
        #expect(ticket.openedAt == F.t0)
    }

    @Test func aFollowUpNamesTheTicketItFollows() throws {
        var command = request()
        command.followUpOf = F.ticketID
        #expect(try open(command).get().followUpOf == F.ticketID)
    }

    @Test func aRetiredCategoryTakesNoNewTickets() {
        let retired = Self.billing.evolve(CategoryRetired(categoryID: "billing"))
        open(request(), in: retired).thenInvalid(["category"])
        #expect((open(request(), in: retired).failure as? FieldError)?.message.contains("choose another") == true)
    }

    @Test func aCategoryThatDoesNotExistTakesNoTickets() {
        open(request(), in: Category()).thenInvalid(["category"])
    }

    @Test(arguments: [
        ("ab", "Fine.", ["subject"]),
        ("  ab \n", "Fine.", ["subject"]),
        (String(repeating: "s", count: 201), "Fine.", ["subject"]),
        ("Two\nlines", "Fine.", ["subject"]),
        ("Two\r\nlines", "Fine.", ["subject"]),
        ("Two\rlines", "Fine.", ["subject"]),
        ("Two\u{2028}lines", "Fine.", ["subject"]),
        ("Fine subject", "", ["description"]),
        ("Fine subject", " \n\t ", ["description"]),
        ("Fine subject", String(repeating: "d", count: 20_001), ["description"]),
        ("", "", ["subject", "description"]),
    ])
    func subjectAndDescriptionHaveLimits(subject: String, description: String, invalid: [String]) {
        open(request(subject: subject, description: description)).thenInvalid(invalid)
    }

    @Test func limitsAreInclusive() throws {
        let shortest = try open(request(subject: "VPN", description: "x")).get()
        #expect(shortest.personal?.subject == "VPN")
        let longest = try open(request(subject: String(repeating: "s", count: 200), description: String(repeating: "d", count: 20_000))).get()
        #expect(longest.personal?.subject.count == 200)
        #expect(longest.personal?.description.count == 20_000)
    }

    @Test func formAnswersAreValidatedWithAnErrorPerFieldAlongsideTheOthers() {
        let result = open(request(subject: "ab", fields: ["product": ["Web"], "invoice_no": ["many"]]))
        result.thenInvalid(["subject", "fields.browser", "fields.invoice_no"])
        let messages = (result.failure as? ValidationFailure)?.errors.map(\.message) ?? []
        #expect(messages.dropFirst().first == "Browser: this is required.")
        #expect(messages.last?.hasPrefix("Invoice number: ") == true)
    }

    @Test func aMissingRequiredChoiceAndAnUnknownFieldAreNamed() {
        open(request(fields: ["colour": ["red"]])).thenInvalid(["fields.product", "fields.colour"])
    }

    @Test func aFileFieldMustNameAnAttachmentUploadedWithTheForm() {
        open(request(fields: ["product": ["App"], "screenshot": ["att-9"]], attachments: ["att-1"])).thenInvalid(["attachments"])
        open(request(fields: ["product": ["App"], "screenshot": ["att-1", "att-9"]], attachments: ["att-1"])).thenInvalid(["attachments"])
        open(request(fields: ["product": ["App"], "screenshot": ["att-1"]], attachments: [])).thenInvalid(["attachments"])
        #expect((try? open(request(fields: ["product": ["App"], "screenshot": ["att-1"]], attachments: ["att-1"])).get()) != nil)
    }

    @Test func answersKeepTheLabelsTheyWereGivenUnderSoALaterFormChangeCannotAlterThem() throws {
        let command = request(fields: ["product": ["App"], "invoice_no": ["1042"]])
        let before = try open(command).get()
        let newForm = FormSchema(fields: [
            FormField(id: "product", label: "Which product?", kind: .singleChoice, required: true, options: ["App", "Web", "API"]),
        ])
        let v2 = Self.billing.evolve(try Self.billing.decideChangeForm(newForm))

        // The old ticket still says what the customer was asked and answered, including a field the form no longer has.
        #expect(before.formVersion == 1)
        #expect(before.personal?.fields == [
            AnsweredField(id: "product", label: "Product", value: .choices(["App"])),
            AnsweredField(id: "invoice_no", label: "Invoice number", value: .number(1042)),
        ])
        // The same answers no longer fit the new form…
        open(command, in: v2).thenInvalid(["fields.invoice_no"])
        // …and a new ticket is recorded with the new labels and version.
        let after = try open(request(fields: ["product": ["App"]]), in: v2).get()
        #expect(after.formVersion == 2)
        #expect(after.personal?.fields == [AnsweredField(id: "product", label: "Which product?", value: .choices(["App"]))])
    }
}

@Suite("Ticket comments")
struct TicketCommentTests {
    let policy = TicketPolicy()

    func comment(_ scenario: TicketScenario, by actor: TicketActor, _ body: String = "Thanks, looking into it.", internal isNote: Bool = false,
                 at: Date = F.t0 + 3600) -> Result<[any DomainEvent], any Error> {
        scenario.when { try $0.decideComment(by: actor, body: body, internal: isNote, attachmentIDs: [], policy: policy, context: F.context(at)) }
    }

    @Test(arguments: [TicketStatus.pending, .solved])
    func aCustomerReplyReopensATicketWaitingForThem(status: TicketStatus) {
        comment(ticket(in: status), by: F.asCustomer, "  Still broken.\n")
            .then(events: [F.comment(by: F.asCustomer, "Still broken."), F.status(status, .open, by: F.asCustomer, reason: "The customer replied.")])
    }

    @Test(arguments: [TicketStatus.new, .open])
    func aCustomerReplyToAnActiveTicketIsJustAComment(status: TicketStatus) {
        comment(ticket(in: status), by: F.asCustomer, "More detail.").then(events: [F.comment(by: F.asCustomer, "More detail.")])
    }

    @Test func aClosedTicketReopensOnAReplyWithinTheReopenWindowCountedFromSolving() {
        // Solved at t0, closed by housekeeping a week later; the window is 14 days from solving.
        let closed = TicketScenario.given(F.opened, F.status(.new, .solved))
            .and(F.status(.solved, .closed, by: nil, reason: "Closed after 7 days without a reply."), at: F.t0 + 7 * F.day)
        comment(closed, by: F.asCustomer, "It is back.", at: F.t0 + 14 * F.day)
            .then(events: [F.comment(by: F.asCustomer, "It is back."), F.status(.closed, .open, by: F.asCustomer, reason: "The customer replied.")])
        comment(closed, by: F.asCustomer, "It is back.", at: F.t0 + 14 * F.day + 1)
            .thenError(.rejected("This ticket is closed. Ask for a follow-up to continue."))
    }

    @Test func agentsCannotWriteOnAClosedTicket() {
        comment(ticket(in: .closed), by: F.asAgent).thenError(.rejected("This ticket is closed; reopen it first."))
    }

    @Test func anAgentsFirstPublicReplyOpensANewTicket() {
        comment(ticket(in: .new), by: F.asAgent).then(events: [F.comment(by: F.asAgent), F.status(.new, .open, by: F.asAgent)])
    }

    @Test(arguments: [TicketStatus.open, .pending, .solved])
    func laterAgentRepliesLeaveTheStatusAlone(status: TicketStatus) {
        comment(ticket(in: status), by: F.asAgent).then(events: [F.comment(by: F.asAgent)])
    }

    @Test func theFirstPublicAgentReplyIsRecordedButNotANote() throws {
        let note = TicketScenario.given(F.opened).and(F.comment(by: F.asAgent, "Customer is on the old plan.", internal: true), at: F.t0 + 60)
        #expect(note.state.firstAgentResponseAt == nil)
        let reply = note.and(F.comment(by: F.asAgent), at: F.t0 + 120).and(F.comment(by: F.asAgent), at: F.t0 + 180)
        #expect(reply.state.firstAgentResponseAt == F.t0 + 120)
    }

    @Test(arguments: TicketStatus.allCases)
    func agentsWriteInternalNotesWithoutChangingTheStatus(status: TicketStatus) {
        comment(ticket(in: status), by: F.asAgent, "Customer is on the old plan.", internal: true)
            .then(events: [F.comment(by: F.asAgent, "Customer is on the old plan.", internal: true)])
    }

    @Test(arguments: [TicketStatus.new, .pending, .solved])
    func aCustomerCannotWriteAnInternalNoteAndIsNotToldTheyExist(status: TicketStatus) {
        comment(ticket(in: status), by: F.asCustomer, "Let me in.", internal: true).thenError(.notFound("ticket"))
    }

    @Test(arguments: ["", "   ", "\n\t \n", String(repeating: "b", count: 20_001)])
    func aCommentNeedsABodyWithinTheLimit(body: String) {
        comment(ticket(in: .open), by: F.asCustomer, body).thenInvalid(["body"])
        comment(ticket(in: .open), by: F.asAgent, body, internal: true).thenInvalid(["body"])
    }

    @Test func theLongestBodyIsAccepted() {
        let body = String(repeating: "b", count: 20_000)
        comment(ticket(in: .open), by: F.asCustomer, body).then(events: [F.comment(by: F.asCustomer, body)])
    }
}

@Suite("Ticket status workflow")
struct TicketStatusTests {
    let policy = TicketPolicy()
    /// Within the reopen window of a ticket solved at t0.
    let soon = F.t0 + F.day

    static let byAgents: Set<String> = ["new>open", "new>pending", "new>solved", "open>pending", "open>solved", "pending>open", "pending>solved",
                                        "solved>open", "solved>closed", "closed>open"]
    static let byCustomers: Set<String> = ["solved>closed", "solved>open", "closed>open"]

    func change(_ from: TicketStatus, _ to: TicketStatus, by actor: TicketActor, reason: String? = nil, at: Date) -> Result<TicketStatusChanged, any Error> {
        ticket(in: from).when { try $0.decideStatus(to, by: actor, reason: reason, policy: policy, now: at) }
    }

    @Test(arguments: TicketStatus.allCases, TicketStatus.allCases)
    func agentsMoveTicketsThroughTheWorkflow(from: TicketStatus, to: TicketStatus) {
        let result = change(from, to, by: F.asAgent, at: soon)
        if from == to {
            result.thenError(.rejected("The ticket is \(from.rawValue) already."))
        } else if Self.byAgents.contains("\(from)>\(to)") {
            result.then(F.status(from, to, by: F.asAgent))
        } else {
            result.thenError(.rejected("A \(from.rawValue) ticket cannot be set to \(to.rawValue)."))
        }
    }

    @Test(arguments: TicketStatus.allCases, TicketStatus.allCases)
    func customersMayOnlyCloseOrReopenASolvedTicket(from: TicketStatus, to: TicketStatus) {
        let result = change(from, to, by: F.asCustomer, at: soon)
        if from == to {
            result.thenRejected()
        } else if Self.byCustomers.contains("\(from)>\(to)") {
            result.then(F.status(from, to, by: F.asCustomer))
        } else {
            result.thenError(.rejected("A \(from.rawValue) ticket cannot be set to \(to.rawValue) by its requester."))
        }
    }

    @Test(arguments: [F.asAgent, F.asCustomer])
    func aClosedTicketCannotBeReopenedAfterTheWindow(actor: TicketActor) {
        let hint = DomainError.rejected("This ticket was closed too long ago to reopen. Ask for a follow-up instead.")
        change(.closed, .open, by: actor, at: F.t0 + 14 * F.day).then(F.status(.closed, .open, by: actor))
        change(.closed, .open, by: actor, at: F.t0 + 14 * F.day + 1).thenError(hint)
    }

    @Test func theWindowRunsFromTheLatestSolve() {
        // Solved, reopened, solved again ten days later: the window starts again.
        let scenario = TicketScenario.given(F.opened, F.status(.new, .solved))
            .and(F.status(.solved, .open, by: F.asCustomer), at: F.t0 + F.day)
            .and(F.status(.open, .solved), F.status(.solved, .closed), at: F.t0 + 10 * F.day)
        scenario.when { try $0.decideStatus(.open, by: F.asCustomer, reason: nil, policy: policy, now: F.t0 + 20 * F.day) }
            .then(F.status(.closed, .open, by: F.asCustomer))
    }

    @Test func theReasonIsKeptAndBounded() {
        change(.open, .pending, by: F.asAgent, reason: "Waiting for the log file.", at: soon)
            .then(F.status(.open, .pending, by: F.asAgent, reason: "Waiting for the log file."))
        change(.open, .pending, by: F.asAgent, reason: String(repeating: "r", count: 1001), at: soon).thenInvalid(["reason"])
        change(.open, .pending, by: F.asAgent, reason: String(repeating: "r", count: 1000), at: soon)
            .then(F.status(.open, .pending, by: F.asAgent, reason: String(repeating: "r", count: 1000)))
    }

    @Test func statusChangesAreFoldedWithTheirTimes() {
        let s = TicketScenario.given(F.opened, F.status(.new, .solved)).and(F.status(.solved, .closed), at: F.t0 + 60).state
        #expect(s.status == .closed)
        #expect(s.solvedAt == F.t0)
        #expect(s.closedAt == F.t0 + 60)
        let reopened = TicketScenario.given(F.opened, F.status(.new, .solved), F.status(.solved, .closed))
            .and(F.status(.closed, .open, by: F.asCustomer), at: F.t0 + 60).state
        #expect(reopened.status == .open)
        #expect(reopened.closedAt == nil)
    }
}

@Suite("Ticket housekeeping")
struct TicketHousekeepingTests {
    let policy = TicketPolicy()
    let solved = TicketScenario.given(F.opened, F.status(.new, .solved))

    @Test func aSolvedTicketClosesItselfAfterAWeekWithoutAReply() {
        #expect(solved.state.decideAutoClose(policy: policy, now: F.t0 + 7 * F.day - 1) == nil)
        solved.when { $0.decideAutoClose(policy: policy, now: F.t0 + 7 * F.day) }
            .then(TicketStatusChanged(ticketID: F.ticketID, from: .solved, to: .closed, by: nil, role: .system,
                                      personal: .init(reason: "Closed after 7 days without a reply.")))
    }

    @Test func onlySolvedTicketsCloseThemselves() {
        let reopened = solved.and(F.status(.solved, .open, by: F.asCustomer), at: F.t0 + F.day)
        #expect(reopened.state.decideAutoClose(policy: policy, now: F.t0 + 30 * F.day) == nil)
        for status in [TicketStatus.new, .open, .pending, .closed] {
            #expect(ticket(in: status).state.decideAutoClose(policy: policy, now: F.t0 + 30 * F.day) == nil, "\(status)")
        }
        #expect(Ticket().decideAutoClose(policy: policy, now: F.t0 + 30 * F.day) == nil)
    }

    @Test func theWeekCountsFromTheLatestSolve() {
        let again = solved.and(F.status(.solved, .open, by: F.asCustomer), at: F.t0 + F.day).and(F.status(.open, .solved), at: F.t0 + 5 * F.day)
        #expect(again.state.decideAutoClose(policy: policy, now: F.t0 + 7 * F.day) == nil)
        #expect(again.state.decideAutoClose(policy: policy, now: F.t0 + 12 * F.day) != nil)
    }

    @Test func aClosedTicketIsArchivedAfterNinetyDays() {
        let closedAt = F.t0 + 7 * F.day
        let closed = solved.and(F.status(.solved, .closed, by: nil), at: closedAt)
        #expect(closed.state.decideArchive(policy: policy, now: closedAt + 90 * F.day - 1) == nil)
        closed.when { $0.decideArchive(policy: policy, now: closedAt + 90 * F.day) }.then(TicketArchived(ticketID: F.ticketID))
        let archived = closed.and(TicketArchived(ticketID: F.ticketID), at: closedAt + 90 * F.day)
        #expect(archived.state.archived)
        #expect(archived.state.decideArchive(policy: policy, now: closedAt + 200 * F.day) == nil)
        for status in [TicketStatus.new, .open, .pending, .solved] {
            #expect(ticket(in: status).state.decideArchive(policy: policy, now: F.t0 + 365 * F.day) == nil, "\(status)")
        }
    }

    @Test func anArchivedTicketCannotBeReopenedEvenWithinTheWindowButCanBeFollowedUp() {
        // Archiving after one day, so the archive comes while the 14-day reopen window is still open.
        let quick = TicketPolicy(reopenWindow: 14 * F.day, closeAfterSolved: F.day, archiveAfterClosed: F.day)
        let closed = solved.and(F.status(.solved, .closed, by: nil), at: F.t0 + F.day)
        let archived = closed.and(TicketArchived(ticketID: F.ticketID), at: F.t0 + 2 * F.day)
        let now = F.t0 + 3 * F.day
        let reply = { (s: TicketScenario) in
            s.when { try $0.decideComment(by: F.asCustomer, body: "Again.", internal: false, attachmentIDs: [], policy: quick, context: F.context(now)) }
        }
        // Not archived yet, the same reply would reopen it.
        reply(closed).then(events: [F.comment(by: F.asCustomer, "Again."), F.status(.closed, .open, by: F.asCustomer, reason: "The customer replied.")])
        reply(archived).thenError(.rejected("This ticket is closed. Ask for a follow-up to continue."))
        for actor in [F.asCustomer, F.asAgent] {
            archived.when { try $0.decideStatus(.open, by: actor, reason: nil, policy: quick, now: now) }
                .thenError(.rejected("This ticket was closed too long ago to reopen. Ask for a follow-up instead."))
        }
        let next = UUID(uuidString: "0190f5d2-7777-7000-8000-0000000000f1")!
        archived.when { try $0.decideFollowUp(next, by: F.asCustomer) }.then(FollowUpRequested(ticketID: F.ticketID, followUp: next))
    }
}

@Suite("Ticket assignment, priority and privacy")
struct TicketAgentOnlyTests {
    @Test func agentsAssignAndUnassign() {
        ticket(in: .new).when { try $0.decideAssign(F.agent, by: F.asAgent) }.then(TicketAssigned(ticketID: F.ticketID, agent: F.agent, by: F.agent))
        let assigned = ticket(in: .open).and(TicketAssigned(ticketID: F.ticketID, agent: F.agent, by: F.agent), at: F.t0)
        #expect(assigned.state.assignee == F.agent)
        assigned.when { try $0.decideAssign(F.otherAgent, by: F.asAgent) }.then(TicketAssigned(ticketID: F.ticketID, agent: F.otherAgent, by: F.agent))
        assigned.when { try $0.decideAssign(nil, by: F.asAgent) }.then(TicketAssigned(ticketID: F.ticketID, agent: nil, by: F.agent))
        assigned.when { try $0.decideAssign(F.agent, by: F.asAgent) }.thenError(.rejected("The ticket is assigned to that agent already."))
        ticket(in: .open).when { try $0.decideAssign(nil, by: F.asAgent) }.thenError(.rejected("The ticket is not assigned."))
        ticket(in: .closed).when { try $0.decideAssign(F.agent, by: F.asAgent) }.thenError(.rejected("This ticket is closed."))
    }

    @Test func agentsChangeThePriority() {
        ticket(in: .open).when { try $0.decidePriority(.urgent, by: F.asAgent) }
            .then(TicketPriorityChanged(ticketID: F.ticketID, from: .normal, to: .urgent, by: F.agent))
        ticket(in: .open).when { try $0.decidePriority(.normal, by: F.asAgent) }.thenError(.rejected("The priority is normal already."))
        let raised = ticket(in: .open).and(TicketPriorityChanged(ticketID: F.ticketID, from: .normal, to: .urgent, by: F.agent), at: F.t0)
        #expect(raised.state.priority == .urgent)
    }

    @Test func aRequesterCannotAssignOrPrioritiseAndIsToldThereIsNothingThere() {
        ticket(in: .open).when { try $0.decideAssign(F.customer, by: F.asCustomer) }.thenError(.notFound("ticket"))
        ticket(in: .open).when { try $0.decideAssign(nil, by: F.asCustomer) }.thenError(.notFound("ticket"))
        ticket(in: .open).when { try $0.decidePriority(.urgent, by: F.asCustomer) }.thenError(.notFound("ticket"))
    }

    @Test func onlyTheRequesterAndAgentsSeeATicket() {
        let opened = ticket(in: .open).state
        #expect(opened.isVisible(to: F.asCustomer))
        #expect(opened.isVisible(to: F.asAgent))
        #expect(!opened.isVisible(to: F.asStranger))
        // Before it is opened there is nothing to see, not even for agents.
        #expect(!Ticket().isVisible(to: F.asAgent))
        #expect(!Ticket().isVisible(to: F.asCustomer))
    }

    /// Another customer, and an agent's account signed in without the agent role (a customer like any other).
    @Test(arguments: [F.asStranger, TicketActor(account: F.agent, isAgent: false)])
    func everyDecisionTellsAStrangerThereIsNoSuchTicket(stranger: TicketActor) {
        // Solved, assigned and rated: everything below would be allowed for the requester or an agent.
        let s = ticket(in: .solved).and(TicketAssigned(ticketID: F.ticketID, agent: F.agent, by: F.agent),
                                         TicketRated(ticketID: F.ticketID, rating: 4, agent: F.agent, categoryID: "billing"), at: F.t0)
        let policy = TicketPolicy()
        let notFound = DomainError.notFound("ticket")
        s.when { try $0.decideComment(by: stranger, body: "Hello", internal: false, attachmentIDs: [], policy: policy, context: F.context()) }.thenError(notFound)
        s.when { try $0.decideComment(by: stranger, body: "Hello", internal: true, attachmentIDs: [], policy: policy, context: F.context()) }.thenError(notFound)
        s.when { try $0.decideStatus(.closed, by: stranger, reason: nil, policy: policy, now: F.t0) }.thenError(notFound)
        s.when { try $0.decideAssign(nil, by: stranger) }.thenError(notFound)
        s.when { try $0.decidePriority(.urgent, by: stranger) }.thenError(notFound)
        s.when { try $0.decideRate(5, by: stranger) }.thenError(notFound)
        s.when { try $0.decideSurvey(resolution: 5, agentRating: 5, speed: 5, comment: nil, agentFeedback: nil, by: stranger) }.thenError(notFound)
        s.when { try $0.decideFollowUp(UUID(), by: stranger) }.thenError(notFound)
        // Even nonsense is answered the same way, so a stranger learns nothing from the error.
        s.when { try $0.decideComment(by: stranger, body: "", internal: false, attachmentIDs: [], policy: policy, context: F.context()) }.thenError(notFound)
        s.when { try $0.decideRate(0, by: stranger) }.thenError(notFound)
        #expect(!s.state.isVisible(to: stranger))
    }

    @Test func aTicketThatWasNeverOpenedIsNotFoundForAnyone() {
        let none = TicketScenario(history: [])
        none.when { try $0.decideStatus(.open, by: F.asAgent, reason: nil, policy: TicketPolicy(), now: F.t0) }.thenError(.notFound("ticket"))
        none.when { try $0.decideAssign(F.agent, by: F.asAgent) }.thenError(.notFound("ticket"))
        none.when { try $0.decideComment(by: F.asCustomer, body: "Hi", internal: false, attachmentIDs: [], policy: TicketPolicy(), context: F.context()) }
            .thenError(.notFound("ticket"))
    }
}

@Suite("Ticket ratings, surveys and follow-ups")
struct TicketFeedbackTests {
    let rated = ticket(in: .solved).and(TicketRated(ticketID: F.ticketID, rating: 4, agent: nil, categoryID: "billing"), at: F.t0)

    @Test(arguments: [TicketStatus.solved, .closed])
    func theRequesterRatesASolvedOrClosedTicket(status: TicketStatus) {
        let assigned = ticket(in: status).and(TicketAssigned(ticketID: F.ticketID, agent: F.agent, by: F.agent), at: F.t0)
        assigned.when { try $0.decideRate(5, by: F.asCustomer) }.then(TicketRated(ticketID: F.ticketID, rating: 5, agent: F.agent, categoryID: "billing"))
    }

    @Test(arguments: [TicketStatus.new, .open, .pending])
    func anUnsolvedTicketCannotBeRated(status: TicketStatus) {
        ticket(in: status).when { try $0.decideRate(5, by: F.asCustomer) }.thenError(.rejected("Tickets can be rated once they are solved."))
    }

    @Test(arguments: [0, 6, -1, Int.max])
    func aRatingIsOneToFive(rating: Int) {
        ticket(in: .solved).when { try $0.decideRate(rating, by: F.asCustomer) }.thenInvalid(["rating"])
    }

    @Test func everyRatingFromOneToFiveIsAccepted() {
        for rating in 1...5 {
            ticket(in: .solved).when { try $0.decideRate(rating, by: F.asCustomer) }
                .then(TicketRated(ticketID: F.ticketID, rating: rating, agent: nil, categoryID: "billing"))
        }
    }

    @Test func aLaterRatingReplacesAnEarlierOne() {
        #expect(rated.and(TicketRated(ticketID: F.ticketID, rating: 2, agent: nil, categoryID: "billing"), at: F.t0 + 60).state.rating == 2)
    }

    @Test func onlyTheRequesterRatesNotEvenAnAgent() {
        ticket(in: .solved).when { try $0.decideRate(5, by: F.asAgent) }.thenError(.notFound("ticket"))
    }

    @Test func theSurveyNeedsARatingFirst() {
        ticket(in: .solved).when { try $0.decideSurvey(resolution: 5, agentRating: nil, speed: nil, comment: nil, agentFeedback: nil, by: F.asCustomer) }
            .thenError(.rejected("Rate the ticket first."))
    }

    @Test func theSurveyKeepsScoresAndTrimmedWords() {
        rated.when { try $0.decideSurvey(resolution: 5, agentRating: 1, speed: nil, comment: "  Quick and right. \n", agentFeedback: "   ", by: F.asCustomer) }
            .then(SurveyAnswered(ticketID: F.ticketID, resolution: 5, agentRating: 1, speed: nil,
                                 personal: .init(comment: "Quick and right.", agentFeedback: nil)))
    }

    @Test func surveyScoresAreOneToFiveAndWordsBounded() {
        rated.when { try $0.decideSurvey(resolution: 0, agentRating: 3, speed: 6, comment: nil, agentFeedback: nil, by: F.asCustomer) }
            .thenInvalid(["resolution", "speed"])
        rated.when { try $0.decideSurvey(resolution: nil, agentRating: -2, speed: nil, comment: String(repeating: "c", count: 5001),
                                         agentFeedback: String(repeating: "f", count: 5001), by: F.asCustomer) }
            .thenInvalid(["agentRating", "comment", "agentFeedback"])
        rated.when { try $0.decideSurvey(resolution: 1, agentRating: 5, speed: 3, comment: String(repeating: "c", count: 5000), agentFeedback: nil,
                                         by: F.asCustomer) }
            .then(SurveyAnswered(ticketID: F.ticketID, resolution: 1, agentRating: 5, speed: 3,
                                 personal: .init(comment: String(repeating: "c", count: 5000), agentFeedback: nil)))
    }

    @Test func anEmptySurveyIsRefused() {
        rated.when { try $0.decideSurvey(resolution: nil, agentRating: nil, speed: nil, comment: "  ", agentFeedback: nil, by: F.asCustomer) }
            .thenInvalid(["survey"])
    }

    @Test func onlyTheRequesterAnswersTheSurvey() {
        rated.when { try $0.decideSurvey(resolution: 5, agentRating: 5, speed: 5, comment: nil, agentFeedback: nil, by: F.asAgent) }
            .thenError(.notFound("ticket"))
    }

    @Test(arguments: [TicketStatus.solved, .closed])
    func aSolvedOrClosedTicketCanBeFollowedUp(status: TicketStatus) {
        let next = UUID(uuidString: "0190f5d2-7777-7000-8000-0000000000f1")!
        ticket(in: status).when { try $0.decideFollowUp(next, by: F.asCustomer) }.then(FollowUpRequested(ticketID: F.ticketID, followUp: next))
        let followed = ticket(in: status).and(FollowUpRequested(ticketID: F.ticketID, followUp: next), at: F.t0 + 60)
        #expect(followed.state.followUps == [next])
    }

    @Test(arguments: [TicketStatus.new, .open, .pending])
    func anActiveTicketIsRepliedToInsteadOfFollowedUp(status: TicketStatus) {
        ticket(in: status).when { try $0.decideFollowUp(UUID(), by: F.asCustomer) }.thenError(.rejected("Reply to the ticket instead: it is still open."))
    }

    @Test func onlyTheRequesterAsksForAFollowUp() {
        ticket(in: .solved).when { try $0.decideFollowUp(UUID(), by: F.asAgent) }.thenError(.notFound("ticket"))
    }
}
