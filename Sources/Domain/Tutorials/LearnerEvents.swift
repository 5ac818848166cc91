import Foundation

// A learner's progress through one tutorial is one stream, `tutorial-progress-<slug>-<account>` (see
// ``TutorialProgress/stream(tutorial:learner:)``): its events decide what the learner may do next.

/// The learner opened a step (the last one opened is where they resume, on any device).
public struct TutorialStepViewed: DomainEvent {
    public static let eventType = "TutorialStepViewed"
    public var tutorial: String
    public var learner: AccountID
    public var step: String
    public init(tutorial: String, learner: AccountID, step: String) {
        self.tutorial = tutorial
        self.learner = learner
        self.step = step
    }
}

/// A stretch of a video, in seconds.
public struct WatchedRange: Codable, Sendable, Equatable {
    public var start: Double
    public var end: Double
    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
}

/// The player reported stretches of a step's video as played (only when they add to what was watched).
public struct TutorialVideoWatched: DomainEvent {
    public static let eventType = "TutorialVideoWatched"
    public var tutorial: String
    public var learner: AccountID
    public var step: String
    public var ranges: [WatchedRange]
    public init(tutorial: String, learner: AccountID, step: String, ranges: [WatchedRange]) {
        self.tutorial = tutorial
        self.learner = learner
        self.step = step
        self.ranges = ranges
    }
}

/// One attempt at a demo screen, checked by the server.
public struct TutorialDemoAnswered: DomainEvent {
    public static let eventType = "TutorialDemoAnswered"
    public var tutorial: String
    public var learner: AccountID
    public var step: String
    public var screen: String
    public var answer: String
    public var correct: Bool
    public init(tutorial: String, learner: AccountID, step: String, screen: String, answer: String, correct: Bool) {
        self.tutorial = tutorial
        self.learner = learner
        self.step = step
        self.screen = screen
        self.answer = answer
        self.correct = correct
    }
}

/// One attempt at a step's check question.
public struct TutorialCheckAnswered: DomainEvent {
    public static let eventType = "TutorialCheckAnswered"
    public var tutorial: String
    public var learner: AccountID
    public var step: String
    public var answer: [String]
    public var correct: Bool
    public init(tutorial: String, learner: AccountID, step: String, answer: [String], correct: Bool) {
        self.tutorial = tutorial
        self.learner = learner
        self.step = step
        self.answer = answer
        self.correct = correct
    }
}

/// A step counts as done (once: completing it again is refused).
public struct TutorialStepCompleted: DomainEvent {
    public static let eventType = "TutorialStepCompleted"
    public var tutorial: String
    public var learner: AccountID
    public var step: String
    public init(tutorial: String, learner: AccountID, step: String) {
        self.tutorial = tutorial
        self.learner = learner
        self.step = step
    }
}

/// Every step of the tutorial's revision `revision` is completed and every check passed.
public struct TutorialCompleted: DomainEvent {
    public static let eventType = "TutorialCompleted"
    public var tutorial: String
    public var learner: AccountID
    public var revision: Int
    public init(tutorial: String, learner: AccountID, revision: Int) {
        self.tutorial = tutorial
        self.learner = learner
        self.revision = revision
    }
}

/// The learner's 1–5 rating at the end, with an optional comment sealed under their key; rating again replaces it.
public struct TutorialRated: DomainEvent {
    public static let eventType = "TutorialRated"
    public struct Personal: Codable, Sendable, Equatable {
        public var comment: String?
        public init(comment: String?) { self.comment = comment }
    }
    public var tutorial: String
    public var learner: AccountID
    public var rating: Int
    public var personal: Personal?
    enum CodingKeys: String, CodingKey { case tutorial, learner, rating }
    public init(tutorial: String, learner: AccountID, rating: Int, comment: String?) {
        self.tutorial = tutorial
        self.learner = learner
        self.rating = rating
        self.personal = Personal(comment: comment)
    }
}

/// "This step was unclear."
public struct TutorialStepFlagged: DomainEvent {
    public static let eventType = "TutorialStepFlagged"
    public var tutorial: String
    public var learner: AccountID
    public var step: String
    public init(tutorial: String, learner: AccountID, step: String) {
        self.tutorial = tutorial
        self.learner = learner
        self.step = step
    }
}
