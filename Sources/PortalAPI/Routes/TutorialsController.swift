import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/tutorials`: learners list, take and rate tutorials (progress, demo and check answers, video reports,
/// bookmarks, certificates); editors write them and upload their media.
struct TutorialsController {
    let service: TutorialService
    let knowledge: KnowledgeService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: list)
            .post(use: create)
            .get("bookmarks", use: bookmarks)
            .get("learning", use: myLearning)
            .post("media/{kind}", use: upload)
            .get("{slug}", use: show)
            .put("{slug}", use: revise)
            .post("{slug}/status", use: status)
            .get("{slug}/media/{address}", use: media)
            .head("{slug}/media/{address}", use: media)
            .post("{slug}/steps/{step}/view", use: view)
            .post("{slug}/steps/{step}/watched", use: watched)
            .post("{slug}/steps/{step}/demo", use: demo)
            .post("{slug}/steps/{step}/check", use: check)
            .post("{slug}/steps/{step}/complete", use: complete)
            .post("{slug}/steps/{step}/unclear", use: unclear)
            .put("{slug}/steps/{step}/bookmark", use: addBookmark)
            .delete("{slug}/steps/{step}/bookmark", use: removeBookmark)
            .put("{slug}/bookmark", use: addBookmark)
            .delete("{slug}/bookmark", use: removeBookmark)
            .post("{slug}/rating", use: rate)
            .post("{slug}/certificate", use: certificate)
            .get("{slug}/feedback", use: feedback)
            .get("{slug}/funnel", use: funnel)
    }

    func slug(_ context: PortalRequestContext) throws -> String {
        guard let slug = context.parameters.get("slug"), KnowledgeSlug.isValid(slug) else { throw ProblemDetails.notFound() }
        return slug
    }

    func step(_ context: PortalRequestContext) throws -> String {
        guard let step = context.parameters.get("step"), KnowledgeSlug.isValid(step) else { throw ProblemDetails.notFound() }
        return step
    }

    struct List: ResponseEncodable { var tutorials: [TutorialListEntryDTO] }

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> List {
        let account = context.identity?.accountID
        let v = service.viewer(account)
        let all = request.uri.queryParameters["all"] == "true" && v.isEditor
        let category = request.uri.queryParameters["category"].map(String.init)
        let tutorials = all ? service.catalog.all() : service.catalog.published(for: v, category: category)
        return List(tutorials: tutorials.compactMap { t in
            guard let slug = t.slug, let c = t.content else { return nil }
            let percent = account.map { service.learning.progress(slug, learner: $0).progress.percentDone(c) }
            return TutorialListEntryDTO(slug: slug, title: c.title, summary: c.summary, category: c.categoryID, estimatedMinutes: c.estimatedMinutes,
                                        steps: c.steps.count, status: t.status.rawValue, percentDone: percent)
        })
    }

    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> TutorialDTO {
        let slug = try slug(context)
        let account = context.identity?.accountID
        let tutorial = try service.readable(slug, viewer: service.viewer(account))
        return TutorialDTO(tutorial, progress: account.map { service.learning.progress(slug, learner: $0).progress })
    }

    @Sendable func create(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let dto = try await body.decode(TutorialWriteDTO.self, from: request, context: context)
        guard let slug = dto.slug else { throw FieldError(field: "slug", message: "Give the tutorial a slug, e.g. your-first-ticket.") }
        try await service.create(slug: slug, content: dto.content, publish: dto.publish ?? false, by: user.accountID)
        var response = try TutorialDTO(try service.readable(slug, viewer: service.viewer(user.accountID)), progress: nil).response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func revise(_ request: Request, context: PortalRequestContext) async throws -> TutorialDTO {
        let user = try context.requireUser()
        let slug = try slug(context)
        let dto = try await body.decode(TutorialWriteDTO.self, from: request, context: context)
        try await service.revise(slug, content: dto.content, note: dto.note ?? "", by: user.accountID)
        return TutorialDTO(try service.readable(slug, viewer: service.viewer(user.accountID)), progress: nil)
    }

    @Sendable func status(_ request: Request, context: PortalRequestContext) async throws -> TutorialDTO {
        let user = try context.requireUser()
        let slug = try slug(context)
        struct StatusDTO: Decodable { var status: KnowledgeStatus }
        let dto = try await body.decode(StatusDTO.self, from: request, context: context)
        try await service.setStatus(slug, to: dto.status, by: user.accountID)
        return TutorialDTO(try service.readable(slug, viewer: service.viewer(user.accountID)), progress: nil)
    }

    /// An editor's upload: the file's bytes as the request body (`kind` is video, image or captions).
    @Sendable func upload(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard let kind = TutorialMediaKind(rawValue: context.parameters.get("kind") ?? "") else { throw ProblemDetails.notFound() }
        let stored = try await service.upload(kind, body: request.body, by: user.accountID)
        var response = try stored.response(from: request, context: context)
        response.status = .created
        return response
    }

    /// A tutorial's video, poster, captions or demo image, with Range requests so the player can seek.
    @Sendable func media(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let slug = try slug(context)
        let address = context.parameters.get("address") ?? ""
        let (reader, contentType) = try service.media(slug, address: address, viewer: service.viewer(context.identity?.accountID))
        return BlobResponse.media(reader, contentType: contentType, request: request, etag: "\"\(address)\"", cacheControl: "private, max-age=3600",
                                  disposition: nil)
    }

    struct ProgressDTO: ResponseEncodable { var progress: TutorialDTO.Progress? }

    func progress(_ slug: String, _ account: AccountID) throws -> ProgressDTO {
        let (tutorial, progress) = try service.progress(slug, learner: account)
        return ProgressDTO(progress: TutorialDTO(tutorial, progress: progress).progress)
    }

    @Sendable func view(_ request: Request, context: PortalRequestContext) async throws -> ProgressDTO {
        let user = try context.requireUser()
        let (slug, step) = (try slug(context), try step(context))
        try await service.view(slug, step: step, learner: user.accountID)
        return try progress(slug, user.accountID)
    }

    @Sendable func watched(_ request: Request, context: PortalRequestContext) async throws -> ProgressDTO {
        let user = try context.requireUser()
        let (slug, step) = (try slug(context), try step(context))
        struct Report: Decodable { var ranges: [WatchedRange] }
        let dto = try await body.decode(Report.self, from: request, context: context)
        try await service.watched(slug, step: step, ranges: dto.ranges, learner: user.accountID)
        return try progress(slug, user.accountID)
    }

    @Sendable func demo(_ request: Request, context: PortalRequestContext) async throws -> TutorialService.DemoOutcome {
        let user = try context.requireUser()
        let (slug, step) = (try slug(context), try step(context))
        struct Answer: Decodable { var screen: String; var answer: String }
        let dto = try await body.decode(Answer.self, from: request, context: context)
        return try await service.answerDemo(slug, step: step, screen: dto.screen, answer: dto.answer, learner: user.accountID)
    }

    @Sendable func check(_ request: Request, context: PortalRequestContext) async throws -> TutorialService.CheckOutcome {
        let user = try context.requireUser()
        let (slug, step) = (try slug(context), try step(context))
        struct Answer: Decodable { var answer: [String] }
        let dto = try await body.decode(Answer.self, from: request, context: context)
        return try await service.answerCheck(slug, step: step, answer: dto.answer, learner: user.accountID)
    }

    @Sendable func complete(_ request: Request, context: PortalRequestContext) async throws -> ProgressDTO {
        let user = try context.requireUser()
        let (slug, step) = (try slug(context), try step(context))
        try await service.complete(slug, step: step, learner: user.accountID)
        return try progress(slug, user.accountID)
    }

    @Sendable func unclear(_ request: Request, context: PortalRequestContext) async throws -> ProgressDTO {
        let user = try context.requireUser()
        let (slug, step) = (try slug(context), try step(context))
        try await service.flagUnclear(slug, step: step, learner: user.accountID)
        return try progress(slug, user.accountID)
    }

    @Sendable func rate(_ request: Request, context: PortalRequestContext) async throws -> ProgressDTO {
        let user = try context.requireUser()
        let slug = try slug(context)
        struct Rating: Decodable { var rating: Int; var comment: String? }
        let dto = try await body.decode(Rating.self, from: request, context: context)
        try await service.rate(slug, rating: dto.rating, comment: dto.comment, learner: user.accountID)
        return try progress(slug, user.accountID)
    }

    /// The bookmark's target: the tutorial, or one of its steps (only of a tutorial the reader may take).
    func bookmarkTarget(_ context: PortalRequestContext, account: AccountID) throws -> String {
        let slug = try slug(context)
        let tutorial = try service.readable(slug, viewer: service.viewer(account))
        guard let step = context.parameters.get("step") else { return Tutorial.key(slug) }
        guard KnowledgeSlug.isValid(step), tutorial.content?.step(step) != nil else { throw ProblemDetails.notFound() }
        return Tutorial.stepKey(slug, step: step)
    }

    @Sendable func addBookmark(_ request: Request, context: PortalRequestContext) async throws -> HTTPResponse.Status {
        let user = try context.requireUser()
        let target = try bookmarkTarget(context, account: user.accountID)
        do { try await knowledge.changeBookmarks(user.accountID) { try $0.decideAdd(target, by: user.accountID) } } catch DomainError.rejected {}
        return .noContent
    }

    @Sendable func removeBookmark(_ request: Request, context: PortalRequestContext) async throws -> HTTPResponse.Status {
        let user = try context.requireUser()
        let target = try bookmarkTarget(context, account: user.accountID)
        try await knowledge.changeBookmarks(user.accountID) { try $0.decideRemove(target, by: user.accountID) }
        return .noContent
    }

    struct BookmarkDTO: Codable { var target: String; var title: String; var url: String }
    struct Bookmarks: ResponseEncodable { var bookmarks: [BookmarkDTO] }

    /// The reader's bookmarks on tutorials and steps they may still take (articles and FAQ: `/api/v1/kb/bookmarks`).
    @Sendable func bookmarks(_ request: Request, context: PortalRequestContext) async throws -> Bookmarks {
        let user = try context.requireUser()
        return Bookmarks(bookmarks: service.bookmarks(of: user.accountID, targets: knowledge.catalog.bookmarks(of: user.accountID).targets)
            .map { BookmarkDTO(target: $0.target, title: $0.title, url: $0.url) })
    }

    struct Learning: ResponseEncodable { var tutorials: [TutorialListEntryDTO] }

    @Sendable func myLearning(_ request: Request, context: PortalRequestContext) async throws -> Learning {
        let user = try context.requireUser()
        return Learning(tutorials: service.myLearning(user.accountID).compactMap { t, p in
            guard let slug = t.slug, let c = t.content else { return nil }
            return TutorialListEntryDTO(slug: slug, title: c.title, summary: c.summary, category: c.categoryID, estimatedMinutes: c.estimatedMinutes,
                                        steps: c.steps.count, status: p.completedAt == nil ? "in-progress" : "completed", percentDone: p.percentDone(c))
        })
    }

    struct Issued: ResponseEncodable { var id: String; var url: String; var pdf: String }

    @Sendable func certificate(_ request: Request, context: PortalRequestContext) async throws -> Issued {
        let user = try context.requireUser()
        let c = try await service.issueCertificate(try slug(context), learner: user.accountID)
        return Issued(id: c.id, url: "/certificates/\(c.id)", pdf: "/api/v1/certificates/\(c.id)/pdf")
    }

    struct FeedbackDTO: ResponseEncodable {
        struct Comment: Codable { var rating: Int; var text: String; var at: Date }
        var ratings: [String: Int]
        var comments: [Comment]
        var unclear: [String: Int]
    }

    @Sendable func feedback(_ request: Request, context: PortalRequestContext) async throws -> FeedbackDTO {
        let user = try context.requireUser()
        let f = try service.feedback(try slug(context), by: user.accountID)
        return FeedbackDTO(ratings: Dictionary(uniqueKeysWithValues: f.ratings.map { ("\($0.key)", $0.value) }),
                           comments: f.comments.map { FeedbackDTO.Comment(rating: $0.rating, text: $0.text, at: $0.at) }, unclear: f.unclear)
    }

    @Sendable func funnel(_ request: Request, context: PortalRequestContext) async throws -> TutorialFunnel {
        let user = try context.requireUser()
        return try service.funnel(try slug(context), period: try TutorialAnalyticsController.period(request), by: user.accountID)
    }
}
