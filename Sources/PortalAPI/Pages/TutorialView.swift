import Domain
import Foundation
import Hummingbird
import Projections

/// Template values of a tutorial's overview and step pages. The answers of demos and checks never enter them.
struct TutorialView {
    let tutorial: Tutorial
    let progress: TutorialProgress?
    let bookmarks: [String]

    var slug: String { tutorial.slug ?? "" }
    var content: TutorialContent { tutorial.content ?? TutorialContent(title: "", summary: "", categoryID: "", estimatedMinutes: 1, steps: []) }

    func media(_ address: String) -> String { "/tutorials/\(slug)/media/\(address)" }

    func stepList(current: String?) -> [[String: Any]] {
        content.steps.enumerated().map { index, s in
            ["number": index + 1, "id": s.id, "title": s.title, "path": "/tutorials/\(slug)/steps/\(s.id)",
             "done": progress?.completed.contains(s.id) ?? false, "current": s.id == current]
        }
    }

    func overview(query: [String: String]) -> [String: Any] {
        let p = progress
        let finished = p?.isFinished(content) ?? false
        var data: [String: Any] = [
            "slug": slug, "title": content.title, "summary": content.summary, "minutes": content.estimatedMinutes, "steps": stepList(current: nil),
            "signedIn": p != nil, "started": p?.started ?? false, "percent": p?.percentDone(content) ?? 0, "finished": finished,
            "resume": "/tutorials/\(slug)/steps/\(p?.resumeStep(content) ?? content.steps.first?.id ?? "")",
            "certificate": p?.certificateID.map { $0 as Any } ?? false, "rating": p?.rating ?? 0, "rated": query["rated"] != nil,
            "justFinished": query["finished"] != nil,
            "stars": (1...5).map { ["value": $0, "checked": p?.rating == $0] },
        ]
        if let updated = tutorial.updatedAt { data["updated"] = KnowledgeEntryView.day(updated) }
        return data
    }

    func step(_ stepID: String, notes: [LearnerNotes.Note], query: [String: String]) -> [String: Any] {
        guard let index = content.steps.firstIndex(where: { $0.id == stepID }) else { return [:] }
        let s = content.steps[index]
        let p = progress ?? TutorialProgress()
        var data: [String: Any] = [
            "slug": slug, "tutorialTitle": content.title, "tutorialPath": "/tutorials/\(slug)", "id": s.id, "title": s.title,
            "number": index + 1, "count": content.steps.count, "html": MarkdownRenderer.html(s.body), "steps": stepList(current: s.id),
            "signedIn": progress != nil, "done": p.completed.contains(s.id), "canComplete": progress != nil && !p.completed.contains(s.id) && p.meetsRequirement(s),
            "percent": p.percentDone(content), "base": "/tutorials/\(slug)/steps/\(s.id)",
            "bookmarked": bookmarks.contains(Tutorial.stepKey(slug, step: s.id)), "flagged": p.flagged.contains(s.id),
            "notes": notes.map { ["html": MarkdownRenderer.html($0.text ?? ""), "updated": KnowledgeEntryView.day($0.updatedAt)] as [String: Any] },
            "noted": query["noted"] != nil, "isLast": index + 1 == content.steps.count,
            "previous": index > 0 ? ("/tutorials/\(slug)/steps/\(content.steps[index - 1].id)" as Any) : (false as Any),
        ]
        switch s.requirement {
        case .read: data["requirement"] = false
        case .watchVideo: data["requirement"] = "Watch at least \(Int(StepVideo.watchedShare * 100)) % of the video to complete this step."
        case .passDemo: data["requirement"] = "Go through every screen of the demo to complete this step."
        case .passCheck: data["requirement"] = "Answer the question rightly to complete this step."
        }
        if let v = s.video {
            let watched = p.watchedSeconds(s.id)
            data["video"] = [
                "src": media(v.blob), "type": v.contentType, "poster": v.poster.map { media($0) as Any } ?? false,
                "captions": v.captions.map { media($0) as Any } ?? false, "language": v.captionsLanguage ?? "en",
                "duration": v.durationSeconds, "watchedPercent": min(100, Int(watched * 100 / v.durationSeconds)), "watched": p.isVideoWatched(s),
            ] as [String: Any]
        } else { data["video"] = false }
        if let demo = s.demo {
            let passed = p.isDemoPassed(s)
            let screen = p.nextDemoScreen(s)
            let answered = query["demo"]
            data["demo"] = [
                "passed": passed, "total": demo.screens.count, "done": (p.demoScreensPassed[s.id] ?? []).count,
                "wrong": answered == "wrong", "right": answered == "right",
                "hint": answered == "wrong" ? (demo.screens.first { $0.id == query["screen"] }?.hint ?? "") : "",
                "screen": screen.map { sc -> Any in
                    ["id": sc.id, "prompt": sc.prompt, "image": sc.image.map { media($0) as Any } ?? false,
                     "hotspots": sc.hotspots.map { ["id": $0.id, "label": $0.label, "style": "left:\($0.x)%;top:\($0.y)%;width:\($0.width)%;height:\($0.height)%"] },
                     "choices": sc.choices.map { ["id": $0.id, "text": $0.text] }, "hasHotspots": !sc.hotspots.isEmpty] as [String: Any]
                } ?? false,
            ] as [String: Any]
        } else { data["demo"] = false }
        if let check = s.check {
            let passed = p.checksPassed.contains(s.id)
            let answered = query["check"]
            data["check"] = [
                "prompt": check.prompt, "multiple": check.isMultipleChoice, "passed": passed, "wrong": answered == "wrong" && !passed,
                "showExplanation": passed || answered == "wrong", "explanation": check.explanation,
                "choices": check.choices.map { ["id": $0.id, "text": $0.text] },
            ] as [String: Any]
        } else { data["check"] = false }
        return data
    }
}
