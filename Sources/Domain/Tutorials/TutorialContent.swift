import Foundation

/// Everything an editor writes in one revision of a tutorial; each revision stores it whole, like articles.
public struct TutorialContent: Codable, Sendable, Equatable {
    public var title: String
    public var summary: String
    /// A knowledge-base category.
    public var categoryID: String
    public var tags: [String]
    public var audience: KnowledgeAudience
    /// What the editor expects a learner to need, in minutes.
    public var estimatedMinutes: Int
    public var steps: [TutorialStep]

    public init(title: String, summary: String, categoryID: String, tags: [String] = [], audience: KnowledgeAudience = .public,
                estimatedMinutes: Int, steps: [TutorialStep]) {
        self.title = title
        self.summary = summary
        self.categoryID = categoryID
        self.tags = tags
        self.audience = audience
        self.estimatedMinutes = estimatedMinutes
        self.steps = steps
    }

    public func step(_ id: String) -> TutorialStep? { steps.first { $0.id == id } }

    /// The tutorial as search and the knowledge base's lists read it: the steps' titles, text, video captions'
    /// absence aside, demo prompts and check questions with their choices become the body. Answers, hints and
    /// explanations stay out, so searching cannot reveal them.
    public var searchContent: KnowledgeContent {
        var parts: [String] = []
        for step in steps {
            parts.append("## \(step.title)")
            if !step.body.isEmpty { parts.append(step.body) }
            for screen in step.demo?.screens ?? [] {
                parts.append(screen.prompt)
                parts.append((screen.choices.map(\.text) + screen.hotspots.map(\.label)).joined(separator: ", "))
            }
            if let check = step.check { parts.append(check.prompt + " " + check.choices.map(\.text).joined(separator: ", ")) }
        }
        return KnowledgeContent(title: title, summary: summary, body: parts.joined(separator: "\n\n"), categoryID: categoryID, tags: tags, audience: audience)
    }

    /// The ids of the steps with a check question: every one must be passed for a certificate.
    public var checkSteps: [String] { steps.filter { $0.check != nil }.map(\.id) }

    static let maximumSteps = 50
    static let maximumStepBody = 100_000
    static let maximumChoices = 10
    static let maximumScreens = 20

    /// Trims what should be and reports every problem at once, by field (`steps[2].check.correct`).
    public func checked(categoryExists: (String) -> Bool) throws -> TutorialContent {
        var c = self
        var errors: [FieldError] = []
        c.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        c.summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if c.title.count < 3 || c.title.count > 200 || c.title.contains(where: \.isNewline) {
            errors.append(FieldError(field: "title", message: "The title is one line of 3–200 characters."))
        }
        if c.summary.count > 600 { errors.append(FieldError(field: "summary", message: "A summary has at most 600 characters.")) }
        if !categoryExists(categoryID) { errors.append(FieldError(field: "category", message: "Choose an existing category.")) }
        if !(1...600).contains(estimatedMinutes) { errors.append(FieldError(field: "estimatedMinutes", message: "The estimated time is 1–600 minutes.")) }
        var tags: [String] = []
        for raw in self.tags {
            let tag = KnowledgeSlug.make(from: raw)
            if tag.isEmpty || tag.count > 40 {
                errors.append(FieldError(field: "tags", message: "A tag is 1–40 letters, digits or dashes ('\(raw.prefix(40))' is not)."))
            } else if !tags.contains(tag) { tags.append(tag) }
        }
        if tags.count > 20 { errors.append(FieldError(field: "tags", message: "At most 20 tags.")) }
        c.tags = tags
        if steps.isEmpty { errors.append(FieldError(field: "steps", message: "A tutorial needs at least one step.")) }
        if steps.count > Self.maximumSteps { errors.append(FieldError(field: "steps", message: "At most \(Self.maximumSteps) steps.")) }
        var ids = Set<String>()
        c.steps = steps.enumerated().map { index, step in
            var s = step
            let field = "steps[\(index)]"
            s.title = step.title.trimmingCharacters(in: .whitespacesAndNewlines)
            s.body = step.body.trimmingCharacters(in: .whitespacesAndNewlines)
            if !KnowledgeSlug.isValid(step.id) {
                errors.append(FieldError(field: "\(field).id", message: "A step id is 1–80 lower-case letters, digits and dashes, e.g. open-the-form."))
            } else if !ids.insert(step.id).inserted {
                errors.append(FieldError(field: "\(field).id", message: "Step ids are unique within a tutorial ('\(step.id)' repeats)."))
            }
            if s.title.isEmpty || s.title.count > 200 || s.title.contains(where: \.isNewline) {
                errors.append(FieldError(field: "\(field).title", message: "A step title is one line of 1–200 characters."))
            }
            if s.body.count > Self.maximumStepBody { errors.append(FieldError(field: "\(field).body", message: "At most \(Self.maximumStepBody) characters.")) }
            let activities = [step.video != nil, step.demo != nil, step.check != nil].filter { $0 }.count
            if activities > 1 { errors.append(FieldError(field: field, message: "A step carries at most one of a video, a demo or a check question.")) }
            if let video = step.video { errors += Self.problems(video, field: "\(field).video") }
            if let check = step.check { errors += Self.problems(check, field: "\(field).check") }
            if let demo = step.demo { errors += Self.problems(demo, field: "\(field).demo") }
            if s.body.isEmpty, activities == 0 { errors.append(FieldError(field: "\(field).body", message: "A step without an activity needs some text.")) }
            return s
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return c
    }

    static func problems(_ video: StepVideo, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if !BlobAddress.isValid(video.blob) { errors.append(FieldError(field: "\(field).blob", message: "Upload the video first; its address is 64 hex digits.")) }
        if !["video/mp4", "video/webm"].contains(video.contentType) {
            errors.append(FieldError(field: "\(field).contentType", message: "A tutorial video is MP4 or WebM."))
        }
        if video.size <= 0 { errors.append(FieldError(field: "\(field).size", message: "The video's size in bytes is positive.")) }
        if !(video.durationSeconds > 0 && video.durationSeconds <= 14_400) {
            errors.append(FieldError(field: "\(field).durationSeconds", message: "The video's length is more than 0 and at most 4 hours."))
        }
        for (name, address) in [("poster", video.poster), ("captions", video.captions)] {
            if let address, !BlobAddress.isValid(address) { errors.append(FieldError(field: "\(field).\(name)", message: "Upload the file first; its address is 64 hex digits.")) }
        }
        if let language = video.captionsLanguage,
           language.isEmpty || language.count > 20 || !language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            errors.append(FieldError(field: "\(field).captionsLanguage", message: "A language tag such as en or pt-BR."))
        }
        return errors
    }

