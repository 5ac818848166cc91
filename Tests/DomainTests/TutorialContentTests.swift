import Domain
import Foundation
import Testing

private typealias T = TutorialFixtures

@Suite("Tutorials — content, revisions and status")
struct TutorialContentTests {
    static func categoryExists(_ slug: String) -> Bool { slug == "tickets" }
    static let editor = "account-0190f5d2-1111-7000-8000-0000000000e1"

    @Test func aValidTutorialIsCreatedAsADraftAndPublishedLater() throws {
        let created = try Tutorial.decideCreate(slug: T.slug, content: T.content, author: Self.editor, existing: Tutorial(), categoryExists: Self.categoryExists)
        #expect(created == TutorialCreated(slug: T.slug, content: T.content, author: Self.editor))
        let draft = Tutorial().evolve(created, at: T.t0)
        #expect(draft.status == .draft && draft.revision == 1)
        #expect(!draft.isReadable(by: .anonymous))
        let published = draft.evolve(try draft.decideStatus(.published, author: Self.editor), at: T.t0 + 60)
        #expect(published.isReadable(by: .anonymous))
        #expect(published.updatedAt == T.t0 + 60)
        #expect(throws: DomainError.rejected("a tutorial '\(T.slug)' exists already")) {
            try Tutorial.decideCreate(slug: T.slug, content: T.content, author: Self.editor, existing: published, categoryExists: Self.categoryExists)
        }
    }

    @Test func everyProblemIsReportedByField() {
        var c = T.content
        c.title = "x"
        c.categoryID = "nowhere"
        c.estimatedMinutes = 0
        c.steps[0].id = "Not A Slug"
        c.steps[1].video?.contentType = "video/x-msvideo"
        c.steps[2].demo?.screens[0].correct = "elsewhere"
        c.steps[3].check?.correct = ["maybe"]
        c.steps.append(TutorialStep(id: "watch", title: "Again", body: "Twice"))
        let result = Result { try c.checked(categoryExists: Self.categoryExists) }
        result.thenInvalid(["title", "category", "estimatedMinutes", "steps[0].id", "steps[1].video.contentType", "steps[2].demo.screens[0].correct",
                            "steps[3].check.correct", "steps[4].id"])
    }

    @Test func aStepCarriesAtMostOneActivityAndHotspotsStayInsideTheImage() {
        var c = T.content
        c.steps[1].check = T.check
        c.steps[2].demo?.screens[0].hotspots[0].width = 40
        Result { try c.checked(categoryExists: Self.categoryExists) }.thenInvalid(["steps[1]", "steps[2].demo.screens[0].hotspots"])
    }

    @Test func aRevisionThatChangesNothingIsRefused() throws {
        let t = Tutorial().evolve(TutorialCreated(slug: T.slug, content: T.content, author: Self.editor), at: T.t0)
        #expect(throws: DomainError.rejected("nothing changed")) { try t.decideRevise(T.content, author: Self.editor, note: "", categoryExists: Self.categoryExists) }
        var c = T.content
        c.steps.swapAt(0, 1)
        let revised = try t.decideRevise(c, author: Self.editor, note: "Video first", categoryExists: Self.categoryExists)
        #expect(revised.revision == 2 && revised.note == "Video first")
        #expect(t.evolve(revised, at: T.t0 + 5).content?.steps.first?.id == "watch")
    }

    @Test func theAnswersAreKnownToTheDomainOnly() {
        #expect(T.content.checkSteps == ["quiz"])
        #expect(T.content.steps.map(\.requirement) == [.read, .watchVideo, .passDemo, .passCheck])
        #expect(T.check.isMultipleChoice)
    }
}

@Suite("Tutorials — private notes")
struct LearnerNotesTests {
    static let owner = T.learner
    static let id = UUID(uuidString: "00000000-0000-7000-8000-000000000001")!

    @Test func aNoteIsWrittenOnAStepOrAnArticleAndItsTextIsPersonal() throws {
        let saved = try LearnerNotes().decideSave(nil, target: Tutorial.stepKey(T.slug, step: "watch"), text: "  Look at 0:12 again. ", by: Self.owner,
                                                  context: FixedContext.make())
        #expect(saved == NoteSaved(noteID: Self.id, owner: Self.owner, target: "step:your-first-ticket/watch", text: "Look at 0:12 again."))
        #expect(saved.personal?.text == "Look at 0:12 again.")
        let notes = LearnerNotes().evolve(saved, at: T.t0)
        #expect(notes.notes[Self.id]?.text == "Look at 0:12 again.")
        _ = try LearnerNotes().decideSave(nil, target: "article:understanding-your-invoice", text: "ok", by: Self.owner, context: FixedContext.make())
        #expect(throws: ValidationFailure.self) {
            try LearnerNotes().decideSave(nil, target: "ticket:123", text: "", by: Self.owner, context: FixedContext.make())
        }
    }

    @Test func anErasedOwnersNoteKeepsItsPlaceButLosesItsText() {
        var erased = NoteSaved(noteID: Self.id, owner: Self.owner, target: "faq:reset-password", text: "secret")
        erased.personal = nil
        let notes = LearnerNotes().evolve(erased, at: T.t0)
        #expect(notes.notes[Self.id]?.text == nil)
        #expect(notes.notes[Self.id]?.target == "faq:reset-password")
    }

    @Test func rewritingKeepsTheTargetAndDeletingNeedsAnExistingNote() throws {
        let notes = LearnerNotes().evolve(NoteSaved(noteID: Self.id, owner: Self.owner, target: "faq:reset-password", text: "a"), at: T.t0)
        #expect(throws: FieldError.self) { try notes.decideSave(Self.id, target: "faq:other", text: "b", by: Self.owner, context: FixedContext.make()) }
        #expect(throws: DomainError.rejected("nothing changed")) { try notes.decideSave(Self.id, target: "faq:reset-password", text: "a", by: Self.owner, context: FixedContext.make()) }
        #expect(try notes.decideDelete(Self.id, by: Self.owner) == NoteDeleted(noteID: Self.id, owner: Self.owner))
        #expect(throws: DomainError.notFound("note")) { try LearnerNotes().decideDelete(Self.id, by: Self.owner) }
    }
}
