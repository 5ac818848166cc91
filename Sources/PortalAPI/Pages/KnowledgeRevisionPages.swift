import Domain
import Foundation
import Hummingbird
import Projections

/// An item's history for its editors: `/kb/edit/{kind}/{slug}/revisions` (every revision with its author,
/// time and note), one revision, two compared (`diff?from=&to=`), and restoring an earlier revision, which
/// writes it again as the newest (history is never rewritten).
struct KnowledgeRevisionPages {
    let kb: KnowledgePages

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("kb/edit/{kind}/{slug}/revisions", use: list)
        router.get("kb/edit/{kind}/{slug}/revisions/{number}", use: show)
        router.get("kb/edit/{kind}/{slug}/diff", use: diff)
        router.post("kb/edit/{kind}/{slug}/restore", use: restore)
    }

    private func view(_ kind: KnowledgeKind) -> KnowledgeRevisionView {
        let identity = kb.pages.identity
        return KnowledgeRevisionView(kind: kind, tree: kb.service.catalog.categoryTree) { author in
            guard author.hasPrefix("account-"), let id = AccountID(String(author.dropFirst(8))) else { return author == "import" ? "Imported" : author }
            return ((try? identity.profile(id)?.name) ?? nil) ?? "A former editor"
        }
    }

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, _ in
            let (kind, slug) = try KnowledgePages.editedKey(context)
            var data: [String: Any] = [:]
            if let restored = request.uri.queryParameters["restored"].flatMap({ Int(String($0)) }) { data["restored"] = ["number": restored] }
            return try render(kind, slug, viewer: viewer, request: request, context: context, data: data)
        }
    }

    private func render(_ kind: KnowledgeKind, _ slug: String, viewer: KnowledgeViewer, request: Request, context: PortalRequestContext,
                        data: [String: Any] = [:], status: HTTPResponse.Status = .ok) throws -> Response {
        let key = kind.key(slug)
        let entry = try kb.service.editable(key, viewer: viewer)
        let revisions = try kb.service.revisions(key, viewer: viewer)
        let base = KnowledgePages.editPath(kind, slug)
        let view = view(kind)
        var values = data
        values["item"] = KnowledgeEditorView.itemValues(entry)
        values["revisions"] = revisions.map { view.row($0, current: entry.revision, basePath: base) }
        values["canCompare"] = revisions.count > 1
        values["compare"] = [
            "from": revisions.map { ["number": $0.number, "selected": $0.number == max(1, entry.revision - 1)] as [String: Any] },
            "to": revisions.map { ["number": $0.number, "selected": $0.number == entry.revision] as [String: Any] },
            "path": base + "/diff",
        ]
        values["restorePath"] = base + "/restore"
        return kb.render("kb-revisions", title: "History: " + entry.content.title, request: request, context: context, data: values, status: status,
                         section: .edit)
    }

    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, _ in
            let (kind, slug) = try KnowledgePages.editedKey(context)
            guard let number = context.parameters.get("number").flatMap({ Int($0) }) else { throw DomainError.notFound("revision") }
            let key = kind.key(slug)
            let entry = try kb.service.editable(key, viewer: viewer)
            let revision = try kb.service.revision(key, number: number, viewer: viewer)
            let view = view(kind)
            let data: [String: Any] = [
                "item": KnowledgeEditorView.itemValues(entry), "revision": view.row(revision, current: entry.revision, basePath: KnowledgePages.editPath(kind, slug)),
                "content": view.content(revision), "restorePath": KnowledgePages.editPath(kind, slug) + "/restore",
            ]
            return kb.render("kb-revision", title: "Revision \(number): " + revision.content.title, request: request, context: context, data: data, section: .edit)
        }
    }

    @Sendable func diff(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, _ in
            let (kind, slug) = try KnowledgePages.editedKey(context)
            let query = request.uri.queryParameters
            guard let from = query["from"].flatMap({ Int(String($0)) }), let to = query["to"].flatMap({ Int(String($0)) }) else {
                throw DomainError.notFound("revision")
            }
            let key = kind.key(slug)
            let entry = try kb.service.editable(key, viewer: viewer)
            let compared = try kb.service.diff(key, from: from, to: to, viewer: viewer)
            let data: [String: Any] = [
                "item": KnowledgeEditorView.itemValues(entry), "diff": view(kind).diff(compared),
                "revisionsPath": KnowledgePages.editPath(kind, slug) + "/revisions",
            ]
            return kb.render("kb-diff", title: "Revisions \(from) and \(to): " + entry.content.title, request: request, context: context, data: data,
                             section: .edit)
        }
    }

    struct RestoreFields: Decodable, CSRFCarrying { var revision: String?; var csrf: String? }

    @Sendable func restore(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, actor in
            let (kind, slug) = try KnowledgePages.editedKey(context)
            let fields = try await kb.pages.form(RestoreFields.self, from: request)
            guard let number = fields.revision.flatMap({ Int($0) }) else { throw DomainError.notFound("revision") }
            do {
                try await kb.service.restore(kind.key(slug), revision: number, by: actor)
                return PageSupport.redirect(KnowledgePages.editPath(kind, slug) + "/revisions?restored=\(number)")
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                return try render(kind, slug, viewer: viewer, request: request, context: context, data: refused.values, status: refused.status)
            }
        }
    }
}
