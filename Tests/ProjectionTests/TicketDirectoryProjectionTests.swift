import Domain
import EventStore
import Foundation
import Projections
import Testing

/// The ticket directory from ticket streams written as the service writes them: lists, filters,
/// search without stored text, similar tickets, erasure and snapshots.
@Suite("Ticket directory projection")
struct TicketDirectoryProjectionTests {
    static let key = [UInt8](repeating: 9, count: 32)
    let ann = IDs.account(1)
    let bob = IDs.account(2)

    func directory() -> TicketDirectoryProjection { TicketDirectoryProjection(searchKey: Self.key) }

    func ids(_ result: (total: Int, items: [TicketSummary])) -> [UUID] { result.items.map(\.id) }

    // MARK: Lists

    /// Four tickets of Ann's and one of Bob's, touched at distinct times.
    func fourTicketsOfAnn(_ script: TicketScript) async throws {
        let t = (1...5).map(IDs.ticket)
        try await script.open(t[0], by: ann, subject: "Invoice wrong", category: "billing", priority: .normal)
        script.advance(60)
        try await script.open(t[1], by: ann, subject: "App crashes", category: "tech", priority: .urgent)
        script.advance(60)
        try await script.open(t[2], by: ann, subject: "Refund please", category: "billing", priority: .low)
        script.advance(60)
        try await script.open(t[3], by: ann, subject: "Slow pages", category: "tech", priority: .high)
        script.advance(60)
        try await script.open(t[4], by: bob, subject: "Bob's question", category: "billing", priority: .normal)
        script.advance(60)
        try await script.status(t[0], .open)
        script.advance(10)
        try await script.assign(t[0], to: IDs.agent)
        script.advance(60)
        try await script.status(t[2], .solved)
        script.advance(60)
        try await script.status(t[2], .closed)
        script.advance(60)
        try await script.archive(t[2])
        script.advance(60)
        try await script.reply(t[1])
    }

    @Test func filtersNarrowARequestersList() async throws {
        let script = try TicketScript()
        try await fourTicketsOfAnn(script)
        let d = try await script.fold(directory())
        let t = (1...5).map(IDs.ticket)

        #expect(d.search(TicketQuery(requester: ann)).total == 4)
        #expect(d.search(TicketQuery(requester: bob, limit: 10)).items.map(\.id) == [t[4]])
        #expect(d.search(TicketQuery(limit: 10)).total == 5)
        #expect(Set(ids(d.search(TicketQuery(requester: ann, statuses: [.new])))) == [t[1], t[3]])
        #expect(Set(ids(d.search(TicketQuery(requester: ann, statuses: [.open, .closed])))) == [t[0], t[2]])
        #expect(Set(ids(d.search(TicketQuery(requester: ann, categoryID: "tech")))) == [t[1], t[3]])
        #expect(Set(ids(d.search(TicketQuery(requester: ann, priorities: [.urgent, .high])))) == [t[1], t[3]])
        let opened = try #require(d.summary(t[1])?.openedAt)
        #expect(Set(ids(d.search(TicketQuery(requester: ann, openedFrom: opened, openedTo: opened.addingTimeInterval(120))))) == [t[1], t[2]])
        #expect(ids(d.search(TicketQuery(requester: ann, archived: true))) == [t[2]])
        #expect(Set(ids(d.search(TicketQuery(requester: ann, archived: false)))) == [t[0], t[1], t[3]])
        #expect(ids(d.search(TicketQuery(requester: ann, assignee: .some(IDs.agent)))) == [t[0]])
        #expect(Set(ids(d.search(TicketQuery(requester: ann, assignee: .some(nil))))) == [t[1], t[2], t[3]])
        #expect(d.counts(requester: ann) == [.new: 2, .open: 1, .closed: 1])
        #expect(d.allTickets(of: ann) == Array(t[0...3]))
        #expect(d.allTickets(of: IDs.account(99)).isEmpty)
    }

