import Semantics
import Domain
import Foundation
import Projections

/// Search results as the pages show them: the title and snippet with the matching words in `<mark>`. The
/// search gives them as pieces of plain text, so each piece is escaped here and the template inserts the
/// result as it is.
enum KnowledgeSearchView {
    static func html(_ parts: [KnowledgeSnippetPart]) -> String {
        parts.map { $0.highlighted ? "<mark>" + escape($0.text) + "</mark>" : escape($0.text) }.joined()
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// The reader's page of an entry with where the click came from: `?from=search&search=<id>`.
    static func path(_ e: KnowledgeCatalogProjection.Entry, from origin: KnowledgeOrigin, searchID: UUID? = nil, suggestionID: UUID? = nil) -> String {
        var path = KnowledgeRoutes.path(e.kind, e.slug) + "?from=" + origin.rawValue
        if let searchID { path += "&search=" + searchID.uuidString.lowercased() }
        if let suggestionID { path += "&suggestion=" + suggestionID.uuidString.lowercased() }
        return path
    }

    /// One result.
    static func hit(_ h: KnowledgeSearchHit, searchID: UUID?, tree: [String: KnowledgeCategory]) -> [String: Any] {
        let e = h.entry
        return [
            "titleHTML": html(h.title), "snippetHTML": html(h.snippet), "hasSnippet": !h.snippet.isEmpty, "path": path(e, from: .search, searchID: searchID),
            "isFAQ": e.kind == .faq, "isTutorial": e.kind == .tutorial, "category": tree[e.content.categoryID]?.name ?? e.content.categoryID,
            "updated": KnowledgeEntryView.day(e.updatedAt),
        ]
    }

    /// An entry listed without a query (browsing a tag): the title as it is, the summary as the snippet.
    static func entry(_ e: KnowledgeCatalogProjection.Entry, tree: [String: KnowledgeCategory]) -> [String: Any] {
        [
            "titleHTML": escape(e.content.title), "snippetHTML": escape(e.content.summary), "hasSnippet": !e.content.summary.isEmpty,
            "path": path(e, from: .search), "isFAQ": e.kind == .faq, "isTutorial": e.kind == .tutorial, "category": tree[e.content.categoryID]?.name ?? e.content.categoryID,
            "updated": KnowledgeEntryView.day(e.updatedAt),
        ]
    }

    /// `/kb/search` with these parameters (empty ones left out).
    static func link(_ parameters: [(String, String)]) -> String {
        var c = URLComponents()
        c.queryItems = parameters.filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
        let query = c.percentEncodedQuery ?? ""
        return "/kb/search" + (query.isEmpty ? "" : "?" + query.replacingOccurrences(of: "+", with: "%2B"))
    }
}
