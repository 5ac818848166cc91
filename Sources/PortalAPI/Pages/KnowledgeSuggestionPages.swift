import Domain
import Foundation
import Hummingbird
import Projections

/// Suggestions while typing, for the pages' scripts (JSON): `GET /kb/suggest?q=` completes the header's
/// search box with titles the reader may read (not recorded: every keystroke would be a search), and
/// `POST /tickets/new/suggestions` (session and CSRF token) offers a customer writing a ticket the articles
/// and questions that may answer it, recorded as shown so that opening one (`?from=ticket-form&suggestion=<id>`)
/// and then not opening a ticket counts as deflected.
struct KnowledgeSuggestionPages {
    let kb: KnowledgePages

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("kb/suggest", use: suggest)
        router.post("tickets/new/suggestions", use: ticketForm)
    }

    struct Suggestions: ResponseEncodable {
        struct Item: Encodable { var title: String; var kind: String; var path: String }
        var suggestions: [Item]
    }

    static let suggestionCount = 8

    @Sendable func suggest(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let q = String((request.formQuery["q"] ?? "").prefix(200))
        let found = kb.service.suggest(q, viewer: kb.viewer(context), limit: Self.suggestionCount)
        return try Suggestions(suggestions: found.map {
            .init(title: $0.content.title, kind: $0.kind == .faq ? "Question" : "Article", path: KnowledgeSearchView.path($0, from: .search))
        }).response(from: request, context: context)
    }

    struct TicketFormSuggestions: ResponseEncodable {
        struct Item: Encodable {
            var title: String
            var path: String
            var isFAQ: Bool
            /// A FAQ entry's quick answer, an article's summary.
            var answer: String
        }
        var suggestionID: UUID?
        var items: [Item]
    }

    @Sendable func ticketForm(_ request: Request, context: PortalRequestContext) async throws -> Response {
        guard let user = context.identity, !user.passwordChangeRequired else { throw ProblemDetails.unauthorized("Sign in first.") }
        let fields = try await FormBody.fields(from: request)
        try kb.pages.csrf.check(fields[CSRFProtection.fieldName]?.first, request: request)
        let found = await kb.service.ticketFormSuggestions(subject: String((fields["subject"]?.first ?? "").prefix(200)),
                                                           description: String((fields["description"]?.first ?? "").prefix(2000)),
                                                           viewer: kb.service.viewer(user.accountID), visitor: .account(user.accountID))
        return try TicketFormSuggestions(suggestionID: found.suggestionID, items: found.hits.map { hit in
            .init(title: hit.entry.content.title, path: KnowledgeSearchView.path(hit.entry, from: .ticketForm, suggestionID: found.suggestionID),
                  isFAQ: hit.entry.kind == .faq, answer: hit.entry.content.summary)
        }).response(from: request, context: context)
    }
}