    @Test func sortsAndPagesWithoutOverlap() async throws {
        let script = try TicketScript()
        try await fourTicketsOfAnn(script)
        let d = try await script.fold(directory())
        let t = (1...5).map(IDs.ticket)

        #expect(ids(d.search(TicketQuery(requester: ann, sort: .updatedNewest))) == [t[1], t[2], t[0], t[3]])
        #expect(ids(d.search(TicketQuery(requester: ann, sort: .openedNewest))) == [t[3], t[2], t[1], t[0]])
        #expect(ids(d.search(TicketQuery(requester: ann, sort: .openedOldest))) == [t[0], t[1], t[2], t[3]])
        #expect(ids(d.search(TicketQuery(requester: ann, sort: .priorityHighest))) == [t[1], t[3], t[0], t[2]])

        let page = d.search(TicketQuery(requester: ann, sort: .openedOldest, offset: 1, limit: 2))
        #expect(page.total == 4)
        #expect(ids(page) == [t[1], t[2]])
        #expect(ids(d.search(TicketQuery(requester: ann, sort: .openedOldest, offset: 3, limit: 2))) == [t[3]])
        #expect(d.search(TicketQuery(requester: ann, offset: 10)).items.isEmpty)
        #expect(d.search(TicketQuery(requester: ann, offset: 10)).total == 4)
        // Hostile paging is clamped, not trapped on.
        #expect(ids(d.search(TicketQuery(requester: ann, sort: .openedOldest, offset: -5, limit: 1))) == [t[0]])
        #expect(d.search(TicketQuery(requester: ann, limit: -1)).items.isEmpty)
        #expect(d.search(TicketQuery(limit: Int.max)).items.count == 5)
    }

    @Test func summaryFollowsTheStream() async throws {
        let script = try TicketScript()
        let t = IDs.ticket(1), followUp = IDs.ticket(2)
        try await script.open(t, by: ann, subject: "Printer jams", attachments: ["a1"])
        try await script.attach(t, id: "a1", filename: "jam.jpg", by: ann)
        script.advance(100)
        try await script.reply(t)
        script.advance(100)
        try await script.comment(t, by: IDs.agent, role: .agent, body: "check firmware", internal: true)
        try await script.priority(t, from: .normal, to: .high)
        try await script.status(t, .solved)
        let solved = script.now
        script.advance(100)
        try await script.rate(t, 4)
        try await script.comment(t, by: ann, role: .customer, body: "thanks!")
        let last = script.now
        try await script.open(followUp, by: ann, subject: "Printer jams again", followUpOf: t)
        let d = try await script.fold(directory())

        let s = try #require(d.summary(t))
        #expect(s.requester == ann)
        #expect(s.categoryID == "billing")
        #expect(s.priority == .high)
        #expect(s.status == .solved)
        #expect(s.solvedAt == solved)
        #expect(s.closedAt == nil)
        #expect(s.rating == 4)
        #expect(s.publicComments == 2)
        #expect(s.lastPublicActor == .customer)
        #expect(s.attachments == 1)
        #expect(s.streamVersion == 8)
        #expect(s.updatedAt == last)
        #expect(s.openedAt < s.updatedAt)
        #expect(!s.requesterErased)
        #expect(d.summary(followUp)?.followUpOf == t)
        #expect(d.summary(followUp)?.lastPublicActor == .customer)
        #expect(d.summary(IDs.ticket(3)) == nil)
    }

    // MARK: Search

    @Test func searchNeedsEveryWordInAnyFormWithOrWithoutAccents() async throws {
        let script = try TicketScript()
        let t = (1...3).map(IDs.ticket)
        try await script.open(t[0], by: ann, subject: "Invoice charged twice", description: "My credit card was charged two times for the Pro plan.")
        try await script.open(t[1], by: ann, subject: "Café app crashes", description: "The mobile app crashes when I open the menu.",
                              fields: [AnsweredField(id: "device", label: "Device", value: .text("Pixel phone")),
                                       AnsweredField(id: "seats", label: "Seats", value: .number(42)),
                                       AnsweredField(id: "screens", label: "Screenshots", value: .files(["f1"]))],
                              attachments: ["f1"])
        try await script.attach(t[1], id: "f1", filename: "screenshot-menu.png", by: ann)
        try await script.open(t[2], by: bob, subject: "Charged twice", description: "Double payment.")
        try await script.comment(t[0], by: ann, role: .customer, body: "I would like a refund.")
        let d = try await script.fold(directory())

        func found(_ text: String, requester: AccountID? = IDs.account(1)) -> Set<UUID> {
            Set(ids(d.search(TicketQuery(requester: requester, text: text, limit: 50))))
        }
        #expect(found("charges") == [t[0]])
        #expect(found("CHARGING card") == [t[0]])
        #expect(found("charged menu").isEmpty)  // every word must match
        #expect(found("cafe") == [t[1]])
        #expect(found("crashing") == [t[1]])
        #expect(found("pixel") == [t[1]])
        #expect(found("42") == [t[1]])
        #expect(found("screenshots") == [t[1]])
        #expect(found("refunds") == [t[0]])
        #expect(found("payment").isEmpty)  // Bob's ticket is not in Ann's list
        #expect(found("charged twice", requester: nil) == [t[0], t[2]])
        // Only stop words: no text filter at all.
        #expect(found("the and of") == [t[0], t[1]])
        #expect(found("zebra").isEmpty)
    }

