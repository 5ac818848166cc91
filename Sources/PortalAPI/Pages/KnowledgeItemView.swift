import Domain
import Foundation
import Projections

/// One article or FAQ entry as its reader page shows it: the rendered body (the Markdown renderer's HTML,
/// already made safe, inserted as it is), the category path, and "Was this helpful?" with the reader's
/// own vote.
struct KnowledgeItemView {
    let entry: KnowledgeCatalogProjection.Entry
    let tree: [String: KnowledgeCategory]

    /// `article`: the article a FAQ entry links to, when the reader may read it.
    func values(article: [String: Any]?) -> [String: Any] {
        let c = entry.content
        let path = KnowledgeRoutes.path(entry.kind, entry.slug)
        let html = c.body.isEmpty ? "" : MarkdownRenderer.html(c.body)
        return [
            "key": entry.key, "path": path, "title": c.title, "summary": c.summary, "hasSummary": !c.summary.isEmpty,
            "isFAQ": entry.kind == .faq, "isArticle": entry.kind == .article, "updated": KnowledgeEntryView.day(entry.updatedAt),
            "breadcrumbs": KnowledgeEntryView(tree: tree).breadcrumbs(c.categoryID),
            "tags": c.tags.map { ["tag": $0] }, "hasTags": !c.tags.isEmpty,
            "html": html, "hasBody": !html.isEmpty, "article": article ?? (false as Any),
            "votePath": path + "/vote", "bookmarkPath": path + "/bookmark", "unbookmarkPath": path + "/bookmark/remove",
        ]
    }

    /// Why a reader said "no", in their words.
    static let reasons: [(UnhelpfulReason, String)] = [
        (.unclear, "It is hard to understand"), (.incomplete, "Something is missing"), (.outdated, "It is out of date"),
        (.notWhatISearched, "It is not what I was looking for"), (.other, "Something else"),
    ]

    /// The helpful share and count, the reader's current vote (to change), and the reasons to choose from.
    func feedback(vote: KnowledgeVote?, signedIn: Bool) -> [String: Any] {
        var v: [String: Any] = ["signedIn": signedIn]
        v["score"] = entry.helpfulPercent.map { ["percent": $0, "helpful": entry.helpful, "votes": entry.votes, "one": entry.votes == 1] as Any } ?? (false as Any)
        if let vote, let helpful = vote.helpful {
            let reason = vote.reason.flatMap { r in Self.reasons.first { $0.0 == r }?.1 }
            v["yourVote"] = ["yes": helpful, "no": !helpful, "reason": reason ?? (false as Any), "comment": vote.comment ?? (false as Any)] as [String: Any]
        } else {
            v["yourVote"] = false
        }
        v["reasons"] = Self.reasons.map { reason, label in ["value": reason.rawValue, "label": label, "selected": vote?.reason == reason] as [String: Any] }
        return v
    }
}
