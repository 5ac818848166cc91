import Domain
import EventStore
import Foundation
import Projections
import Testing

/// One ticket's page folded from its stream, for its requester and for agents.
@Suite("Ticket timeline")
struct TicketTimelineTests {
    let ann = IDs.account(1)
    let policy = SLAPolicy(calendar: .always)

    /// A ticket's whole life: files of the customer, of a public reply, of an internal note and one
    /// not named by anything; SLA events; a rating, a survey, a follow-up, closing and archiving.
    func life(_ script: TicketScript) async throws -> UUID {
        let t = IDs.ticket(1)
        try await script.open(t, by: ann, subject: "Printer jams", description: "It jams on every page.",
                              fields: [AnsweredField(id: "model", label: "Model", value: .text("LaserJet 4"))], attachments: ["a1"])
        try await script.attach(t, id: "a1", filename: "jam.jpg", by: ann)
        script.advance(60)
        try await script.comment(t, by: IDs.agent, role: .agent, body: "Try a reset.", attachments: ["g1"])
        try await script.attach(t, id: "g1", filename: "guide.pdf", by: IDs.agent)
        try await script.comment(t, by: IDs.agent, role: .agent, body: "Customer seems upset.", internal: true, attachments: ["n1"])
        try await script.attach(t, id: "n1", filename: "notes.txt", by: IDs.agent)
        try await script.attach(t, id: "x1", filename: "draft.txt", by: IDs.agent)
        try await script.status(t, .open)
        try await script.assign(t, to: IDs.agent)
        try await script.priority(t, from: .normal, to: .high)
        script.advance(60)
        try await script.append(SLABreachWarned(ticketID: t, target: .resolution, dueAt: script.now.addingTimeInterval(3600)), ticket: t)
        try await script.append(SLABreached(ticketID: t, target: .resolution, dueAt: script.now), ticket: t)
        try await script.status(t, .solved, reason: "Reset fixed it.")
        try await script.rate(t, 4)
        try await script.survey(t, resolution: 5, agentRating: 4, speed: 3, comment: "Quick.", agentFeedback: "Very kind.")
        try await script.append(FollowUpRequested(ticketID: t, followUp: IDs.ticket(2)), ticket: t)
        try await script.status(t, .closed, by: nil, role: .system)
        try await script.archive(t)
        return t
    }