    @Test func internalNotesAreFoundByAgentsOnly() async throws {
        let script = try TicketScript()
        let t = IDs.ticket(1)
        try await script.open(t, by: ann, subject: "Login problem")
        try await script.comment(t, by: IDs.agent, role: .agent, body: "Suspect chargeback fraud", internal: true, attachments: ["n1"])
        try await script.attach(t, id: "n1", filename: "investigation-notes.pdf", by: IDs.agent)
        // A file recorded before the public reply that names it, and one named before it is recorded.
        try await script.attach(t, id: "p1", filename: "instructions.pdf", by: IDs.agent)
        try await script.comment(t, by: IDs.agent, role: .agent, body: "See the attached steps.", attachments: ["p1", "p2"])
        try await script.attach(t, id: "p2", filename: "guide.pdf", by: IDs.agent)
        // Recorded but not (yet) named by any comment: agents only.
        try await script.attach(t, id: "x1", filename: "draft-answer.pdf", by: IDs.agent)
        let d = try await script.fold(directory())

        func customer(_ text: String) -> Int { d.search(TicketQuery(requester: ann, text: text)).total }
        func agent(_ text: String, notes: Bool = true) -> Int { d.search(TicketQuery(text: text, includeInternal: notes)).total }
        #expect(customer("fraud") == 0)
        #expect(customer("chargeback") == 0)
        #expect(customer("investigation") == 0)
        #expect(customer("draft") == 0)
        #expect(customer("instructions") == 1)
        #expect(customer("guide") == 1)
        #expect(customer("steps") == 1)
        #expect(agent("fraud") == 1)
        #expect(agent("investigation") == 1)
        #expect(agent("draft") == 1)
        #expect(agent("login chargeback") == 1)
        #expect(agent("fraud", notes: false) == 0)
        #expect(d.summary(t)?.publicComments == 1)
        #expect(d.summary(t)?.lastPublicActor == .agent)
        #expect(d.summary(t)?.attachments == 4)
    }

