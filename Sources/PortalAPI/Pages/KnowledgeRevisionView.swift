import Domain
import Foundation
import Projections

/// Revisions as the history pages show them: who wrote each and when, one revision's whole content, and two
/// compared (the fields that changed, and the body line by line with long unchanged stretches folded).
struct KnowledgeRevisionView {
    let kind: KnowledgeKind
    let tree: [String: KnowledgeCategory]
    /// The author's display name for an actor such as `account-<id>`.
    let authorName: (String) -> String

    func row(_ r: KnowledgeItem.Revision, current: Int, basePath: String) -> [String: Any] {
        var v: [String: Any] = [
            "number": r.number, "at": PageDate.values(r.at), "author": authorName(r.author), "note": r.note, "hasNote": !r.note.isEmpty,
            "significant": r.significant, "isCurrent": r.number == current, "viewPath": "\(basePath)/revisions/\(r.number)",
            "restoredFrom": r.restoredFrom.map { ["number": $0] as Any } ?? (false as Any),
        ]
        v["comparePath"] = r.number > 1 ? ("\(basePath)/diff?from=\(r.number - 1)&to=\(r.number)" as Any) : (false as Any)
        return v
    }

    /// One revision's content, the body both rendered and as its Markdown source.
    func content(_ r: KnowledgeItem.Revision) -> [String: Any] {
        let c = r.content
        return [
            "title": c.title, "summary": c.summary, "hasSummary": !c.summary.isEmpty, "markdown": c.body, "hasBody": !c.body.isEmpty,
            "html": c.body.isEmpty ? "" : MarkdownRenderer.html(c.body),
            "category": tree[c.categoryID]?.name ?? c.categoryID, "tags": c.tags.joined(separator: ", "), "hasTags": !c.tags.isEmpty,
            "audience": KnowledgeEditorView.audienceWords(c.audience), "isFAQ": kind == .faq,
            "phrasings": c.phrasings.map { ["text": $0] }, "hasPhrasings": !c.phrasings.isEmpty,
            "articleLink": c.articleLink ?? (false as Any), "order": c.order,
        ]
    }

    /// The names of the compared fields as the edit form labels them.
    var fieldLabels: [String: String] {
        ["title": kind == .faq ? "Question" : "Title", "summary": kind == .faq ? "Quick answer" : "Summary", "category": "Category", "tags": "Tags",
         "audience": "Who may read it", "phrasings": "Other phrasings", "article": "Linked article", "order": "Order"]
    }

    /// Unchanged lines kept around each change; longer unchanged stretches are folded.
    static let context = 3

    func diff(_ d: KnowledgeDiff) -> [String: Any] {
        let fields = d.fields.map { f -> [String: Any] in
            ["name": fieldLabels[f.name] ?? f.name, "old": f.old, "new": f.new, "oldEmpty": f.old.isEmpty, "newEmpty": f.new.isEmpty]
        }
        let changed = d.body.contains { if case .same = $0 { return false } else { return true } }
        return ["from": d.from, "to": d.to, "fields": fields, "hasFields": !fields.isEmpty, "lines": Self.lines(d.body), "bodyChanged": changed,
                "same": fields.isEmpty && !changed]
    }

    /// The body's lines as template values: `added`, `removed`, or unchanged, and `folded` for a stretch of
    /// unchanged lines left out.
    static func lines(_ body: [TextDiff.Line]) -> [[String: Any]] {
        var out: [[String: Any]] = []
        var i = 0
        while i < body.count {
            guard case .same = body[i] else {
                switch body[i] {
                case .added(let text): out.append(["added": true, "removed": false, "folded": false, "text": text])
                case .removed(let text): out.append(["added": false, "removed": true, "folded": false, "text": text])
                case .same: break
                }
                i += 1
                continue
            }
            var end = i
            while end < body.count, case .same = body[end] { end += 1 }
            let keepHead = i == 0 ? 0 : context, keepTail = end == body.count ? 0 : context
            let run = body[i..<end].map { line -> String in if case .same(let t) = line { return t } else { return "" } }
            if run.count > keepHead + keepTail + 1 {
                run.prefix(keepHead).forEach { out.append(["added": false, "removed": false, "folded": false, "text": $0]) }
                let hidden = run.count - keepHead - keepTail
                out.append(["added": false, "removed": false, "folded": ["count": hidden, "one": hidden == 1] as [String: Any], "text": ""])
                run.suffix(keepTail).forEach { out.append(["added": false, "removed": false, "folded": false, "text": $0]) }
            } else {
                run.forEach { out.append(["added": false, "removed": false, "folded": false, "text": $0]) }
            }
            i = end
        }
        return out
    }
}