    static func problems(_ choices: [TutorialChoice], field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if choices.count < 2 || choices.count > maximumChoices { errors.append(FieldError(field: field, message: "Between 2 and \(maximumChoices) choices.")) }
        if Set(choices.map(\.id)).count != choices.count || !choices.allSatisfy({ KnowledgeSlug.isValid($0.id) }) {
            errors.append(FieldError(field: field, message: "Each choice has its own id of lower-case letters, digits and dashes."))
        }
        if choices.contains(where: { $0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || $0.text.count > 300 }) {
            errors.append(FieldError(field: field, message: "Each choice has a text of 1–300 characters."))
        }
        return errors
    }

    static func problems(_ check: CheckQuestion, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let prompt = check.prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        if prompt.isEmpty || prompt.count > 1_000 { errors.append(FieldError(field: "\(field).prompt", message: "The question is 1–1000 characters.")) }
        errors += problems(check.choices, field: "\(field).choices")
        let ids = Set(check.choices.map(\.id))
        if check.correct.isEmpty || !Set(check.correct).isSubset(of: ids) || Set(check.correct).count != check.correct.count {
            errors.append(FieldError(field: "\(field).correct", message: "Name the right choices by id (at least one)."))
        }
        if check.explanation.count > 2_000 { errors.append(FieldError(field: "\(field).explanation", message: "At most 2000 characters.")) }
        return errors
    }

    static func problems(_ demo: InteractiveDemo, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if demo.screens.isEmpty || demo.screens.count > maximumScreens {
            errors.append(FieldError(field: "\(field).screens", message: "A demo has 1–\(maximumScreens) screens."))
        }
        var ids = Set<String>()
        for (index, screen) in demo.screens.enumerated() {
            let at = "\(field).screens[\(index)]"
            if !KnowledgeSlug.isValid(screen.id) || !ids.insert(screen.id).inserted {
                errors.append(FieldError(field: "\(at).id", message: "Each screen has its own id of lower-case letters, digits and dashes."))
            }
            let prompt = screen.prompt.trimmingCharacters(in: .whitespacesAndNewlines)
            if prompt.isEmpty || prompt.count > 1_000 { errors.append(FieldError(field: "\(at).prompt", message: "The prompt is 1–1000 characters.")) }
            if screen.hotspots.isEmpty {
                errors += problems(screen.choices, field: "\(at).choices")
            } else {
                if !screen.choices.isEmpty { errors.append(FieldError(field: at, message: "A screen has hotspots or choices, not both.")) }
                if screen.image.map(BlobAddress.isValid) != true { errors.append(FieldError(field: "\(at).image", message: "Hotspots need the screen's image.")) }
                if Set(screen.hotspots.map(\.id)).count != screen.hotspots.count || !screen.hotspots.allSatisfy({ KnowledgeSlug.isValid($0.id) }) {
                    errors.append(FieldError(field: "\(at).hotspots", message: "Each hotspot has its own id of lower-case letters, digits and dashes."))
                }
                for h in screen.hotspots where !(h.x >= 0 && h.y >= 0 && h.width > 0 && h.height > 0 && h.x + h.width <= 100 && h.y + h.height <= 100)
                    || h.label.trimmingCharacters(in: .whitespaces).isEmpty {
                    errors.append(FieldError(field: "\(at).hotspots", message: "Hotspot '\(h.id.prefix(40))' needs a label and a rectangle inside the image (percent)."))
                }
            }
            if !screen.optionIDs.contains(screen.correct) { errors.append(FieldError(field: "\(at).correct", message: "Name the right hotspot or choice by id.")) }
            if screen.hint.count > 1_000 { errors.append(FieldError(field: "\(at).hint", message: "At most 1000 characters.")) }
        }
        return errors
    }
}

/// A blob's content address as the blob store names it: 64 lower-case hex digits.
public enum BlobAddress {
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
