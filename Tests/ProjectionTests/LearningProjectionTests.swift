import Domain
import EventStore
import Foundation
import Projections
import Testing

/// Learners' events written as the portal writes them (sealed under the learner's key), folded by `learning`.
@Suite("Learning projection — progress, funnels, notes, certificates, erasure")
struct LearningProjectionTests {
    static let slug = "your-first-ticket"
    static let content = TutorialContent(title: "Your first ticket", summary: "", categoryID: "tickets", estimatedMinutes: 5, steps: [
        TutorialStep(id: "welcome", title: "Welcome", body: "Hi."),
        TutorialStep(id: "form", title: "The form", body: "Fill it in."),
        TutorialStep(id: "send", title: "Send", body: "Press send."),
    ])

    func learner(_ log: TestLog, _ n: Int, _ events: [any DomainEvent]) async throws {
        let id = IDs.account(n)
        for event in events {
            try await log.append(event, to: TutorialProgress.stream(tutorial: Self.slug, learner: id), subject: id.stream)
        }
    }

    func walk(_ n: Int, through steps: [String], finish: Bool = false, flag: String? = nil, rating: Int? = nil, comment: String? = nil) -> [any DomainEvent] {
        let id = IDs.account(n)
        var events: [any DomainEvent] = []
        for step in steps {
            events.append(TutorialStepViewed(tutorial: Self.slug, learner: id, step: step))
            events.append(TutorialStepCompleted(tutorial: Self.slug, learner: id, step: step))
        }
        if finish { events.append(TutorialCompleted(tutorial: Self.slug, learner: id, revision: 1)) }
        if let flag { events.append(TutorialStepFlagged(tutorial: Self.slug, learner: id, step: flag)) }
        if let rating { events.append(TutorialRated(tutorial: Self.slug, learner: id, rating: rating, comment: comment)) }
        return events
    }

    @Test func theFunnelCountsStartsEachStepCompletionsAndDropOff() async throws {
        let log = try TestLog()
        try await learner(log, 1, walk(1, through: ["welcome", "form", "send"], finish: true, rating: 5, comment: "Clear and short."))
        try await learner(log, 2, walk(2, through: ["welcome", "form"], flag: "send", rating: 2))
        try await learner(log, 3, walk(3, through: ["welcome"]))
        try await learner(log, 4, [TutorialStepViewed(tutorial: Self.slug, learner: IDs.account(4), step: "welcome")])
        // A step completed twice in the log counts once.
        try await learner(log, 3, [TutorialStepCompleted(tutorial: Self.slug, learner: IDs.account(3), step: "welcome")])
        let learning = LearningProjection()
        try await log.fold([learning]).stop()

        let funnel = learning.funnel(Self.slug, content: Self.content)
        #expect(funnel.started == 4)
        #expect(funnel.steps.map(\.viewed) == [4, 2, 1])
        #expect(funnel.steps.map(\.completed) == [3, 2, 1])
        #expect(funnel.steps.map(\.dropOff) == [1, 1, 1])
        #expect(funnel.steps.map(\.unclear) == [0, 0, 1])
        #expect(funnel.completed == 1)
        #expect(funnel.completionRate == 25)
        #expect(funnel.ratings == 2 && funnel.averageRating == 3.5)
        let feedback = learning.feedback(Self.slug)
        #expect(feedback.ratings == [5: 1, 2: 1])
        #expect(feedback.comments.map(\.text) == ["Clear and short."])
        #expect(learning.progress(Self.slug, learner: IDs.account(3)).progress.completed == ["welcome"])
        #expect(learning.progress(of: IDs.account(2)).map(\.tutorial) == [Self.slug])
        #expect(learning.progress(of: IDs.account(9)).isEmpty)
    }

    @Test func aFunnelForAPeriodCountsLearnersWhoStartedInIt() async throws {
        let clock = LogClock(Date(timeIntervalSince1970: 1_764_000_000))
        let log = try TestLog(clock: clock)
        try await learner(log, 1, walk(1, through: ["welcome"]))
        clock.advance(10 * 86_400)
        try await learner(log, 2, walk(2, through: ["welcome", "form"]))
        // Learner 1 comes back in the second period: still counted where they started.
        try await learner(log, 1, walk(1, through: ["form"]))
        let learning = LearningProjection()
        try await log.fold([learning]).stop()
        let recent = learning.funnel(Self.slug, content: Self.content, period: DateInterval(start: clock.date.addingTimeInterval(-86_400), duration: 2 * 86_400))
        #expect(recent.started == 1)
        #expect(recent.steps.map(\.completed) == [1, 1, 0])
        #expect(learning.funnel(Self.slug, content: Self.content).steps.map(\.completed) == [2, 2, 0])
    }

    @Test func notesAreTheOwnersOnlyAndSearchableByThem() async throws {
        let log = try TestLog()
        let ann = IDs.account(1), bob = IDs.account(2)
        let n1 = UUID(), n2 = UUID(), n3 = UUID()
        try await log.append(NoteSaved(noteID: n1, owner: ann, target: "step:\(Self.slug)/form", text: "Pick Billing for invoices"), to: LearnerNotes.stream(ann), subject: ann.stream)
        try await log.append(NoteSaved(noteID: n2, owner: ann, target: "article:sla-explained", text: "SLA clock pauses on weekends"), to: LearnerNotes.stream(ann), subject: ann.stream)
        try await log.append(NoteSaved(noteID: n3, owner: bob, target: "article:sla-explained", text: "Billing is slow"), to: LearnerNotes.stream(bob), subject: bob.stream)
        try await log.append(NoteSaved(noteID: n1, owner: ann, target: "step:\(Self.slug)/form", text: "Pick Billing for invoices and refunds"), to: LearnerNotes.stream(ann), subject: ann.stream)
        let learning = LearningProjection()
        try await log.fold([learning]).stop()
        #expect(learning.searchNotes(of: ann, query: "billing").map(\.id) == [n1])
        #expect(learning.searchNotes(of: ann, query: "BILLING refunds").first?.text == "Pick Billing for invoices and refunds")
        #expect(learning.searchNotes(of: bob, query: "weekends").isEmpty)
        #expect(learning.notes(of: ann).notes.notes.count == 2)
        #expect(learning.notes(of: ann).version == 3)
    }

