import Domain
import Foundation
import Hummingbird
import Projections

/// The editors' form of one article or FAQ entry: `/kb/edit/new/{kind}` writes a new one (as a draft, or
/// published at once), `/kb/edit/{kind}/{slug}` a new revision (marked significant to tell the readers who
/// bookmarked it), and publishing, unpublishing and archiving. The Markdown preview works without
/// JavaScript (the "Preview" button shows the form again with it); `kb-editor.js` keeps it current while
/// typing through `POST /kb/edit/preview`.
struct KnowledgeEditPages {
    let kb: KnowledgePages

    static let scripts = ["kb-editor.js"]
    /// A body may have 200,000 characters, which URL-encoding can make several times longer.
    static let formLimit = 2 << 20

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("kb/edit/new/{kind}", use: newForm)
        router.post("kb/edit/new/{kind}", use: create)
        router.post("kb/edit/preview", use: preview)
        router.get("kb/edit/{kind}/{slug}", use: edit)
        router.post("kb/edit/{kind}/{slug}", use: save)
        router.post("kb/edit/{kind}/{slug}/status", use: status)
    }

    /// An editor form's fields, after the CSRF check.
    func form(_ request: Request) async throws -> [String: [String]] {
        let fields = try await FormBody.fields(from: request, limit: Self.formLimit)
        try kb.pages.csrf.check(fields[CSRFProtection.fieldName]?.first, request: request)
        return fields
    }

    func categoryExists(_ slug: String) -> Bool { kb.service.catalog.categoryTree[slug] != nil }

    static func kind(_ context: PortalRequestContext) throws -> KnowledgeKind {
        guard let kind = KnowledgeRoutes.kind(segment: context.parameters.get("kind") ?? "") else { throw DomainError.notFound("page") }
        return kind
    }

    // MARK: New

    @Sendable func newForm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, _ in
            var form = KnowledgeEditView()
            form.category = request.uri.queryParameters["category"].map(String.init) ?? ""
            return renderNew(try Self.kind(context), form: form, viewer: viewer, request: request, context: context)
        }
    }

    private func renderNew(_ kind: KnowledgeKind, form: KnowledgeEditView, viewer: KnowledgeViewer, request: Request, context: PortalRequestContext,
                           data: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        var values = data
        values["form"] = form.values(kind: kind, catalog: kb.service.catalog, viewer: viewer)
        values["isNew"] = true
        values["action"] = "/kb/edit/new/" + KnowledgeRoutes.segment(kind)
        return kb.render("kb-edit", title: kind == .faq ? "New FAQ entry" : "New article", request: request, context: context, data: values,
                         status: status, section: .edit, scripts: Self.scripts)
    }

    /// `action`: `preview`, `draft` or `publish`. The slug is made from the title when left empty.
    @Sendable func create(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, actor in
            let kind = try Self.kind(context)
            let fields = try await form(request)
            let typed = KnowledgeEditView(form: fields)
            let action = fields["action"]?.first ?? "draft"
            if action == "preview" { return renderNew(kind, form: typed, viewer: viewer, request: request, context: context, data: ["previewed": true]) }
            do {
                let slug = typed.slug.isEmpty ? KnowledgeSlug.make(from: typed.title) : typed.slug
                try await kb.service.create(kind: kind, slug: slug, content: try typed.content(kind: kind, categoryExists: categoryExists), publish: action == "publish", by: actor)
                return PageSupport.redirect(KnowledgePages.editPath(kind, slug) + "?created=1")
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                return renderNew(kind, form: typed, viewer: viewer, request: request, context: context, data: refused.values, status: refused.status)
            }
        }
    }

    // MARK: Edit

    static let statusNotices: [String: String] = [
        "published": "Published: readers find it now.", "draft": "Back to draft: readers no longer see it.",
        "archived": "Archived: readers no longer see it.",
    ]

    @Sendable func edit(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, _ in
            let (kind, slug) = try KnowledgePages.editedKey(context)
            let entry = try kb.service.editable(kind.key(slug), viewer: viewer)
            let query = request.uri.queryParameters
            var data: [String: Any] = [:]
            for notice in ["created", "saved"] where query[notice[...]] != nil { data[notice] = true }
            if let changed = query["status"].flatMap({ Self.statusNotices[String($0)] }) { data["statusChanged"] = changed }
            return render(entry, form: KnowledgeEditView(entry.content, revision: entry.revision), viewer: viewer, request: request, context: context, data: data)
        }
    }

    func render(_ entry: KnowledgeCatalogProjection.Entry, form: KnowledgeEditView, viewer: KnowledgeViewer, request: Request, context: PortalRequestContext,
                data: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        var values = data
        values["form"] = form.values(kind: entry.kind, catalog: kb.service.catalog, viewer: viewer)
        values["item"] = KnowledgeEditorView.itemValues(entry)
        values["statuses"] = KnowledgeEditorView.statusActions(entry.status)
        values["action"] = KnowledgePages.editPath(entry.kind, entry.slug)
        return kb.render("kb-edit", title: "Edit: " + entry.content.title, request: request, context: context, data: values, status: status,
                         section: .edit, scripts: Self.scripts)
    }

    /// `action`: `preview` or `save`. A save based on an older revision than the current one is refused once,
    /// so that an editor does not overwrite someone else's revision unknowingly.
    @Sendable func save(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, actor in
            let (kind, slug) = try KnowledgePages.editedKey(context)
            let key = kind.key(slug)
            let entry = try kb.service.editable(key, viewer: viewer)
            let fields = try await form(request)
            var typed = KnowledgeEditView(form: fields)
            if fields["action"]?.first == "preview" {
                return render(entry, form: typed, viewer: viewer, request: request, context: context, data: ["previewed": true])
            }
            do {
                if let base = typed.baseRevision, base != entry.revision {
                    throw DomainError.rejected("revision \(entry.revision) was saved while you were editing revision \(base); "
                        + "compare them on the revisions page, or save again to replace it with yours")
                }
                try await kb.service.revise(key, content: try typed.content(kind: kind, categoryExists: categoryExists), significant: typed.significant, note: typed.note, by: actor)
                return PageSupport.redirect(KnowledgePages.editPath(kind, slug) + "?saved=1")
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                typed.baseRevision = entry.revision
                return render(entry, form: typed, viewer: viewer, request: request, context: context, data: refused.values, status: refused.status)
            }
        }
    }

    struct StatusFields: Decodable, CSRFCarrying { var status: String?; var csrf: String? }

    @Sendable func status(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, actor in
            let (kind, slug) = try KnowledgePages.editedKey(context)
            let key = kind.key(slug)
            let fields = try await kb.pages.form(StatusFields.self, from: request)
            let entry = try kb.service.editable(key, viewer: viewer)
            do {
                guard let target = KnowledgeStatus(rawValue: fields.status ?? "") else {
                    throw FormRefused([FieldError(field: "status", message: "Choose to publish, unpublish or archive.")])
                }
                try await kb.service.setStatus(key, to: target, by: actor)
                return PageSupport.redirect(KnowledgePages.editPath(kind, slug) + "?status=" + target.rawValue)
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                return render(entry, form: KnowledgeEditView(entry.content, revision: entry.revision), viewer: viewer, request: request, context: context,
                              data: refused.values, status: refused.status)
            }
        }
    }

    // MARK: Preview

    struct Preview: ResponseEncodable { var html: String }

    /// The live preview: `markdown` rendered as readers will see it, as JSON `{"html": …}`.
    @Sendable func preview(_ request: Request, context: PortalRequestContext) async throws -> Response {
        guard let user = context.identity, !user.passwordChangeRequired else { throw ProblemDetails.unauthorized("Sign in again to see the preview.") }
        guard kb.service.viewer(user.accountID).isEditor else { throw KnowledgePages.notAllowed }
        let fields = try await form(request)
        return try Preview(html: MarkdownRenderer.html(fields["markdown"]?.first ?? "")).response(from: request, context: context)
    }
}
