import Foundation

/// One step of a tutorial: Markdown text, and at most one activity — a video, an interactive demo or a check
/// question. `id` is the step's permanent name within its tutorial (progress, notes and bookmarks refer to it),
/// so reordering or rewording steps keeps every learner's progress.
public struct TutorialStep: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// Markdown, rendered inert like articles.
    public var body: String
    public var video: StepVideo?
    public var demo: InteractiveDemo?
    public var check: CheckQuestion?

    public init(id: String, title: String, body: String, video: StepVideo? = nil, demo: InteractiveDemo? = nil, check: CheckQuestion? = nil) {
        self.id = id
        self.title = title
        self.body = body
        self.video = video
        self.demo = demo
        self.check = check
    }

    /// What the learner has to do before the step counts as completed.
    public var requirement: StepRequirement {
        if check != nil { return .passCheck }
        if demo != nil { return .passDemo }
        if video != nil { return .watchVideo }
        return .read
    }
}

/// The gate in front of "step completed".
public enum StepRequirement: String, Sendable, Equatable {
    case read
    case watchVideo = "watch-video"
    case passDemo = "pass-demo"
    case passCheck = "pass-check"
}

/// A video stored in the blob store (MP4 or WebM, its type checked by content when uploaded), with an optional
/// poster image and WebVTT captions, also blobs.
public struct StepVideo: Codable, Sendable, Equatable {
    /// The blob's content address.
    public var blob: String
    public var contentType: String
    public var size: Int
    /// Length in seconds: what "watched 90 %" is measured against.
    public var durationSeconds: Double
    public var poster: String?
    public var captions: String?
    /// BCP 47 language of the captions, e.g. `en`.
    public var captionsLanguage: String?

    public init(blob: String, contentType: String, size: Int, durationSeconds: Double, poster: String? = nil, captions: String? = nil,
                captionsLanguage: String? = nil) {
        self.blob = blob
        self.contentType = contentType
        self.size = size
        self.durationSeconds = durationSeconds
        self.poster = poster
        self.captions = captions
        self.captionsLanguage = captionsLanguage
    }

    /// The share of the video that counts as watched.
    public static let watchedShare = 0.9
}

/// A choice in a demo screen or a check question.
public struct TutorialChoice: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// A single- or multiple-choice question with an explanation shown after answering.
public struct CheckQuestion: Codable, Sendable, Equatable {
    public var prompt: String
    public var choices: [TutorialChoice]
    /// The ids of the right choices; more than one makes it a multiple-choice question (all of them, nothing else).
    public var correct: [String]
    public var explanation: String

    public init(prompt: String, choices: [TutorialChoice], correct: [String], explanation: String) {
        self.prompt = prompt
        self.choices = choices
        self.correct = correct
        self.explanation = explanation
    }

    public var isMultipleChoice: Bool { correct.count > 1 }

    /// Whether `answer` is exactly the set of right choices.
    public func isCorrect(_ answer: [String]) -> Bool { Set(answer) == Set(correct) && answer.count == Set(answer).count }
}

/// An interactive demo: screens the learner goes through by choosing correctly. The answers stay on the server.
public struct InteractiveDemo: Codable, Sendable, Equatable {
    public var screens: [DemoScreen]
    public init(screens: [DemoScreen]) { self.screens = screens }
}

/// One screen: an image with hotspots (rectangles in percent of the image), or a set of choices.
public struct DemoScreen: Codable, Sendable, Equatable {
    public var id: String
    public var prompt: String
    /// Blob address of the screen's image (needed with hotspots).
    public var image: String?
    public var hotspots: [DemoHotspot]
    public var choices: [TutorialChoice]
    /// The id of the right hotspot or choice.
    public var correct: String
    /// Shown after a wrong answer.
    public var hint: String

    public init(id: String, prompt: String, image: String? = nil, hotspots: [DemoHotspot] = [], choices: [TutorialChoice] = [], correct: String,
                hint: String = "") {
        self.id = id
        self.prompt = prompt
        self.image = image
        self.hotspots = hotspots
        self.choices = choices
        self.correct = correct
        self.hint = hint
    }

    /// The ids a learner can pick.
    public var optionIDs: [String] { hotspots.isEmpty ? choices.map(\.id) : hotspots.map(\.id) }
}

/// A clickable area of a demo screen's image; `label` is its accessible name.
public struct DemoHotspot: Codable, Sendable, Equatable {
    public var id: String
    public var label: String
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(id: String, label: String, x: Double, y: Double, width: Double, height: Double) {
        self.id = id
        self.label = label
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
