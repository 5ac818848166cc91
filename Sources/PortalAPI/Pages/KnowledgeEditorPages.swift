import Domain
import Foundation
import Hummingbird
import Projections

/// `/kb/edit`, the editors' dashboard: every item whatever its status (filtered by kind and status), links
/// to write a new article or FAQ entry, the categories (create, rename, move, reorder) and the synonyms
/// search uses (one group per line, words separated by commas).
struct KnowledgeEditorPages {
    let kb: KnowledgePages

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("kb/edit", use: dashboard)
        router.post("kb/edit/categories", use: createCategory)
        router.post("kb/edit/categories/{slug}", use: changeCategory)
        router.post("kb/edit/synonyms", use: synonyms)
    }

    static let notices: [String: String] = [
        "category-created": "The category was created.", "category-changed": "The category was saved.", "synonyms": "The synonyms were saved.",
    ]

    @Sendable func dashboard(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, _ in
            var data: [String: Any] = [:]
            if let notice = request.uri.queryParameters["saved"].flatMap({ Self.notices[String($0)] }) { data["saved"] = notice }
            return render(viewer, request: request, context: context, data: data)
        }
    }

    private func render(_ viewer: KnowledgeViewer, request: Request, context: PortalRequestContext, data: [String: Any] = [:],
                        status: HTTPResponse.Status = .ok, categoryRefusal: KnowledgeEditorView.CategoryRefusal? = nil,
                        typedSynonyms: String? = nil) -> Response {
        let catalog = kb.service.catalog
        let tree = catalog.categoryTree
        let query = request.uri.queryParameters
        let kind = query["kind"].flatMap { KnowledgeKind(rawValue: String($0)) }.flatMap { KnowledgeKind.items.contains($0) ? $0 : nil }
        let state = query["status"].flatMap { KnowledgeStatus(rawValue: String($0)) }
        // Tutorials are in the catalog for search and lists, but are edited through their own API.
        var entries = catalog.entries(kind: kind, viewer: viewer, includeUnpublished: true).filter { KnowledgeKind.items.contains($0.kind) }
        if let state { entries = entries.filter { $0.status == state } }
        var values = data
        values["items"] = entries.map { KnowledgeEditorView.row($0, tree: tree) }
        values["none"] = entries.isEmpty
        values["kinds"] = [("", "Articles and FAQ entries"), ("article", "Articles"), ("faq", "FAQ entries")].map {
            ["value": $0.0, "label": $0.1, "selected": $0.0 == (kind?.rawValue ?? "")] as [String: Any]
        }
        values["states"] = [("", "Any status"), ("draft", "Drafts"), ("published", "Published"), ("archived", "Archived")].map {
            ["value": $0.0, "label": $0.1, "selected": $0.0 == (state?.rawValue ?? "")] as [String: Any]
        }
        let forms = KnowledgeEditorView.categoryForms(catalog, refusal: categoryRefusal)
        values["categories"] = forms.existing
        values["newCategory"] = forms.new
        values["noCategories"] = forms.existing.isEmpty
        values["synonyms"] = typedSynonyms ?? catalog.synonyms.groups.map { $0.joined(separator: ", ") }.joined(separator: "\n")
        return kb.render("kb-edit-dashboard", title: "Knowledge base editing", request: request, context: context, data: values, status: status, section: .edit)
    }

    /// Shows the dashboard again with a refused form's messages; field errors are renamed to the form's
    /// element ids for the summary at the top.
    private func refused(_ error: any Error, viewer: KnowledgeViewer, request: Request, context: PortalRequestContext,
                         category: (slug: String?, typed: KnowledgeEditorView.CategoryFields)? = nil, typedSynonyms: String? = nil) throws -> Response {
        guard let refused = PageSupport.refusal(error) else { throw error }
        var data = refused.values
        var list: [FieldError] = []
        switch error {
        case let f as ValidationFailure: list = f.errors
        case let f as FieldError: list = [f]
        default: break
        }
        if !list.isEmpty {
            let ids = list.map { e in
                FieldError(field: category.map { KnowledgeEditorView.categoryFieldID($0.slug, e.field) } ?? "synonyms", message: e.message)
            }
            data["errors"] = fieldErrorValues(ids)
        }
        if typedSynonyms != nil, let message = list.first?.message { data["synonymsError"] = message }
        return render(viewer, request: request, context: context, data: data, status: refused.status,
                      categoryRefusal: category.map { .init(slug: $0.slug, typed: $0.typed, errors: list) }, typedSynonyms: typedSynonyms)
    }

    @Sendable func createCategory(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, actor in
            let fields = try await FormBody.fields(from: request)
            try kb.pages.csrf.check(fields[CSRFProtection.fieldName]?.first, request: request)
            let typed = KnowledgeEditorView.CategoryFields(form: fields)
            do {
                try await kb.service.createCategory(try typed.category(), by: actor)
                return PageSupport.redirect("/kb/edit?saved=category-created#categories")
            } catch {
                return try refused(error, viewer: viewer, request: request, context: context, category: (nil, typed))
            }
        }
    }

    /// Renames, moves (a new parent) or reorders a category.
    @Sendable func changeCategory(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, actor in
            let slug = context.parameters.get("slug") ?? ""
            guard kb.service.catalog.categoryTree[slug] != nil else { throw DomainError.notFound("category") }
            let fields = try await FormBody.fields(from: request)
            try kb.pages.csrf.check(fields[CSRFProtection.fieldName]?.first, request: request)
            let typed = KnowledgeEditorView.CategoryFields(form: fields, slug: slug)
            do {
                try await kb.service.changeCategory(try typed.category(), by: actor)
                return PageSupport.redirect("/kb/edit?saved=category-changed#categories")
            } catch {
                return try refused(error, viewer: viewer, request: request, context: context, category: (slug, typed))
            }
        }
    }

    /// One group per line, its words separated by commas.
    @Sendable func synonyms(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.editor(context) { viewer, actor in
            let fields = try await FormBody.fields(from: request)
            try kb.pages.csrf.check(fields[CSRFProtection.fieldName]?.first, request: request)
            let text = fields["synonyms"]?.first ?? ""
            let groups = text.split(whereSeparator: \.isNewline).map { line in line.split(separator: ",").map(String.init) }
            do {
                try await kb.service.setSynonyms(groups, by: actor)
                return PageSupport.redirect("/kb/edit?saved=synonyms#synonyms")
            } catch {
                return try refused(error, viewer: viewer, request: request, context: context, typedSynonyms: text)
            }
        }
    }
}