    @Test func erasingALearnerErasesTheirNotesCommentsAndCertificateHolder() async throws {
        let log = try TestLog()
        let ann = IDs.account(1)
        try await learner(log, 1, walk(1, through: ["welcome", "form", "send"], finish: true, rating: 4, comment: "Good"))
        let certificate = CertificateIssued(certificateID: "0123456789abcdef0123456789abcdef", tutorial: Self.slug, tutorialTitle: "Your first ticket",
                                            learner: ann, issuedOn: "2026-11-26", keyID: "k1", holderName: "Ann Example", signed: "p.s")
        try await learner(log, 1, [certificate])
        try await log.append(NoteSaved(noteID: UUID(), owner: ann, target: "faq:reset-password", text: "private"), to: LearnerNotes.stream(ann), subject: ann.stream)
        let before = LearningProjection()
        try await log.fold([before]).stop()
        #expect(before.certificate(certificate.certificateID)?.holderName == "Ann Example")

        _ = try await log.store.eraseSubject(ann.stream, recording: [StreamAppend(stream: ann.stream, expected: .any, events: [
            try Self.newEvent(PersonalDataErased(accountID: ann, erasedBy: "portalctl")),
        ])])
        for projection in [before, LearningProjection()] {
            try await log.fold([projection]).stop()
            #expect(projection.notes(of: ann).notes.notes.isEmpty)
            #expect(projection.certificate(certificate.certificateID)?.holderErased == true)
            #expect(projection.certificate(certificate.certificateID)?.tutorialTitle == "Your first ticket")
            #expect(projection.feedback(Self.slug).comments.isEmpty)
            #expect(projection.feedback(Self.slug).ratings == [4: 1])
        }
    }

    @Test func aRevokedCertificateKeepsItsReason() async throws {
        let log = try TestLog()
        let ann = IDs.account(1)
        try await learner(log, 1, [CertificateIssued(certificateID: "0123456789abcdef0123456789abcdef", tutorial: Self.slug, tutorialTitle: "T",
                                                     learner: ann, issuedOn: "2026-11-26", keyID: "k1", holderName: "Ann", signed: "p.s")])
        try await log.append(CertificateRevoked(certificateID: "0123456789abcdef0123456789abcdef", reason: "Issued in error", by: "account-e"),
                             to: "certificate-0123456789abcdef0123456789abcdef")
        let learning = LearningProjection()
        try await log.fold([learning]).stop()
        #expect(learning.certificate("0123456789abcdef0123456789abcdef")?.revokedReason == "Issued in error")
        #expect(learning.certificate("0123456789abcdef0123456789abcdef")?.revocationVersion == 1)
        #expect(learning.certificate("ffffffffffffffffffffffffffffffff") == nil)
    }

    static func newEvent(_ event: some DomainEvent) throws -> NewEvent {
        let encoded = try EventCatalog.encode(event)
        return NewEvent(id: UUIDv7.make(), type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data,
                        metadata: EventMetadata(actor: "test", clientIP: nil), sealed: nil)
    }
}

@Suite("Tutorial catalog projection")
struct TutorialCatalogProjectionTests {
    @Test func onlyPublishedTutorialsWithinTheAudienceAreListed() async throws {
        let log = try TestLog()
        let content = LearningProjectionTests.content
        var agentsOnly = content
        agentsOnly.title = "Agent desk basics"
        agentsOnly.audience = .agents
        try await log.append(TutorialCreated(slug: "first", content: content, author: "e"), to: Tutorial.stream("first"))
        try await log.append(TutorialStatusChanged(slug: "first", from: .draft, to: .published, author: "e"), to: Tutorial.stream("first"))
        try await log.append(TutorialCreated(slug: "desk", content: agentsOnly, author: "e"), to: Tutorial.stream("desk"))
        try await log.append(TutorialStatusChanged(slug: "desk", from: .draft, to: .published, author: "e"), to: Tutorial.stream("desk"))
        try await log.append(TutorialCreated(slug: "draft", content: content, author: "e"), to: Tutorial.stream("draft"))
        let catalog = TutorialCatalogProjection()
        try await log.fold([catalog]).stop()
        #expect(catalog.published(for: .anonymous).compactMap(\.slug) == ["first"])
        #expect(catalog.published(for: KnowledgeViewer(account: IDs.account(7), roles: [.agent])).compactMap(\.slug) == ["desk", "first"])
        #expect(catalog.readable("desk", by: .anonymous) == nil)
        #expect(catalog.readable("draft", by: .anonymous) == nil)
        #expect(catalog.tutorial("draft")?.version == 1)
        #expect(catalog.all().count == 3)
        // The snapshot brings the same state back.
        let copy = TutorialCatalogProjection()
        try copy.restore(from: try catalog.snapshot())
        #expect(copy.published(for: .anonymous).compactMap(\.slug) == ["first"])
    }
}
