import Domain
import Foundation
import Hummingbird
import Projections

/// The knowledge base's pages, registered by ``add(to:)``: reading (`/kb`, categories, articles, the FAQ),
/// rating and bookmarking, the reader's bookmarks, and the editors' pages under `/kb/edit`.
///
/// Every item a reader sees goes through ``KnowledgeService/readable(_:viewer:)``: a draft, an archived item
/// and one outside the reader's audience are the same "not found" page as one that does not exist. The
/// editors' pages answer "not allowed" to everyone without the editor (or admin) role.
struct KnowledgePages {
    let pages: PageSupport
    let service: KnowledgeService
    /// Readers' private notes on items (kept by the tutorials' service); nil leaves the notes out.
    var tutorials: TutorialService? = nil

    func add(to router: RouterGroup<PortalRequestContext>) {
        KnowledgeReaderPages(kb: self).add(to: router)
        KnowledgeItemPages(kb: self).add(to: router)
        KnowledgeBookmarkPages(kb: self).add(to: router)
        KnowledgeSearchPages(kb: self).add(to: router)
        KnowledgeSuggestionPages(kb: self).add(to: router)
        KnowledgeEditorPages(kb: self).add(to: router)
        KnowledgeEditPages(kb: self).add(to: router)
        KnowledgeRevisionPages(kb: self).add(to: router)
    }

    /// Where a knowledge page sits in the knowledge base's own navigation.
    enum Section: String {
        case home, faq, bookmarks, edit
    }

    /// Who reads: anonymous, or the signed-in account with its roles (which decide the audiences).
    func viewer(_ context: PortalRequestContext) -> KnowledgeViewer {
        service.viewer(context.identity?.accountID)
    }

    /// The visitor votes and views are counted for: the account, or this browser's device cookie (a
    /// random id, hashed by the service), so an anonymous browser has one vote per item. Nil for a
    /// browser that has not kept the cookie yet.
    func visitor(_ request: Request, _ context: PortalRequestContext) -> KnowledgeVisitor? {
        service.visitor(account: context.identity?.accountID, device: pages.deviceID(request))
    }

    /// Renders a knowledge page with the knowledge base's navigation (`kbNav`: the section, the reader's
    /// unseen bookmark updates, the editors' link), which the layout reads too.
    func render(_ template: String, title: String, request: Request, context: PortalRequestContext, data: [String: Any] = [:],
                status: HTTPResponse.Status = .ok, section: Section? = nil, scripts: [String] = []) -> Response {
        var values = data
        values["kbNav"] = navigation(context, section: section)
        return pages.render(template, title: title, request: request, context: context, data: values, status: status, scripts: scripts)
    }

    func navigation(_ context: PortalRequestContext, section: Section?) -> [String: Any] {
        var nav: [String: Any] = ["signedIn": context.identity != nil, "editor": false, "updates": false]
        if let section { nav["current"] = [section.rawValue: true] }
        if let account = context.identity?.accountID {
            nav["editor"] = service.viewer(account).isEditor
            let updates = service.catalog.updates(for: account).count
            if updates > 0 { nav["updates"] = ["count": updates, "one": updates == 1] as [String: Any] }
        }
        return nav
    }

    static let popularCount = 5

    /// The most read items of the last 7 and 30 days and the month's most read tags, among what the viewer
    /// may read; false when nothing was read yet.
    func popular(_ viewer: KnowledgeViewer) -> Any {
        let week = service.popular(days: 7, viewer: viewer, limit: Self.popularCount)
        let month = service.popular(days: 30, viewer: viewer, limit: Self.popularCount)
        guard !week.items.isEmpty || !month.items.isEmpty else { return false }
        func items(_ list: [(entry: KnowledgeCatalogProjection.Entry, views: Int)]) -> [[String: Any]] {
            list.map { ["title": $0.entry.content.title, "path": KnowledgeSearchView.path($0.entry, from: .popular), "isFAQ": $0.entry.kind == .faq] }
        }
        return [
            "week": items(week.items), "hasWeek": !week.items.isEmpty, "month": items(month.items), "hasMonth": !month.items.isEmpty,
            "tags": month.tags.map { ["tag": $0.tag, "path": KnowledgeSearchView.link([("tag", $0.tag)])] }, "hasTags": !month.tags.isEmpty,
        ]
    }

    static let notAllowed = ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                           detail: "These pages are for the knowledge base's editors. If you should have access, ask an administrator to grant you the editor role.")

    /// Runs `body` for a signed-in editor (or admin); anyone else signed in gets "not allowed" (403), a
    /// browser without a session is sent to sign in.
    func editor(_ context: PortalRequestContext, _ body: (_ viewer: KnowledgeViewer, _ actor: String) async throws -> Response) async throws -> Response {
        try await pages.signedIn(context) { user in
            let viewer = service.viewer(user.accountID)
            guard viewer.isEditor else { throw Self.notAllowed }
            return try await body(viewer, user.accountID.stream)
        }
    }

    /// The item named by a reader path (`articles` or `faq`) and its `{slug}`; anything else is "not found".
    static func key(_ kind: KnowledgeKind, _ context: PortalRequestContext) throws -> String {
        guard let slug = context.parameters.get("slug"), KnowledgeSlug.isValid(slug) else { throw DomainError.notFound("article") }
        return kind.key(slug)
    }

    /// The item named by an editor path `/kb/edit/{kind}/{slug}`.
    static func editedKey(_ context: PortalRequestContext) throws -> (kind: KnowledgeKind, slug: String) {
        guard let kind = KnowledgeRoutes.kind(segment: context.parameters.get("kind") ?? ""),
              let slug = context.parameters.get("slug"), KnowledgeSlug.isValid(slug) else { throw DomainError.notFound("article") }
        return (kind, slug)
    }

    /// The editor's page of an item.
    static func editPath(_ kind: KnowledgeKind, _ slug: String) -> String { "/kb/edit/\(KnowledgeRoutes.segment(kind))/\(slug)" }

    static func categoryPath(_ slug: String) -> String { "/kb/categories/\(slug)" }
}