    @Test func similarTicketsRankBySubjectThenDescription() async throws {
        let script = try TicketScript()
        let t = (1...5).map(IDs.ticket)
        try await script.open(t[0], by: ann, subject: "Printer jams on every page", description: "Paper gets stuck.")
        try await script.open(t[1], by: ann, subject: "Printer driver download", description: "Where can I download the driver?")
        try await script.open(t[2], by: ann, subject: "Invoice address wrong", description: "The printer invoice shows an old address.")
        try await script.open(t[3], by: ann, subject: "Printer jams again", description: "Please help.")
        try await script.status(t[3], .solved)
        try await script.open(t[4], by: bob, subject: "Printer jams", description: "Please help.")
        let d = try await script.fold(directory())

        let all = d.similar(to: "printer jams", requester: ann, openOnly: false, limit: 10)
        #expect(all.map(\.summary.id) == [t[3], t[0], t[1], t[2]])
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.score > $1.score })
        #expect(all.allSatisfy { $0.score > 0 && $0.score <= 1 })
        #expect(d.similar(to: "printer jams", requester: ann, openOnly: true, limit: 10).map(\.summary.id) == [t[0], t[1], t[2]])
        #expect(d.similar(to: "printer jams", requester: ann, openOnly: false, limit: 2).map(\.summary.id) == [t[3], t[0]])
        #expect(d.similar(to: "zebra crossing", requester: ann, openOnly: false, limit: 10).isEmpty)
        #expect(d.similar(to: "printer", requester: IDs.account(99), openOnly: false, limit: 10).isEmpty)
    }

    @Test func erasureDropsTheRequestersTokens() async throws {
        let script = try TicketScript()
        let t = (1...2).map(IDs.ticket)
        try await script.open(t[0], by: ann, subject: "Printer jams", description: "Paper stuck")
        try await script.comment(t[0], by: IDs.agent, role: .agent, body: "toner replaced", internal: true)
        try await script.open(t[1], by: bob, subject: "Printer jams", description: "Paper stuck")
        let before = try await script.fold(directory())
        #expect(Set(ids(before.search(TicketQuery(text: "printer")))) == Set(t))

        try await script.erase(ann)
        // From the checkpoint with the erasure applied live, and replayed from the start over erased records.
        let live = try await script.fold(directory())
        try await script.log.store.resetCheckpoint(name: "ticket-directory")
        let replayed = try await script.fold(directory())
        for d in [live, replayed] {
            #expect(ids(d.search(TicketQuery(text: "printer"))) == [t[1]])
            #expect(d.search(TicketQuery(text: "toner", includeInternal: true)).total == 0)
            #expect(d.similar(to: "printer jams", requester: ann, openOnly: false, limit: 5).isEmpty)
            #expect(d.summary(t[0])?.requesterErased == true)
            #expect(d.summary(t[1])?.requesterErased == false)
            // The ticket itself stays listed.
            #expect(ids(d.search(TicketQuery(requester: ann))) == [t[0]])
        }
    }

    // MARK: Snapshots

    /// A log with a bit of everything the directory keeps.
    func everything(_ script: TicketScript) async throws {
        for n in 1...12 {
            let requester = IDs.account(n % 3 + 1)
            let t = IDs.ticket(n)
            try await script.open(t, by: requester, subject: "Case \(n) printer \(["jam", "driver", "toner"][n % 3])",
                                  description: "Details of case \(n) with Zanzibar quokka marmalade", category: n % 2 == 0 ? "billing" : "tech",
                                  priority: TicketPriority.allCases[n % 4],
                                  fields: [AnsweredField(id: "os", label: "System", value: .choices(["Linux", "Haiku"]))])
            script.advance(30)
            if n % 2 == 0 { try await script.reply(t, "Reply about marmalade number \(n)") }
            if n % 3 == 0 { try await script.comment(t, by: IDs.agent, role: .agent, body: "Internal quokka note", internal: true) }
            if n % 4 == 0 { try await script.attach(t, id: "w\(n)", filename: "zanzibar-\(n).pdf", by: IDs.agent) }
            if n % 5 == 0 { try await script.assign(t, to: IDs.otherAgent) }
            if n % 6 == 0 {
                try await script.status(t, .solved)
                try await script.rate(t, n % 5 + 1)
            }
        }
        try await script.erase(IDs.account(3))
    }

    @Test func aSnapshotRestoresTheSameDirectory() async throws {
        let script = try TicketScript()
        try await everything(script)
        let original = try await script.fold(directory())
        let restored = directory()
        try restored.restore(from: original.snapshot())
        let again = directory()
        try again.restore(from: restored.snapshot())

        for d in [restored, again] {
            #expect(d.count == original.count)
            for n in 1...12 { #expect(d.summary(IDs.ticket(n)) == original.summary(IDs.ticket(n))) }
            for requester in (1...3).map(IDs.account) {
                #expect(d.allTickets(of: requester) == original.allTickets(of: requester))
                #expect(d.counts(requester: requester) == original.counts(requester: requester))
                let similar = { (p: TicketDirectoryProjection) in p.similar(to: "printer jam", requester: requester, openOnly: false, limit: 20).map { "\($0.summary.id) \($0.score)" } }
                #expect(similar(d) == similar(original))
            }
            for query in [TicketQuery(text: "zanzibar", limit: 50), TicketQuery(text: "quokka", includeInternal: true, limit: 50),
                          TicketQuery(requester: IDs.account(1), text: "printer", sort: .priorityHighest),
                          TicketQuery(statuses: [.solved], sort: .openedOldest), TicketQuery(text: "haiku linux", limit: 50)] {
                #expect(ids(d.search(query)) == ids(original.search(query)))
                #expect(d.search(query).total == original.search(query).total)
            }
        }
        // What the snapshot restored is searchable as before, and the erased requester's tickets are not.
        #expect(restored.search(TicketQuery(text: "marmalade", limit: 50)).total == 8)
        #expect(restored.search(TicketQuery(text: "zanzibar", limit: 50)).total == 8)

        var cut = try original.snapshot()
        cut.removeLast(3)
        #expect(throws: (any Error).self) { try directory().restore(from: cut) }
    }

    @Test func aSnapshotHoldsNoWordOfText() async throws {
        let script = try TicketScript()
        try await everything(script)
        let d = try await script.fold(directory())
        #expect(d.search(TicketQuery(text: "quokka", includeInternal: true, limit: 50)).total > 0)
        let bytes = try d.snapshot()
        for word in ["Zanzibar", "zanzibar", "quokka", "marmalade", "marmalad", "Haiku", "haiku", "printer", "Details", "detail", "Internal", "Reply"] {
            #expect(!contains(bytes, Array(word.utf8)), "the snapshot holds '\(word)'")
        }
    }

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { i in haystack[i..<(i + needle.count)].elementsEqual(needle) }
    }
}
