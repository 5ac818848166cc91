import Domain
import Foundation
import Hummingbird
import Projections

/// A tutorial as learners get it: the steps' text and activities, never a demo's or a check's answers.
struct TutorialDTO: ResponseEncodable {
    struct Choice: Codable { var id: String; var text: String }
    struct Video: Codable {
        var src: String
        var contentType: String
        var durationSeconds: Double
        var poster: String?
        var captions: String?
        var captionsLanguage: String?
    }
    struct Hotspot: Codable { var id: String; var label: String; var x: Double; var y: Double; var width: Double; var height: Double }
    struct Screen: Codable { var id: String; var prompt: String; var image: String?; var hotspots: [Hotspot]; var choices: [Choice] }
    struct Check: Codable { var prompt: String; var choices: [Choice]; var multiple: Bool }
    struct Step: Codable {
        var id: String
        var title: String
        var html: String
        var requirement: String
        var video: Video?
        var demo: [Screen]?
        var check: Check?
    }
    struct Progress: Codable {
        var percentDone: Int
        var resumeStep: String?
        var completed: [String]
        var viewed: [String]
        var watchedSeconds: [String: Double]
        var demoScreensPassed: [String: [String]]
        var checksPassed: [String]
        var finished: Bool
        var completedAt: Date?
        var rating: Int?
        var flagged: [String]
        var certificate: String?
    }
    var slug: String
    var title: String
    var summary: String
    var category: String
    var tags: [String]
    var audience: String
    var estimatedMinutes: Int
    var status: String
    var revision: Int
    var updatedAt: Date?
    var steps: [Step]
    var progress: Progress?

    init(_ t: Tutorial, progress p: TutorialProgress?) {
        let slug = t.slug ?? ""
        let c = t.content ?? TutorialContent(title: "", summary: "", categoryID: "", estimatedMinutes: 1, steps: [])
        let media = { (address: String) in "/api/v1/tutorials/\(slug)/media/\(address)" }
        self.slug = slug
        title = c.title
        summary = c.summary
        category = c.categoryID
        tags = c.tags
        audience = c.audience.rawValue
        estimatedMinutes = c.estimatedMinutes
        status = t.status.rawValue
        revision = t.revision
        updatedAt = t.updatedAt
        steps = c.steps.map { s in
            Step(id: s.id, title: s.title, html: MarkdownRenderer.html(s.body), requirement: s.requirement.rawValue,
                 video: s.video.map { Video(src: media($0.blob), contentType: $0.contentType, durationSeconds: $0.durationSeconds,
                                            poster: $0.poster.map(media), captions: $0.captions.map(media), captionsLanguage: $0.captionsLanguage) },
                 demo: s.demo.map { $0.screens.map { screen in
                     Screen(id: screen.id, prompt: screen.prompt, image: screen.image.map(media),
                            hotspots: screen.hotspots.map { Hotspot(id: $0.id, label: $0.label, x: $0.x, y: $0.y, width: $0.width, height: $0.height) },
                            choices: screen.choices.map { Choice(id: $0.id, text: $0.text) })
                 } },
                 check: s.check.map { Check(prompt: $0.prompt, choices: $0.choices.map { Choice(id: $0.id, text: $0.text) }, multiple: $0.isMultipleChoice) })
        }
        progress = p.map { p in
            Progress(percentDone: p.percentDone(c), resumeStep: p.resumeStep(c), completed: p.completed.filter { c.step($0) != nil },
                     viewed: p.viewed.sorted(), watchedSeconds: p.watched.mapValues { WatchedRanges.total($0) },
                     demoScreensPassed: p.demoScreensPassed.mapValues { $0.sorted() }, checksPassed: p.checksPassed.sorted(), finished: p.isFinished(c),
                     completedAt: p.completedAt, rating: p.rating, flagged: p.flagged.sorted(), certificate: p.certificateID)
        }
    }
}

/// A tutorial in lists.
struct TutorialListEntryDTO: Codable {
    var slug: String
    var title: String
    var summary: String
    var category: String
    var estimatedMinutes: Int
    var steps: Int
    var status: String
    var percentDone: Int?
}

/// What an editor sends to create or revise a tutorial: the Domain's own content shape.
struct TutorialWriteDTO: Decodable {
    var slug: String?
    var title: String
    var summary: String?
    var category: String
    var tags: [String]?
    var audience: KnowledgeAudience?
    var estimatedMinutes: Int
    var steps: [TutorialStep]
    var publish: Bool?
    var note: String?

    var content: TutorialContent {
        TutorialContent(title: title, summary: summary ?? "", categoryID: category, tags: tags ?? [], audience: audience ?? .public,
                        estimatedMinutes: estimatedMinutes, steps: steps)
    }
}

struct NoteDTO: Codable, ResponseEncodable {
    var id: UUID
    var target: String
    var text: String
    var createdAt: Date
    var updatedAt: Date

    init(_ n: LearnerNotes.Note) {
        id = n.id
        target = n.target
        text = n.text ?? ""
        createdAt = n.createdAt
        updatedAt = n.updatedAt
    }
}

extension TutorialService.CertificateReport: ResponseEncodable {}
extension TutorialService.DemoOutcome: ResponseEncodable {}
extension TutorialService.CheckOutcome: ResponseEncodable {}
extension TutorialService.StoredMedia: ResponseEncodable {}
extension TutorialFunnel: ResponseEncodable {}
