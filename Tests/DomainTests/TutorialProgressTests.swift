import Domain
import Foundation
import Testing

private typealias T = TutorialFixtures

@Suite("Tutorials — progress rules")
struct TutorialProgressTests {
    func complete(_ step: String, after history: [any DomainEvent]) -> Result<[any DomainEvent], any Error> {
        TutorialScenario(history: history.map { ($0, T.t0) }).when {
            try $0.decideComplete(step, tutorial: T.slug, content: T.content, revision: 1, by: T.learner)
        }
    }

    @Test func aReadingStepIsCompletedOnceAndASecondTimeIsRefused() {
        complete("welcome", after: [T.viewed("welcome")]).then(T.completed("welcome"))
        complete("welcome", after: [T.viewed("welcome"), T.completed("welcome")]).thenError(.rejected("this step is completed already"))
    }

    @Test func aStepCompletedTwiceInTheLogCountsOnce() {
        let p = TutorialScenario(history: [(T.completed("welcome"), T.t0), (T.completed("welcome"), T.t0)]).state
        #expect(p.completed == ["welcome"])
        #expect(p.percentDone(T.content) == 25)
    }

    @Test func aVideoStepNeedsNinetyPercentWatched() {
        complete("watch", after: [T.watched((0, 10))]).thenError(.rejected("watch at least 90 % of the video first"))
        complete("watch", after: [T.watched((0, 10)), T.watched((8, 18))]).then(T.completed("watch"))
    }

    @Test func watchedStretchesMergeSoReplayingAddsNothing() {
        let p = TutorialScenario.given(T.watched((0, 5)), T.watched((4, 9)), T.watched((0, 9)), T.watched((12, 14))).state
        #expect(p.watched["watch"] == [WatchedRange(start: 0, end: 9), WatchedRange(start: 12, end: 14)])
        #expect(p.watchedSeconds("watch") == 11)
        // Touching stretches (the player reports every few hundred milliseconds) join.
        #expect(WatchedRanges.merge([WatchedRange(start: 0, end: 4), WatchedRange(start: 4.3, end: 6)]) == [WatchedRange(start: 0, end: 6)])
    }

    @Test func aReportThatAddsNothingIsRefusedAndOneBeyondTheEndIsInvalid() {
        let given = TutorialScenario.given(T.watched((0, 10)))
        given.when { try $0.decideWatch("watch", ranges: [WatchedRange(start: 2, end: 9)], tutorial: T.slug, content: T.content, by: T.learner) }
            .thenError(.rejected("nothing new was watched"))
        given.when { try $0.decideWatch("watch", ranges: [WatchedRange(start: 5, end: 40)], tutorial: T.slug, content: T.content, by: T.learner) }
            .thenInvalid(["ranges"])
        given.when { try $0.decideWatch("watch", ranges: [WatchedRange(start: 9, end: 20.4)], tutorial: T.slug, content: T.content, by: T.learner) }
            .then(T.watched((9, 20)))
        given.when { try $0.decideWatch("welcome", ranges: [WatchedRange(start: 0, end: 1)], tutorial: T.slug, content: T.content, by: T.learner) }
            .thenInvalid(["step"])
    }

    @Test func aDemoIsPassedScreenByScreenInOrder() {
        let answer = { (history: [any DomainEvent], screen: String, choice: String) in
            TutorialScenario(history: history.map { ($0, T.t0) }).when {
                try $0.decideDemoAnswer("try", screen: screen, answer: choice, tutorial: T.slug, content: T.content, by: T.learner)
            }
        }
        answer([], "category", "billing").thenError(.rejected("finish the screens before this one first"))
        answer([], "menu", "search").then(T.demoAnswer("menu", "search", correct: false))
        answer([], "menu", "nowhere").thenInvalid(["answer"])
        answer([T.demoAnswer("menu", "new", correct: true)], "category", "billing").then(T.demoAnswer("category", "billing", correct: true))
        complete("try", after: [T.demoAnswer("menu", "new", correct: true)]).thenError(.rejected("go through every screen of the demo first"))
        complete("try", after: [T.demoAnswer("menu", "new", correct: true), T.demoAnswer("category", "billing", correct: true)]).then(T.completed("try"))
    }

    @Test func aCheckIsPassedOnlyByExactlyTheRightChoices() {
        let answer = { (history: [any DomainEvent], choices: [String]) in
            TutorialScenario(history: history.map { ($0, T.t0) }).when {
                try $0.decideCheckAnswer("quiz", answer: choices, tutorial: T.slug, content: T.content, by: T.learner)
            }
        }
        answer([], ["opening"]).then(T.checkAnswer(["opening"], correct: false))
        answer([], ["opening", "priority", "reply"]).then(T.checkAnswer(["opening", "priority", "reply"], correct: false))
        answer([], ["priority", "opening"]).then(T.checkAnswer(["priority", "opening"], correct: true))
        answer([], ["opening", "opening"]).thenInvalid(["answer"])
        answer([], []).thenInvalid(["answer"])
        answer([T.checkAnswer(["opening", "priority"], correct: true)], ["opening"]).thenError(.rejected("this check is passed already"))
        complete("quiz", after: [T.checkAnswer(["opening"], correct: false)]).thenError(.rejected("answer the check question rightly first"))
    }

