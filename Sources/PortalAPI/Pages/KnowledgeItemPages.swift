import Domain
import Foundation
import Hummingbird
import Projections

/// One article (`/kb/articles/{slug}`) or FAQ entry (`/kb/faq/{slug}`): the rendered text, "Was this
/// helpful?" (one vote per account, or per browser through its device cookie; voting again changes the
/// vote), and bookmarking for signed-in readers. Votes and bookmarks are forms that come back to the page
/// (post, redirect, get). Opening the page records a view, with where the reader came from
/// (`?from=search&search=<id>`, `?from=ticket-form&suggestion=<id>`).
struct KnowledgeItemPages {
    let kb: KnowledgePages

    func add(to router: RouterGroup<PortalRequestContext>) {
        for kind in KnowledgeKind.items {
            let base = "kb/\(KnowledgeRoutes.segment(kind))/{slug}"
            router.get(RouterPath(base)) { request, context in try await show(kind, request, context) }
            router.post(RouterPath(base + "/vote")) { request, context in try await vote(kind, request, context) }
            router.post(RouterPath(base + "/bookmark")) { request, context in try await bookmark(kind, request, context) }
            router.post(RouterPath(base + "/bookmark/remove")) { request, context in try await removeBookmark(kind, request, context) }
            router.post(RouterPath(base + "/note")) { request, context in try await note(kind, request, context) }
        }
    }

    static let relatedCount = 5

    func show(_ kind: KnowledgeKind, _ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let key = try KnowledgePages.key(kind, context)
        let entry = try kb.service.readable(key, viewer: kb.viewer(context))
        let query = request.uri.queryParameters
        var data: [String: Any] = [:]
        for (notice, name) in [("voted", "voted"), ("bookmarked", "justBookmarked"), ("unbookmarked", "justUnbookmarked"), ("noted", "noted")] where query[notice[...]] != nil {
            data[name] = true
        }
        // The notice of a significant update shows this once: reading the item again is seeing it.
        if let account = context.identity?.accountID, let update = kb.service.catalog.updates(for: account).first(where: { $0.itemKey == key }) {
            data["update"] = ["note": update.note, "hasNote": !update.note.isEmpty, "at": KnowledgeEntryView.day(update.at)] as [String: Any]
        }
        let origin = query["from"].flatMap { KnowledgeOrigin(rawValue: String($0)) } ?? .direct
        let searchID = query["search"].flatMap { UUID(uuidString: String($0)) }
        let suggestionID = query["suggestion"].flatMap { UUID(uuidString: String($0)) }
        let visitor = kb.visitor(request, context)
        if data["update"] != nil {
            // The view is what marks the update as seen, so it is recorded even when the reader opened the item a
            // moment before the update (a repeat view is otherwise not counted).
            await kb.service.recordActivity(KnowledgeItemViewed(itemKey: key, visitor: visitor, origin: origin, searchID: searchID, suggestionID: suggestionID))
        } else {
            await kb.service.recordView(key, visitor: visitor, origin: origin, searchID: searchID, suggestionID: suggestionID)
        }
        return try await render(entry, request: request, context: context, data: data)
    }

    /// The page of a readable `entry`, with `data` (notices, or a refused form's messages).
    func render(_ entry: KnowledgeCatalogProjection.Entry, request: Request, context: PortalRequestContext, data: [String: Any] = [:],
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let viewer = kb.viewer(context)
        let catalog = kb.service.catalog
        let view = KnowledgeItemView(entry: entry, tree: catalog.categoryTree)
        var values = data
        values["item"] = view.values(article: KnowledgeReaderPages.linkedArticle(entry, viewer: viewer, catalog: catalog))
        let vote = try kb.service.currentVote(entry.key, by: kb.visitor(request, context))
        var feedback = view.feedback(vote: vote, signedIn: context.identity != nil)
        feedback["comment"] = (data["typedComment"] as? String) ?? vote?.comment ?? ""
        values["feedback"] = feedback
        if let account = context.identity?.accountID {
            values["bookmark"] = ["bookmarked": catalog.bookmarks(of: account).targets.contains(entry.key)]
            if let tutorials = kb.tutorials {
                values["notes"] = ["action": Self.path(entry.key) + "/note", "items": tutorials.notes(of: account, target: entry.key).map {
                    ["html": MarkdownRenderer.html($0.text ?? ""), "updated": KnowledgeEntryView.day($0.updatedAt)] as [String: Any]
                }]
            }
        }
        let related = await kb.service.related(to: entry.key, viewer: viewer, limit: Self.relatedCount)
        values["related"] = related.map { ["title": $0.content.title, "path": KnowledgeSearchView.path($0, from: .related), "isFAQ": $0.kind == .faq] }
        values["hasRelated"] = !related.isEmpty
        return kb.render("kb-item", title: entry.content.title, request: request, context: context, data: values, status: status,
                         section: entry.kind == .faq ? .faq : .home)
    }

