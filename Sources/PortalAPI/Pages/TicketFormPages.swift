import Domain
import Foundation
import Hummingbird
import NIOCore

/// `/tickets/new`: choose a category, then fill in its form (with files). The form is saved as a
/// draft while typing (`ticket-draft.js` posts to `/tickets/draft`), and the page is filled in from
/// the saved draft, on any device; sending the ticket clears it. While the subject is typed, the
/// page's script asks `/tickets/similar` for the customer's open tickets that look alike.
struct TicketFormPages {
    let pages: PageSupport
    let service: TicketService

    static let scripts = ["ticket-form.js", "ticket-draft.js"]

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("tickets/new", use: form)
        router.post("tickets/new", use: open)
        router.post("tickets/draft", use: saveDraft)
        router.post("tickets/draft/discard", use: discardDraft)
        router.get("tickets/similar", use: similar)
    }

    /// What the form shows: a category's fields filled in with `answers`.
    struct Filled {
        var categoryID: String?
        var priority: String?
        var subject = ""
        var description = ""
        var answers: [String: [String]] = [:]
    }

    @Sendable func form(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let chosen = request.uri.queryParameters["category"].map(String.init)
            let draft = try service.loadDraft(user.accountID)
            var filled = Filled(categoryID: chosen ?? draft?.categoryID)
            if let draft, draft.categoryID == filled.categoryID || chosen == nil || draft.categoryID == nil {
                filled.priority = draft.priority
                filled.subject = draft.subject
                filled.description = draft.description
                filled.answers = draft.fields
            }
            var data: [String: Any] = [:]
            if let draft, let saved = draft.savedAt { data["draftSaved"] = PageDate.values(saved) }
            return render(filled, request: request, context: context, data: data)
        }
    }

    private func render(_ filled: Filled, request: Request, context: PortalRequestContext, data: [String: Any] = [:], errors: [FieldError] = [],
                        status: HTTPResponse.Status = .ok) -> Response {
        var values = data
        let categories = service.categoryList(includingRetired: false)
        values["categories"] = categories.map { e -> [String: Any] in
            let id = e.category.id ?? ""
            return ["id": id, "name": e.category.name, "description": e.category.description,
                    "link": "/tickets/new?category=" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")]
        }
        values["noCategories"] = categories.isEmpty
        if let id = filled.categoryID, let category = categories.first(where: { $0.category.id == id })?.category {
            var messages: [String: String] = [:]
            for e in errors where messages[e.field] == nil { messages[e.field] = e.message }
            values["category"] = ["id": id, "name": category.name, "about": category.description]
            values["fields"] = TicketFormView(schema: category.schema, answers: filled.answers, errors: messages).fields
            values["priorities"] = TicketFormView.priorities(chosen: filled.priority)
            values["subject"] = filled.subject
            values["description"] = filled.description
        }
        if !errors.isEmpty { values["errors"] = fieldErrorValues(errors) }
        return pages.render("ticket-new", title: "New ticket", request: request, context: context, data: values, status: status,
                            section: .tickets, scripts: values["category"] == nil ? [] : Self.scripts)
    }

    /// Sends the ticket with its files; a refused form comes back with each message at its field (files
    /// must be chosen again: a browser cannot be given them back).
    @Sendable func open(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let upload: TicketUploadReader.Result
            do {
                upload = try await pages.ticketForm(request, subject: user.accountID.stream, service: service)
            } catch {
                guard let refusal = Self.uploadRefusal(error) else { throw error }
                // The upload stopped part-way, so the typed text may be incomplete: the form comes back from the
                // draft its script saved, with the message at the file's field.
                let category = request.uri.queryParameters["category"].map(String.init)
                var filled = Filled(categoryID: category)
                if let draft = try service.loadDraft(user.accountID), draft.categoryID == category {
                    filled = Filled(categoryID: category, priority: draft.priority, subject: draft.subject, description: draft.description, answers: draft.fields)
                }
                let schema = service.categories.entry(category ?? "")?.category.schema ?? FormSchema(fields: [])
                return render(filled, request: request, context: context, data: ["filesAgain": true],
                              errors: TicketFormView.elementErrors(refusal.errors, schema: schema), status: refusal.status)
            }
            let text = upload.text
            let filled = Filled(categoryID: text["categoryID"]?.first, priority: text["priority"]?.first, subject: text["subject"]?.first ?? "",
                                description: text["description"]?.first ?? "", answers: PageSupport.answers(text))
            do {
                guard let category = filled.categoryID, !category.isEmpty else { throw FieldError(field: "categoryID", message: "Choose a category.") }
                let form = TicketForm(categoryID: category, priority: filled.priority, subject: filled.subject, description: filled.description,
                                      fields: filled.answers)
                let opened = try await service.open(form, attachments: upload.files, by: user.accountID, client: pages.client(request, context))
                return PageSupport.redirect(TicketView.path(opened.id) + "?opened=1")
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                let schema = service.categories.entry(filled.categoryID ?? "")?.category.schema ?? FormSchema(fields: [])
                var list: [FieldError] = []
                switch error {
                case let f as ValidationFailure: list = f.errors
                case let f as FieldError: list = [f]
                default: break
                }
                var data = refused.values
                data.removeValue(forKey: "errors")
                if !upload.files.isEmpty { data["filesAgain"] = true }
                return render(filled, request: request, context: context, data: data, errors: TicketFormView.elementErrors(list, schema: schema),
                              status: refused.status)
            }
        }
    }

    /// A file refused while it was received (its type, its size, too many), as field errors.
    static func uploadRefusal(_ error: any Error) -> (errors: [FieldError], status: HTTPResponse.Status)? {
        switch error {
        case let f as FieldError: return ([f], .unprocessableContent)
        case let f as ValidationFailure: return (f.errors, .unprocessableContent)
        case let p as ProblemDetails where p.status == .contentTooLarge: return ([FieldError(field: "attachments", message: p.detail)], p.status)
        default: return nil
        }
    }

    struct Saved: ResponseEncodable { var savedAt: Date }

    /// Saves the form as typed so far (the page's script, a moment after the last keystroke).
    @Sendable func saveDraft(_ request: Request, context: PortalRequestContext) async throws -> Response {
        guard let user = context.identity, !user.passwordChangeRequired else { throw ProblemDetails.unauthorized("Sign in again to keep your draft.") }
        let text = try await FormBody.fields(from: request)
        try pages.csrf.check(text[CSRFProtection.fieldName]?.first, request: request)
        let draft = TicketDraft(categoryID: text["categoryID"]?.first.flatMap { $0.isEmpty ? nil : $0 }, priority: text["priority"]?.first,
                                subject: text["subject"]?.first ?? "", description: text["description"]?.first ?? "",
                                fields: PageSupport.answers(text), savedAt: nil)
        let saved = try await service.saveDraft(draft, by: user.accountID, client: pages.client(request, context))
        return try Saved(savedAt: saved).response(from: request, context: context)
    }

    @Sendable func discardDraft(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            _ = try await pages.form(ButtonForm.self, from: request)
            try await service.discardDraft(by: user.accountID, client: pages.client(request, context))
            return PageSupport.redirect("/tickets/new")
        }
    }

    struct Similar: ResponseEncodable {
        struct Item: Codable { var id: UUID; var subject: String; var status: String; var path: String }
        var tickets: [Item]
    }

    /// The customer's open tickets that look like `q`, for the hint under the subject.
    @Sendable func similar(_ request: Request, context: PortalRequestContext) async throws -> Response {
        guard let user = context.identity, !user.passwordChangeRequired else { throw ProblemDetails.unauthorized("Sign in first.") }
        let text = request.formQuery["q"] ?? ""
        let found = try await service.similar(to: text, for: user.accountID)
        return try Similar(tickets: found.map { .init(id: $0.id, subject: $0.subject, status: $0.status, path: TicketView.path($0.id)) })
            .response(from: request, context: context)
    }
}