    @Test func agentsSeeEverythingInLogOrder() async throws {
        let script = try TicketScript()
        let t = try await life(script)
        let timeline = try TicketTimeline.build(from: script.records(t), viewer: .agent, policy: policy, now: script.now)

        #expect(timeline.entries.map(\.kind) == [
            .opened, .attachment, .comment, .attachment, .internalNote, .attachment, .attachment, .statusChanged, .assigned, .priorityChanged,
            .slaWarning, .slaBreach, .statusChanged, .rated, .survey, .followUp, .statusChanged, .archived,
        ])
        #expect(zip(timeline.entries, timeline.entries.dropFirst()).allSatisfy { $0.id < $1.id && $0.at <= $1.at })
        #expect(timeline.opened.subject == "Printer jams")
        #expect(timeline.opened.description == "It jams on every page.")
        #expect(timeline.opened.fields.map(\.value) == [.text("LaserJet 4")])
        #expect(timeline.entries[1].attachment?.filename == "jam.jpg")
        #expect(timeline.entries[1].attachment?.size == 1234)
        #expect(timeline.entries[1].attachment?.contentType == "application/pdf")
        #expect(timeline.entries[1].role == .customer)
        #expect(timeline.entries[2].text == "Try a reset.")
        #expect(timeline.entries[2].attachmentIDs == ["g1"])
        #expect(timeline.entries[2].actor == IDs.agent)
        #expect(timeline.entries[4].text == "Customer seems upset.")
        #expect(timeline.entries[7].text == nil)  // no reason given
        #expect(timeline.entries[7].toStatus == .open)
        #expect(timeline.entries[8].assignee == IDs.agent)
        #expect(timeline.entries[9].toPriority == .high)
        #expect(timeline.entries[11].slaTarget == .resolution)
        #expect(timeline.entries[12].text == "Reset fixed it.")
        #expect(timeline.entries[13].rating == 4)
        #expect(timeline.entries[14].text == "Quick.")
        #expect(timeline.entries[14].survey?.agentFeedback == "Very kind.")
        #expect(timeline.entries[15].followUp == IDs.ticket(2))
        #expect(timeline.entries[16].role == .system)
        #expect(timeline.ticket.status == .closed)
        #expect(timeline.ticket.archived)
        #expect(timeline.ticket.rating == 4)
        #expect(timeline.ticket.priority == .high)
        #expect(timeline.ticket.attachmentIDs == ["a1", "g1", "n1", "x1"])
        #expect(timeline.sla.map(\.target) == [.firstResponse, .resolution])
        #expect(timeline.sla.first?.state == .met)
        #expect(timeline.streamVersion == 18)
        #expect(!timeline.personalDataErased)
    }

    @Test func theRequesterSeesNoInternalNotesNorSLAEntries() async throws {
        let script = try TicketScript()
        let t = try await life(script)
        let timeline = try TicketTimeline.build(from: script.records(t), viewer: .customer(ann), policy: policy, now: script.now)

        #expect(timeline.entries.map(\.kind) == [
            .opened, .attachment, .comment, .attachment, .statusChanged, .assigned, .priorityChanged, .statusChanged, .rated, .survey,
            .followUp, .statusChanged, .archived,
        ])
        #expect(timeline.entries.compactMap(\.attachment?.id) == ["a1", "g1"])
        #expect(!timeline.entries.contains { $0.text == "Customer seems upset." })
        #expect(timeline.ticket.attachmentIDs == ["a1", "g1"])
        #expect(timeline.sla.isEmpty)
        // Their own survey, words and all.
        #expect(timeline.entries[9].survey == TicketTimeline.Survey(resolution: 5, agentRating: 4, speed: 3, agentFeedback: "Very kind."))
        #expect(timeline.opened.subject == "Printer jams")
    }

    @Test func anyoneElseIsToldThereIsNoSuchTicket() async throws {
        let script = try TicketScript()
        let t = try await life(script)
        let records = try script.records(t)
        #expect(throws: DomainError.notFound("ticket")) {
            try TicketTimeline.build(from: records, viewer: .customer(IDs.account(2)), policy: policy, now: script.now)
        }
        #expect(throws: DomainError.notFound("ticket")) {
            try TicketTimeline.build(from: [], viewer: .agent, policy: policy, now: script.now)
        }
        // A stream that does not start with its opening is not a ticket.
        #expect(throws: DomainError.notFound("ticket")) {
            try TicketTimeline.build(from: Array(records.dropFirst()), viewer: .agent, policy: policy, now: script.now)
        }
    }

    @Test func recordsAreFoldedInLogOrderAndFromOneStreamOnly() async throws {
        let script = try TicketScript()
        let t = try await life(script)
        try await script.open(IDs.ticket(3), by: ann, subject: "Another")
        let records = try script.records(t)
        let ordered = try TicketTimeline.build(from: records, viewer: .agent, policy: policy, now: script.now)
        let shuffled = try TicketTimeline.build(from: records.reversed(), viewer: .agent, policy: policy, now: script.now)
        #expect(shuffled == ordered)
        #expect(throws: DomainError.self) {
            try TicketTimeline.build(from: records + script.records(IDs.ticket(3)), viewer: .agent, policy: policy, now: script.now)
        }
    }

    @Test func theSLAClocksAreReadAtTheGivenTime() async throws {
        let script = try TicketScript()
        let t = IDs.ticket(1)
        try await script.open(t, by: ann, subject: "Urgent thing", priority: .urgent)
        let opened = script.now
        let timeline = try TicketTimeline.build(from: script.records(t), viewer: .agent, policy: policy, now: opened.addingTimeInterval(1800))
        let fr = try #require(timeline.sla.first { $0.target == .firstResponse })
        #expect(fr.state == .running)
        #expect(fr.remaining == 1800)
        #expect(fr.dueAt == opened.addingTimeInterval(3600))
    }

    @Test func afterErasureTheTextsAreGoneAndTheFactsRemain() async throws {
        let script = try TicketScript()
        let t = try await life(script)
        try await script.erase(ann)
        let records = try script.records(t)
        for viewer in [TicketTimeline.Viewer.agent, .customer(ann)] {
            let timeline = try TicketTimeline.build(from: records, viewer: viewer, policy: policy, now: script.now)
            #expect(timeline.personalDataErased)
            #expect(timeline.opened.subject == nil)
            #expect(timeline.opened.description == nil)
            #expect(timeline.opened.fields.isEmpty)
            #expect(timeline.entries.allSatisfy { $0.text == nil && $0.attachment?.filename == nil && $0.survey?.agentFeedback == nil })
            #expect(timeline.entries.contains { $0.kind == .comment && $0.actor == IDs.agent })
            #expect(timeline.entries.contains { $0.kind == .rated && $0.rating == 4 })
            #expect(timeline.ticket.status == .closed)
        }
    }
}