    /// Runs a form's action on the item; a refusal shows the page again with its message (422, 409 or 429) and
    /// what was typed (`kept`).
    private func act(_ kind: KnowledgeKind, _ request: Request, _ context: PortalRequestContext, kept: [String: Any] = [:],
                     _ body: (String) async throws -> Response) async throws -> Response {
        let key = try KnowledgePages.key(kind, context)
        do {
            return try await body(key)
        } catch {
            guard let refused = PageSupport.refusal(error) else { throw error }
            let entry = try kb.service.readable(key, viewer: kb.viewer(context))
            return try await render(entry, request: request, context: context, data: kept.merging(refused.values) { $1 }, status: refused.status)
        }
    }

    struct VoteFields: Decodable, CSRFCarrying { var helpful: String?; var reason: String?; var comment: String?; var csrf: String? }

    /// "Yes" or "no", with a reason (for "no") and a comment (signed-in readers).
    func vote(_ kind: KnowledgeKind, _ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let fields = try await kb.pages.form(VoteFields.self, from: request)
        return try await act(kind, request, context, kept: ["typedComment": fields.comment ?? ""]) { key in
            guard let visitor = kb.visitor(request, context) else {
                throw FormRefused([FieldError(field: "helpful", message: "Your browser did not keep this site's cookie, so the vote could not be counted. Allow cookies for this site, or sign in.")])
            }
            let helpful: Bool
            switch fields.helpful {
            case "yes": helpful = true
            case "no": helpful = false
            default: throw FormRefused([FieldError(field: "helpful", message: "Choose yes or no.")])
            }
            var reason: UnhelpfulReason?
            if !helpful, let raw = fields.reason, !raw.isEmpty {
                guard let r = UnhelpfulReason(rawValue: raw) else { throw FieldError(field: "reason", message: "Choose one of the reasons, or none.") }
                reason = r
            }
            try await kb.service.vote(key, helpful: helpful, reason: reason, comment: fields.comment, by: visitor, viewer: kb.viewer(context))
            return PageSupport.redirect(Self.path(key) + "?voted=1#feedback")
        }
    }

    struct BookmarkFields: Decodable, CSRFCarrying { var back: String?; var csrf: String? }

    func bookmark(_ kind: KnowledgeKind, _ request: Request, _ context: PortalRequestContext) async throws -> Response {
        try await kb.pages.signedIn(context) { user in
            _ = try await kb.pages.form(BookmarkFields.self, from: request)
            return try await act(kind, request, context) { key in
                if !kb.service.catalog.bookmarks(of: user.accountID).targets.contains(key) { try await kb.service.bookmark(key, account: user.accountID) }
                return PageSupport.redirect(Self.path(key) + "?bookmarked=1#bookmark")
            }
        }
    }

    /// Removes a bookmark; from the bookmarks page (`back=bookmarks`) the browser goes back there.
    func removeBookmark(_ kind: KnowledgeKind, _ request: Request, _ context: PortalRequestContext) async throws -> Response {
        try await kb.pages.signedIn(context) { user in
            let fields = try await kb.pages.form(BookmarkFields.self, from: request)
            let key = try KnowledgePages.key(kind, context)
            if kb.service.catalog.bookmarks(of: user.accountID).targets.contains(key) { try await kb.service.removeBookmark(key, account: user.accountID) }
            return PageSupport.redirect(fields.back == "bookmarks" ? "/kb/bookmarks?removed=1" : Self.path(key) + "?unbookmarked=1#bookmark")
        }
    }

    struct NoteFields: Decodable, CSRFCarrying { var text: String?; var csrf: String? }

    /// A private note on the item (only its writer sees it, here and in "My notes").
    func note(_ kind: KnowledgeKind, _ request: Request, _ context: PortalRequestContext) async throws -> Response {
        try await kb.pages.signedIn(context) { user in
            let fields = try await kb.pages.form(NoteFields.self, from: request)
            guard let tutorials = kb.tutorials else { throw ProblemDetails.notFound() }
            return try await act(kind, request, context) { key in
                try await tutorials.saveNote(nil, target: key, text: fields.text ?? "", owner: user.accountID)
                return PageSupport.redirect(Self.path(key) + "?noted=1#notes")
            }
        }
    }

    /// The reader's page of an item key.
    static func path(_ key: String) -> String {
        guard let (kind, slug) = KnowledgeKind.parse(key: key) else { return "/kb" }
        return KnowledgeRoutes.path(kind, slug)
    }
}
