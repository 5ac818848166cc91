import Domain
import Foundation
import Testing

/// `given(learner events).when(decision) → then(events | error)` for one learner's progress through the fixture tutorial.
struct TutorialScenario {
    let history: [(event: any DomainEvent, at: Date)]

    static func given(_ events: (any DomainEvent)..., at: Date = TutorialFixtures.t0) -> TutorialScenario {
        TutorialScenario(history: events.map { ($0, at) })
    }

    var state: TutorialProgress { history.reduce(TutorialProgress()) { $0.evolve($1.event, at: $1.at) } }

    func when<Decision>(_ decide: (TutorialProgress) throws -> Decision) -> Result<Decision, any Error> {
        let progress = state
        return Result { try decide(progress) }
    }
}

/// A four-step tutorial: read, watch a 20-second video, a two-screen demo, a multiple-choice check.
enum TutorialFixtures {
    static let t0 = FixedContext.now
    static let slug = "your-first-ticket"
    static let learner = AccountID(UUID(uuidString: "0190f5d2-2222-7000-8000-0000000000c1")!)
    static let video = StepVideo(blob: String(repeating: "ab", count: 32), contentType: "video/webm", size: 120_000, durationSeconds: 20)
    static let demo = InteractiveDemo(screens: [
        DemoScreen(id: "menu", prompt: "Where do you start a ticket?", image: String(repeating: "cd", count: 32),
                   hotspots: [DemoHotspot(id: "new", label: "New ticket", x: 70, y: 5, width: 20, height: 10),
                              DemoHotspot(id: "search", label: "Search", x: 10, y: 5, width: 40, height: 10)], correct: "new"),
        DemoScreen(id: "category", prompt: "Your invoice is wrong. Which category?",
                   choices: [TutorialChoice(id: "billing", text: "Billing"), TutorialChoice(id: "technical", text: "Technical")], correct: "billing"),
    ])
    static let check = CheckQuestion(prompt: "What starts the SLA clock?", choices: [
        TutorialChoice(id: "opening", text: "Opening the ticket"), TutorialChoice(id: "reply", text: "The agent's first reply"),
        TutorialChoice(id: "priority", text: "Its priority"),
    ], correct: ["opening", "priority"], explanation: "The clock starts when the ticket is opened; its length depends on the priority.")
    static let content = TutorialContent(title: "Your first ticket", summary: "Open a ticket and follow it.", categoryID: "tickets",
                                         tags: ["tickets"], estimatedMinutes: 5, steps: [
        TutorialStep(id: "welcome", title: "Welcome", body: "What you will learn."),
        TutorialStep(id: "watch", title: "Watch", body: "A short film.", video: video),
        TutorialStep(id: "try", title: "Try it", body: "", demo: demo),
        TutorialStep(id: "quiz", title: "Check", body: "", check: check),
    ])

    static func viewed(_ step: String) -> TutorialStepViewed { TutorialStepViewed(tutorial: slug, learner: learner, step: step) }
    static func completed(_ step: String) -> TutorialStepCompleted { TutorialStepCompleted(tutorial: slug, learner: learner, step: step) }
    static func watched(_ ranges: (Double, Double)...) -> TutorialVideoWatched {
        TutorialVideoWatched(tutorial: slug, learner: learner, step: "watch", ranges: ranges.map { WatchedRange(start: $0.0, end: $0.1) })
    }
    static func demoAnswer(_ screen: String, _ answer: String, correct: Bool) -> TutorialDemoAnswered {
        TutorialDemoAnswered(tutorial: slug, learner: learner, step: "try", screen: screen, answer: answer, correct: correct)
    }
    static func checkAnswer(_ answer: [String], correct: Bool) -> TutorialCheckAnswered {
        TutorialCheckAnswered(tutorial: slug, learner: learner, step: "quiz", answer: answer, correct: correct)
    }
    /// Everything a learner does to finish the tutorial, in order.
    static let finished: [any DomainEvent] = [
        viewed("welcome"), completed("welcome"), viewed("watch"), watched((0, 19)), completed("watch"), viewed("try"),
        demoAnswer("menu", "new", correct: true), demoAnswer("category", "billing", correct: true), completed("try"), viewed("quiz"),
        checkAnswer(["opening", "priority"], correct: true), completed("quiz"), TutorialCompleted(tutorial: slug, learner: learner, revision: 1),
    ]
}
