import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/kb`: the knowledge base. Readers (anonymous or signed in) read, vote and bookmark; editors write,
/// publish, compare and restore revisions, and keep categories and synonyms.
struct KnowledgeController {
    let service: KnowledgeService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get("categories", use: categories)
            .post("categories", use: createCategory)
            .patch("categories/{slug}", use: changeCategory)
            .get("synonyms", use: synonyms)
            .put("synonyms", use: setSynonyms)
            .post("preview", use: preview)
            .get("bookmarks", use: bookmarks)
            .get("{kind}", use: list)
            .post("{kind}", use: create)
            .get("{kind}/{slug}", use: show)
            .put("{kind}/{slug}", use: revise)
            .post("{kind}/{slug}/status", use: status)
            .get("{kind}/{slug}/revisions", use: revisions)
            .get("{kind}/{slug}/revisions/{number}", use: revision)
            .get("{kind}/{slug}/diff", use: diff)
            .post("{kind}/{slug}/restore", use: restore)
            .post("{kind}/{slug}/vote", use: vote)
            .put("{kind}/{slug}/bookmark", use: addBookmark)
            .delete("{kind}/{slug}/bookmark", use: removeBookmark)
    }

    func viewer(_ context: PortalRequestContext) -> KnowledgeViewer { service.viewer(context.identity?.accountID) }

    func editor(_ context: PortalRequestContext) throws -> String { try service.requireEditor(try context.requireUser().accountID) }

    /// The item key named by the path; an unknown kind or a malformed slug is simply not found.
    func key(_ context: PortalRequestContext) throws -> String {
        guard let kind = KnowledgeRoutes.kind(segment: context.parameters.get("kind") ?? ""),
              let slug = context.parameters.get("slug"), KnowledgeSlug.isValid(slug) else { throw ProblemDetails.notFound() }
        return kind.key(slug)
    }

    func kind(_ context: PortalRequestContext) throws -> KnowledgeKind {
        guard let kind = KnowledgeRoutes.kind(segment: context.parameters.get("kind") ?? "") else { throw ProblemDetails.notFound() }
        return kind
    }

    struct Categories: ResponseEncodable { var categories: [KnowledgeCategoryDTO] }

    @Sendable func categories(_ request: Request, context: PortalRequestContext) async throws -> Categories {
        Categories(categories: service.catalog.orderedCategories().map {
            KnowledgeCategoryDTO(slug: $0.category.slug, name: $0.category.name, description: $0.category.description, parent: $0.category.parent,
                                 order: $0.category.order, depth: $0.depth)
        })
    }

    @Sendable func createCategory(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let actor = try editor(context)
        let dto = try await body.decode(KnowledgeCategoryDTO.self, from: request, context: context)
        try await service.createCategory(KnowledgeCategory(slug: dto.slug, name: dto.name, description: dto.description ?? "", parent: dto.parent, order: dto.order ?? 0), by: actor)
        var response = try dto.response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func changeCategory(_ request: Request, context: PortalRequestContext) async throws -> KnowledgeCategoryDTO {
        let actor = try editor(context)
        let slug = context.parameters.get("slug") ?? ""
        guard let current = service.catalog.categoryTree[slug] else { throw ProblemDetails.notFound("No such category.") }
        struct Change: Decodable { var name: String?; var description: String?; var parent: String??; var order: Int? }
        let dto = try await body.decode(Change.self, from: request, context: context)
        var next = current
        if let name = dto.name { next.name = name }
        if let description = dto.description { next.description = description }
        if let parent = dto.parent { next.parent = parent }
        if let order = dto.order { next.order = order }
        try await service.changeCategory(next, by: actor)
        let c = service.catalog.categoryTree[slug] ?? next
        return KnowledgeCategoryDTO(slug: c.slug, name: c.name, description: c.description, parent: c.parent, order: c.order)
    }

    struct Synonyms: Codable, ResponseEncodable { var groups: [[String]] }

    @Sendable func synonyms(_ request: Request, context: PortalRequestContext) async throws -> Synonyms {
        _ = try editor(context)
        return Synonyms(groups: service.catalog.synonyms.groups)
    }

    @Sendable func setSynonyms(_ request: Request, context: PortalRequestContext) async throws -> Synonyms {
        let actor = try editor(context)
        let dto = try await body.decode(Synonyms.self, from: request, context: context)
        try await service.setSynonyms(dto.groups, by: actor)
        return Synonyms(groups: service.catalog.synonyms.groups)
    }

    struct PreviewDTO: Decodable { var markdown: String }
    struct Preview: ResponseEncodable { var html: String }

    /// The editor's preview: the same rendering readers get.
    @Sendable func preview(_ request: Request, context: PortalRequestContext) async throws -> Preview {
        _ = try editor(context)
        let dto = try await body.decode(PreviewDTO.self, from: request, context: context)
        return Preview(html: MarkdownRenderer.html(dto.markdown))
    }

    struct List: ResponseEncodable { var items: [KnowledgeListEntryDTO] }

    /// Readers: published items in their audiences. Editors with `?all=true`: drafts and archived ones too.
    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> List {
        let kind = try kind(context)
        let v = viewer(context)
        let params = request.uri.queryParameters
        let all = params["all"] == "true" && v.isEditor
        var entries = service.catalog.entries(kind: kind, category: params["category"].map(String.init), viewer: v, includeUnpublished: all)
        if let tag = params["tag"].map(String.init) { entries = entries.filter { $0.content.tags.contains(tag) } }
        if kind == .faq { entries.sort { ($0.content.categoryID, $0.content.order, $0.content.title) < ($1.content.categoryID, $1.content.order, $1.content.title) } }
        return List(items: entries.prefix(1000).map(KnowledgeListEntryDTO.init))
    }

    @Sendable func create(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let actor = try editor(context)
        let kind = try kind(context)
        let dto = try await body.decode(KnowledgeContentDTO.self, from: request, context: context)
        let slug = dto.slug ?? KnowledgeSlug.make(from: dto.title)
        try await service.create(kind: kind, slug: slug, content: try dto.content(), publish: dto.publish ?? false, by: actor)
        guard let entry = service.catalog.entry(kind.key(slug)) else { throw ProblemDetails.internal }
        var response = try KnowledgeItemDTO(entry, tree: service.catalog.categoryTree).response(from: request, context: context)
        response.status = .created
        response.headers[.location] = "/api/v1/kb/\(KnowledgeRoutes.segment(kind))/\(slug)"
        return response
    }

    /// Readers get published items in their audiences (and the view is recorded); editors any item, with its Markdown.
    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let key = try key(context)
        let v = viewer(context)
        let tree = service.catalog.categoryTree
        if v.isEditor, request.uri.queryParameters["edit"] == "true" {
            let entry = try service.editable(key, viewer: v)
            return try KnowledgeEditableDTO(item: KnowledgeItemDTO(entry, tree: tree), markdown: entry.content.body).response(from: request, context: context)
        }
        let entry = try service.readable(key, viewer: v)
        let params = request.uri.queryParameters
        let origin = params["from"].flatMap { KnowledgeOrigin(rawValue: String($0)) } ?? .direct
        await service.recordView(key, visitor: service.visitor(account: v.account, device: nil), origin: origin,
                                 searchID: params["search"].flatMap { UUID(uuidString: String($0)) },
                                 suggestionID: params["suggestion"].flatMap { UUID(uuidString: String($0)) })
        return try KnowledgeItemDTO(entry, tree: tree).response(from: request, context: context)
    }

    @Sendable func revise(_ request: Request, context: PortalRequestContext) async throws -> KnowledgeItemDTO {
        let actor = try editor(context)
        let key = try key(context)
        let dto = try await body.decode(KnowledgeContentDTO.self, from: request, context: context)
        try await service.revise(key, content: try dto.content(), significant: dto.significant ?? false, note: dto.note ?? "", by: actor)
        guard let entry = service.catalog.entry(key) else { throw ProblemDetails.notFound() }
        return KnowledgeItemDTO(entry, tree: service.catalog.categoryTree)
    }

    struct StatusBody: Decodable { var status: String }

    @Sendable func status(_ request: Request, context: PortalRequestContext) async throws -> KnowledgeItemDTO {
        let actor = try editor(context)
        let key = try key(context)
        let dto = try await body.decode(StatusBody.self, from: request, context: context)
        guard let status = KnowledgeStatus(rawValue: dto.status) else {
            throw FieldError(field: "status", message: "The status is draft, published or archived.")
        }
        try await service.setStatus(key, to: status, by: actor)
        guard let entry = service.catalog.entry(key) else { throw ProblemDetails.notFound() }
        return KnowledgeItemDTO(entry, tree: service.catalog.categoryTree)
    }

    struct Revisions: ResponseEncodable { var revisions: [KnowledgeRevisionDTO] }

    @Sendable func revisions(_ request: Request, context: PortalRequestContext) async throws -> Revisions {
        let user = try context.requireUser()
        return Revisions(revisions: try service.revisions(try key(context), viewer: service.viewer(user.accountID)).map { KnowledgeRevisionDTO($0, full: false) })
    }

    @Sendable func revision(_ request: Request, context: PortalRequestContext) async throws -> KnowledgeRevisionDTO {
        let user = try context.requireUser()
        guard let number = context.parameters.get("number").flatMap(Int.init) else { throw ProblemDetails.notFound("No such revision.") }
        return KnowledgeRevisionDTO(try service.revision(try key(context), number: number, viewer: service.viewer(user.accountID)), full: true)
    }

    @Sendable func diff(_ request: Request, context: PortalRequestContext) async throws -> KnowledgeDiffDTO {
        let user = try context.requireUser()
        let params = request.uri.queryParameters
        guard let from = params["from"].flatMap({ Int(String($0)) }), let to = params["to"].flatMap({ Int(String($0)) }) else {
            throw ValidationFailure([FieldError(field: "from", message: "Give two revision numbers: ?from=1&to=2.")])
        }
        return KnowledgeDiffDTO(try service.diff(try key(context), from: from, to: to, viewer: service.viewer(user.accountID)))
    }

    struct RestoreBody: Decodable { var revision: Int }

    @Sendable func restore(_ request: Request, context: PortalRequestContext) async throws -> KnowledgeItemDTO {
        let actor = try editor(context)
        let key = try key(context)
        let dto = try await body.decode(RestoreBody.self, from: request, context: context)
        try await service.restore(key, revision: dto.revision, by: actor)
        guard let entry = service.catalog.entry(key) else { throw ProblemDetails.notFound() }
        return KnowledgeItemDTO(entry, tree: service.catalog.categoryTree)
    }

    struct VoteResult: ResponseEncodable {
        var helpful: Int
        var unhelpful: Int
        var helpfulPercent: Int?
        var yourVote: Bool
    }

    /// API votes need a signed-in reader (browsers vote anonymously through the page, per device).
    @Sendable func vote(_ request: Request, context: PortalRequestContext) async throws -> VoteResult {
        let user = try context.requireUser()
        let key = try key(context)
        let dto = try await body.decode(VoteDTO.self, from: request, context: context)
        var reason: UnhelpfulReason?
        if let raw = dto.reason, !raw.isEmpty {
            guard let r = UnhelpfulReason(rawValue: raw) else {
                throw FieldError(field: "reason", message: "The reason is one of \(UnhelpfulReason.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            reason = r
        }
        try await service.vote(key, helpful: dto.helpful, reason: reason, comment: dto.comment, by: .account(user.accountID), viewer: service.viewer(user.accountID))
        guard let entry = service.catalog.entry(key) else { throw ProblemDetails.notFound() }
        return VoteResult(helpful: entry.helpful, unhelpful: entry.unhelpful, helpfulPercent: entry.helpfulPercent, yourVote: dto.helpful)
    }

    struct Bookmarks: ResponseEncodable { var items: [KnowledgeListEntryDTO] }

    @Sendable func bookmarks(_ request: Request, context: PortalRequestContext) async throws -> Bookmarks {
        let user = try context.requireUser()
        return Bookmarks(items: service.bookmarks(of: user.accountID).map(KnowledgeListEntryDTO.init))
    }

    @Sendable func addBookmark(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let key = try key(context)
        if !service.catalog.bookmarks(of: user.accountID).targets.contains(key) { try await service.bookmark(key, account: user.accountID) }
        return Response(status: .noContent)
    }

    @Sendable func removeBookmark(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let key = try key(context)
        if service.catalog.bookmarks(of: user.accountID).targets.contains(key) { try await service.removeBookmark(key, account: user.accountID) }
        return Response(status: .noContent)
    }
}
