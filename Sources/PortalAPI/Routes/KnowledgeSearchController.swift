import Domain
import Foundation
import Hummingbird
import Projections
import Semantics

/// `/api/v1/kb/search`, `/suggest`, `/popular`, `/{kind}/{slug}/related` and `/ticket-suggestions`: finding
/// things in the knowledge base. Every answer holds only what the caller may read.
struct KnowledgeSearchController {
    let service: KnowledgeService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get("search", use: search)
            .get("suggest", use: suggest)
            .get("popular", use: popular)
            .get("{kind}/{slug}/related", use: related)
            .post("ticket-suggestions", use: ticketSuggestions)
    }

    struct Part: Encodable {
        var text: String
        var highlighted: Bool
    }

    struct Hit: Encodable {
        var key: String
        var kind: String
        var slug: String
        var title: String
        var titleParts: [Part]
        var snippet: [Part]
        var summary: String
        var category: String
        var url: String
        var score: Double

        init(_ h: KnowledgeSearchHit, searchID: UUID?, from origin: KnowledgeOrigin) {
            key = h.entry.key
            kind = h.entry.kind.rawValue
            slug = h.entry.slug
            title = h.entry.content.title
            titleParts = h.title.map { Part(text: $0.text, highlighted: $0.highlighted) }
            snippet = h.snippet.map { Part(text: $0.text, highlighted: $0.highlighted) }
            summary = h.entry.content.summary
            category = h.entry.content.categoryID
            let base = KnowledgeRoutes.path(h.entry.kind, h.entry.slug)
            url = searchID.map { "\(base)?from=\(origin.rawValue)&\(origin == .ticketForm ? "suggestion" : "search")=\($0.uuidString.lowercased())" } ?? base
            score = h.score
        }
    }

    struct Results: ResponseEncodable {
        var query: String
        var total: Int
        var didYouMean: String?
        var searchID: UUID?
        var mode: String
        var results: [Hit]
    }

    /// `q`, `kind` (article|faq), `category` (its subtree), `tag`, `limit` (≤ 50), `offset`, `mode` (hybrid|lexical|semantic).
    @Sendable func search(_ request: Request, context: PortalRequestContext) async throws -> Results {
        let params = request.uri.queryParameters
        var errors: [FieldError] = []
        let q = request.formQuery["q"] ?? ""
        if q.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError(field: "q", message: "Type what you are looking for: ?q=reset password.")) }
        if q.count > 500 { errors.append(FieldError(field: "q", message: "A query has at most 500 characters.")) }
        var kinds: Set<KnowledgeKind>?
        if let raw = params["kind"].map(String.init), !raw.isEmpty {
            if let kind = KnowledgeKind(rawValue: raw) { kinds = [kind] } else { errors.append(FieldError(field: "kind", message: "`kind` is article, faq or tutorial.")) }
        }
        let limit = params["limit"].map { Int(String($0)) } ?? 10
        let offset = params["offset"].map { Int(String($0)) } ?? 0
        if limit == nil || !(1...50).contains(limit!) { errors.append(FieldError(field: "limit", message: "`limit` is a number from 1 to 50.")) }
        if offset == nil || !(0...KnowledgeService.maximumResults).contains(offset!) {
            errors.append(FieldError(field: "offset", message: "`offset` is a number from 0 to \(KnowledgeService.maximumResults)."))
        }
        var mode = KnowledgeSearchMode.hybrid
        if let raw = params["mode"].map(String.init), !raw.isEmpty {
            if let m = KnowledgeSearchMode(rawValue: raw) { mode = m } else { errors.append(FieldError(field: "mode", message: "`mode` is hybrid, lexical or semantic.")) }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        let viewer = service.viewer(context.identity?.accountID)
        let page = await service.search(q, kinds: kinds, category: params["category"].map(String.init), tag: params["tag"].map(String.init), viewer: viewer,
                                        visitor: service.visitor(account: viewer.account, device: nil), limit: limit!, offset: offset!, origin: .search,
                                        record: offset == 0, mode: mode)
        return Results(query: q, total: page.total, didYouMean: page.didYouMean, searchID: page.searchID, mode: page.mode,
                       results: page.hits.map { Hit($0, searchID: page.searchID, from: .search) })
    }

    struct Suggestion: Encodable {
        var key: String
        var kind: String
        var title: String
        var url: String
    }

    struct Suggestions: ResponseEncodable { var suggestions: [Suggestion] }

    @Sendable func suggest(_ request: Request, context: PortalRequestContext) async throws -> Suggestions {
        let q = request.formQuery["q"] ?? ""
        let viewer = service.viewer(context.identity?.accountID)
        return Suggestions(suggestions: service.suggest(q, viewer: viewer).map {
            Suggestion(key: $0.key, kind: $0.kind.rawValue, title: $0.content.title, url: KnowledgeRoutes.path($0.kind, $0.slug))
        })
    }

    struct PopularItem: Encodable {
        var key: String
        var title: String
        var url: String
        var views: Int
    }

    struct PopularTag: Encodable {
        var tag: String
        var views: Int
    }

    struct Popular: ResponseEncodable {
        var days: Int
        var items: [PopularItem]
        var tags: [PopularTag]
    }

    /// `days`: 7 (default) or 30.
    @Sendable func popular(_ request: Request, context: PortalRequestContext) async throws -> Popular {
        let days = request.uri.queryParameters["days"].map { Int(String($0)) } ?? 7
        guard let days, days == 7 || days == 30 else { throw ValidationFailure([FieldError(field: "days", message: "`days` is 7 or 30.")]) }
        let result = service.popular(days: days, viewer: service.viewer(context.identity?.accountID), limit: 10)
        return Popular(days: days, items: result.items.map { PopularItem(key: $0.entry.key, title: $0.entry.content.title,
                                                                         url: KnowledgeRoutes.path($0.entry.kind, $0.entry.slug), views: $0.views) },
                       tags: result.tags.map { PopularTag(tag: $0.tag, views: $0.views) })
    }

    struct Related: ResponseEncodable { var items: [KnowledgeListEntryDTO] }

    @Sendable func related(_ request: Request, context: PortalRequestContext) async throws -> Related {
        guard let kind = KnowledgeRoutes.kind(segment: context.parameters.get("kind") ?? ""),
              let slug = context.parameters.get("slug"), KnowledgeSlug.isValid(slug) else { throw ProblemDetails.notFound() }
        let viewer = service.viewer(context.identity?.accountID)
        _ = try service.readable(kind.key(slug), viewer: viewer)
        return Related(items: await service.related(to: kind.key(slug), viewer: viewer).map(KnowledgeListEntryDTO.init))
    }

    struct TicketText: Decodable {
        var subject: String
        var description: String?
    }

    struct TicketSuggestions: ResponseEncodable {
        var suggestionID: UUID?
        var results: [Hit]
    }

    /// What the new-ticket form suggests for its subject and description (signed-in customers; the shown set is recorded).
    @Sendable func ticketSuggestions(_ request: Request, context: PortalRequestContext) async throws -> TicketSuggestions {
        let user = try context.requireUser()
        let dto = try await body.decode(TicketText.self, from: request, context: context)
        guard dto.subject.count <= 200, (dto.description ?? "").count <= 20_000 else {
            throw ValidationFailure([FieldError(field: "subject", message: "The subject has at most 200 characters and the description 20,000.")])
        }
        let viewer = service.viewer(user.accountID)
        let result = await service.ticketFormSuggestions(subject: dto.subject, description: dto.description ?? "", viewer: viewer, visitor: .account(user.accountID))
        return TicketSuggestions(suggestionID: result.suggestionID, results: result.hits.map { Hit($0, searchID: result.suggestionID, from: .ticketForm) })
    }
}