    @Test func theLastStepAlsoCompletesTheTutorial() {
        let almost = Array(T.finished.prefix(11))
        complete("quiz", after: almost).then(events: [T.completed("quiz"), TutorialCompleted(tutorial: T.slug, learner: T.learner, revision: 1)])
        let p = TutorialScenario(history: T.finished.map { ($0, T.t0) }).state
        #expect(p.percentDone(T.content) == 100)
        #expect(p.isFinished(T.content))
        #expect(p.completedAt == T.t0)
    }

    @Test func theLearnerResumesAtTheStepOpenedLastOnAnyDevice() {
        let p = TutorialScenario.given(T.viewed("welcome"), T.completed("welcome"), T.viewed("watch"), T.viewed("try")).state
        #expect(p.resumeStep(T.content) == "try")
        #expect(TutorialProgress().resumeStep(T.content) == "welcome")
        // Opening the step one is on records nothing new.
        TutorialScenario.given(T.viewed("try")).when { try $0.decideView("try", tutorial: T.slug, content: T.content, by: T.learner) }
            .thenError(.rejected("already on this step"))
        TutorialScenario.given().when { try $0.decideView("gone", tutorial: T.slug, content: T.content, by: T.learner) }
            .thenError(.notFound("step 'gone'"))
    }

    @Test func aCertificateNeedsEveryStepCompletedAndEveryCheckPassed() throws {
        let certify = { (history: [any DomainEvent]) in
            TutorialScenario(history: history.map { ($0, T.t0) }).when {
                try $0.decideCertificate(tutorial: T.slug, content: T.content, holderName: " Zoë Müller ", id: "0123456789abcdef0123456789abcdef",
                                         issuedOn: "2026-11-26", key: "k1")
            }
        }
        certify(Array(T.finished.prefix(9))).thenError(.rejected("complete every step and pass every check first"))
        let statement = try certify(T.finished).get()
        #expect(statement == CertificateStatement(id: "0123456789abcdef0123456789abcdef", tutorial: T.slug, title: "Your first ticket",
                                                  holder: "Zoë Müller", issued: "2026-11-26", key: "k1"))
        let issued = CertificateIssued(certificateID: statement.id, tutorial: T.slug, tutorialTitle: statement.title, learner: T.learner,
                                       issuedOn: statement.issued, keyID: "k1", holderName: statement.holder, signed: "x.y")
        certify(T.finished + [issued]).thenError(.rejected("a certificate was issued already"))
    }

    @Test func theCertificateStatementIsCanonicalJSON() throws {
        let s = CertificateStatement(id: "0123456789abcdef0123456789abcdef", tutorial: "t", title: "A/B “quoted”", holder: "Zoë", issued: "2026-11-26", key: "k1")
        #expect(String(decoding: try s.canonicalJSON(), as: UTF8.self)
            == #"{"holder":"Zoë","id":"0123456789abcdef0123456789abcdef","issued":"2026-11-26","key":"k1","title":"A/B “quoted”","tutorial":"t","v":1}"#)
        #expect(CertificateStatement.isValidID(CertificateStatement.makeID(UUID())))
        #expect(!CertificateStatement.isValidID("../etc/passwd"))
    }

    @Test func ratingAndUnclearFlags() {
        TutorialScenario.given().when { try $0.decideRate(5, comment: nil, tutorial: T.slug, by: T.learner) }.thenError(.rejected("start the tutorial before rating it"))
        let started = TutorialScenario.given(T.viewed("welcome"))
        started.when { try $0.decideRate(6, comment: nil, tutorial: T.slug, by: T.learner) }.thenInvalid(["rating"])
        started.when { try $0.decideRate(4, comment: " Clear. ", tutorial: T.slug, by: T.learner) }
            .then(TutorialRated(tutorial: T.slug, learner: T.learner, rating: 4, comment: "Clear."))
        started.when { try $0.decideFlag("watch", tutorial: T.slug, content: T.content, by: T.learner) }
            .then(TutorialStepFlagged(tutorial: T.slug, learner: T.learner, step: "watch"))
        TutorialScenario.given(T.viewed("welcome"), TutorialStepFlagged(tutorial: T.slug, learner: T.learner, step: "watch"))
            .when { try $0.decideFlag("watch", tutorial: T.slug, content: T.content, by: T.learner) }.thenError(.rejected("you flagged this step already"))
    }

    @Test func revokingNeedsAReasonAndHappensOnce() {
        Result { try CertificateIssued.decideRevoke("c1", reason: "  Issued in error  ", by: "account-x", alreadyRevoked: false) }
            .then(CertificateRevoked(certificateID: "c1", reason: "Issued in error", by: "account-x"))
        Result { try CertificateIssued.decideRevoke("c1", reason: "x", by: "account-x", alreadyRevoked: false) }.thenInvalid(["reason"])
        Result { try CertificateIssued.decideRevoke("c1", reason: "again", by: "account-x", alreadyRevoked: true) }.thenError(.rejected("this certificate is revoked already"))
    }
}
