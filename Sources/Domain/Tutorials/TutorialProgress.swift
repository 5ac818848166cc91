import Foundation

/// One learner's progress through one tutorial, folded from their progress stream.
///
/// Rules: a step is completed once (completing it again is refused); a step with a check question is completed
/// only after a right answer, one with a demo after every screen was answered rightly, one with a video after
/// ``StepVideo/watchedShare`` of it was played (the stretches played merge, so replaying a part adds nothing);
/// a certificate needs every step of the current revision completed and every check passed.
public struct TutorialProgress: Sendable, Equatable {
    public var tutorial: String?
    public var learner: AccountID?
    public var startedAt: Date?
    public var lastActivity: Date?
    /// The step opened last: where the learner resumes.
    public var currentStep: String?
    public var viewed: Set<String> = []
    /// Completed steps in the order they were completed.
    public var completed: [String] = []
    public var watched: [String: [WatchedRange]] = [:]
    public var demoScreensPassed: [String: Set<String>] = [:]
    public var demoAttempts: [String: Int] = [:]
    public var checksPassed: Set<String> = []
    public var checkAttempts: [String: Int] = [:]
    public var completedAt: Date?
    public var rating: Int?
    public var ratingComment: String?
    public var flagged: Set<String> = []
    public var certificateID: String?

    public init() {}

    public static func stream(tutorial: String, learner: AccountID) -> String { "tutorial-progress-\(tutorial)-\(learner)" }

    public var started: Bool { startedAt != nil }

    public func evolve(_ event: any DomainEvent, at: Date) -> TutorialProgress {
        var p = self
        func touch(_ tutorial: String, _ learner: AccountID) {
            p.tutorial = tutorial
            p.learner = learner
            p.startedAt = p.startedAt ?? at
            p.lastActivity = at
        }
        switch event {
        case let e as TutorialStepViewed:
            touch(e.tutorial, e.learner)
            p.viewed.insert(e.step)
            p.currentStep = e.step
        case let e as TutorialVideoWatched:
            touch(e.tutorial, e.learner)
            p.watched[e.step] = WatchedRanges.merge((p.watched[e.step] ?? []) + e.ranges)
        case let e as TutorialDemoAnswered:
            touch(e.tutorial, e.learner)
            p.demoAttempts[e.step, default: 0] += 1
            if e.correct { p.demoScreensPassed[e.step, default: []].insert(e.screen) }
        case let e as TutorialCheckAnswered:
            touch(e.tutorial, e.learner)
            p.checkAttempts[e.step, default: 0] += 1
            if e.correct { p.checksPassed.insert(e.step) }
        case let e as TutorialStepCompleted:
            touch(e.tutorial, e.learner)
            if !p.completed.contains(e.step) { p.completed.append(e.step) }
        case let e as TutorialCompleted:
            touch(e.tutorial, e.learner)
            p.completedAt = p.completedAt ?? at
        case let e as TutorialRated:
            p.rating = e.rating
            p.ratingComment = e.personal?.comment ?? nil
            p.lastActivity = at
        case let e as TutorialStepFlagged:
            p.flagged.insert(e.step)
        case let e as CertificateIssued:
            p.certificateID = e.certificateID
        default:
            break
        }
        return p
    }

    // MARK: Reading

    /// Seconds of the step's video played (overlaps counted once).
    public func watchedSeconds(_ step: String) -> Double { WatchedRanges.total(watched[step] ?? []) }

    public func isVideoWatched(_ step: TutorialStep) -> Bool {
        guard let video = step.video else { return false }
        return watchedSeconds(step.id) >= video.durationSeconds * StepVideo.watchedShare
    }

    public func isDemoPassed(_ step: TutorialStep) -> Bool {
        guard let demo = step.demo else { return false }
        return Set(demo.screens.map(\.id)).isSubset(of: demoScreensPassed[step.id] ?? [])
    }

    /// Whether the step's requirement is met (not whether it was marked completed).
    public func meetsRequirement(_ step: TutorialStep) -> Bool {
        switch step.requirement {
        case .read: true
        case .watchVideo: isVideoWatched(step)
        case .passDemo: isDemoPassed(step)
        case .passCheck: checksPassed.contains(step.id)
        }
    }

    /// Completed steps of `content` over all its steps, 0–100.
    public func percentDone(_ content: TutorialContent) -> Int {
        guard !content.steps.isEmpty else { return 0 }
        let done = content.steps.filter { completed.contains($0.id) }.count
        return done * 100 / content.steps.count
    }

    public func isFinished(_ content: TutorialContent) -> Bool {
        content.steps.allSatisfy { completed.contains($0.id) } && Set(content.checkSteps).isSubset(of: checksPassed)
    }

    /// Where the learner resumes: the step opened last, else the first step not completed, else the first.
    public func resumeStep(_ content: TutorialContent) -> String? {
        if let currentStep, content.step(currentStep) != nil { return currentStep }
        return (content.steps.first { !completed.contains($0.id) } ?? content.steps.first)?.id
    }

    /// The first screen of a demo step not yet answered rightly (nil when all are).
    public func nextDemoScreen(_ step: TutorialStep) -> DemoScreen? {
        step.demo?.screens.first { !(demoScreensPassed[step.id] ?? []).contains($0.id) }
    }
}
