import Domain
import Foundation
import Hummingbird
import Projections

/// The learners' tutorial pages: the list, a tutorial's overview with rating and certificate, the step player
/// (video, demo, check, notes, bookmarks), "My learning", "My notes" and the public certificate verification page.
/// Every action is a form (CSRF-checked) that comes back to the page; the player's script reports watched video.
struct TutorialPages {
    let pages: PageSupport
    let service: TutorialService
    let knowledge: KnowledgeService

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("tutorials", use: list)
        router.get("tutorials/{slug}", use: overview)
        router.get("tutorials/{slug}/steps/{step}", use: step)
        router.get("tutorials/{slug}/media/{address}", use: media)
        router.head("tutorials/{slug}/media/{address}", use: media)
        router.post("tutorials/{slug}/steps/{step}/watched", use: watched)
        for action in StepAction.allCases {
            router.post(RouterPath("tutorials/{slug}/steps/{step}/\(action.rawValue)")) { request, context in try await act(action, request, context) }
        }
        router.post("tutorials/{slug}/rating", use: rate)
        router.post("tutorials/{slug}/certificate", use: certificate)
        router.get("learning", use: learning)
        router.get("notes", use: notes)
        router.post("notes/{id}/delete", use: deleteNote)
        router.get("certificates/{id}", use: verification)
        router.get("certificates/{id}/pdf", use: pdf)
    }

    enum StepAction: String, CaseIterable {
        case demo, check, complete, note, bookmark, unbookmark, unclear
    }

    func viewer(_ context: PortalRequestContext) -> KnowledgeViewer { service.viewer(context.identity?.accountID) }

    func slug(_ context: PortalRequestContext) throws -> String {
        guard let slug = context.parameters.get("slug"), KnowledgeSlug.isValid(slug) else { throw ProblemDetails.notFound() }
        return slug
    }

    func render(_ template: String, title: String, request: Request, context: PortalRequestContext, data: [String: Any], status: HTTPResponse.Status = .ok,
                scripts: [String] = []) -> Response {
        pages.render(template, title: title, request: request, context: context, data: data, status: status, scripts: scripts)
    }

    /// The page's query parameters (the first value of each name).
    static func query(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where out[String(key)] == nil { out[String(key)] = String(value) }
        return out
    }

    // MARK: Reading

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let account = context.identity?.accountID
        let tutorials = service.catalog.published(for: viewer(context)).compactMap { t -> [String: Any]? in
            guard let slug = t.slug, let c = t.content else { return nil }
            let percent = account.map { service.learning.progress(slug, learner: $0).progress.percentDone(c) }
            return ["slug": slug, "title": c.title, "summary": c.summary, "minutes": c.estimatedMinutes, "steps": c.steps.count,
                    "percent": percent.map { $0 as Any } ?? false]
        }
        return render("tutorials", title: "Tutorials", request: request, context: context, data: ["tutorials": tutorials, "none": tutorials.isEmpty])
    }

    @Sendable func overview(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let slug = try slug(context)
        let tutorial = try service.readable(slug, viewer: viewer(context))
        // Views count for the self-service analytics like an article's (popular lists, click-through from search).
        let query = Self.query(request)
        if tutorial.status == .published {
            await knowledge.recordView(Tutorial.key(slug), visitor: knowledge.visitor(account: context.identity?.accountID, device: pages.deviceID(request)),
                                       origin: query["from"].flatMap(KnowledgeOrigin.init(rawValue:)) ?? .direct,
                                       searchID: query["search"].flatMap(UUID.init(uuidString:)), suggestionID: query["suggestion"].flatMap(UUID.init(uuidString:)))
        }
        return render("tutorial", title: tutorial.content?.title ?? "Tutorial", request: request, context: context,
                      data: TutorialView(tutorial: tutorial, progress: progress(slug, context), bookmarks: bookmarks(context)).overview(query: Self.query(request)))
    }

    func progress(_ slug: String, _ context: PortalRequestContext) -> TutorialProgress? {
        context.identity.map { service.learning.progress(slug, learner: $0.accountID).progress }
    }

    func bookmarks(_ context: PortalRequestContext) -> [String] {
        context.identity.map { knowledge.catalog.bookmarks(of: $0.accountID).targets } ?? []
    }

    @Sendable func step(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let slug = try slug(context)
        let stepID = context.parameters.get("step") ?? ""
        let tutorial = try service.readable(slug, viewer: viewer(context))
        guard tutorial.content?.step(stepID) != nil else { throw ProblemDetails.notFound() }
        if let user = context.identity, tutorial.status == .published { try await service.view(slug, step: stepID, learner: user.accountID) }
        return renderStep(tutorial, stepID, request: request, context: context)
    }

    func renderStep(_ tutorial: Tutorial, _ stepID: String, request: Request, context: PortalRequestContext, notice: [String: Any] = [:],
                    status: HTTPResponse.Status = .ok) -> Response {
        let slug = tutorial.slug ?? ""
        let notes = context.identity.map { service.notes(of: $0.accountID, target: Tutorial.stepKey(slug, step: stepID)) } ?? []
        var data = TutorialView(tutorial: tutorial, progress: progress(slug, context), bookmarks: bookmarks(context))
            .step(stepID, notes: notes, query: Self.query(request))
        for (k, v) in notice { data[k] = v }
        let title = tutorial.content?.step(stepID)?.title ?? "Step"
        return render("tutorial-step", title: title, request: request, context: context, data: data, status: status, scripts: ["tutorial-player.js"])
    }

    @Sendable func media(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let (reader, contentType) = try service.media(try slug(context), address: context.parameters.get("address") ?? "", viewer: viewer(context))
        return BlobResponse.media(reader, contentType: contentType, request: request, etag: "\"\(reader.address)\"", cacheControl: "private, max-age=3600",
                                  disposition: nil)
    }

    // MARK: Actions

    struct Fields: Decodable, CSRFCarrying {
        var csrf: String?
        var screen: String?
        var answer: [String]?
        var choice: String?
        var text: String?
        var ranges: String?
        var rating: String?
        var comment: String?
    }

    /// The player's report of played stretches (`ranges`: JSON `[[start, end], …]`); answers 204.
    @Sendable func watched(_ request: Request, context: PortalRequestContext) async throws -> Response {
        guard let user = context.identity else { return Response(status: .unauthorized) }
        let fields = try await pages.form(Fields.self, from: request)
        guard let data = fields.ranges?.data(using: .utf8), data.count <= 8_192,
              let pairs = try? JSONDecoder().decode([[Double]].self, from: data), pairs.allSatisfy({ $0.count == 2 }) else {
            throw ProblemDetails.malformed("`ranges` is a JSON list of [start, end] pairs in seconds.")
        }
        try await service.watched(try slug(context), step: context.parameters.get("step") ?? "", ranges: pairs.map { WatchedRange(start: $0[0], end: $0[1]) },
                                  learner: user.accountID)
        return Response(status: .noContent)
    }

    func act(_ action: StepAction, _ request: Request, _ context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let slug = try slug(context)
            let stepID = context.parameters.get("step") ?? ""
            let tutorial = try service.readable(slug, viewer: viewer(context))
            guard let content = tutorial.content, let index = content.steps.firstIndex(where: { $0.id == stepID }) else { throw ProblemDetails.notFound() }
            let fields = try await pages.form(Fields.self, from: request)
            let here = "/tutorials/\(slug)/steps/\(stepID)"
            do {
                switch action {
                case .demo:
                    let outcome = try await service.answerDemo(slug, step: stepID, screen: fields.screen ?? "", answer: fields.choice ?? "", learner: user.accountID)
                    return PageSupport.redirect(here + "?demo=\(outcome.correct ? "right" : "wrong")&screen=\(fields.screen ?? "")#activity")
                case .check:
                    let outcome = try await service.answerCheck(slug, step: stepID, answer: fields.answer ?? fields.choice.map { [$0] } ?? [], learner: user.accountID)
                    return PageSupport.redirect(here + "?check=\(outcome.correct ? "right" : "wrong")#activity")
                case .complete:
                    try await service.complete(slug, step: stepID, learner: user.accountID)
                    if index + 1 < content.steps.count { return PageSupport.redirect("/tutorials/\(slug)/steps/\(content.steps[index + 1].id)") }
                    return PageSupport.redirect("/tutorials/\(slug)?finished=1#finish")
                case .note:
                    try await service.saveNote(nil, target: Tutorial.stepKey(slug, step: stepID), text: fields.text ?? "", owner: user.accountID)
                    return PageSupport.redirect(here + "?noted=1#notes")
                case .bookmark:
                    do { try await knowledge.changeBookmarks(user.accountID) { try $0.decideAdd(Tutorial.stepKey(slug, step: stepID), by: user.accountID) } } catch DomainError.rejected {}
                    return PageSupport.redirect(here + "?bookmarked=1")
                case .unbookmark:
                    do { try await knowledge.changeBookmarks(user.accountID) { try $0.decideRemove(Tutorial.stepKey(slug, step: stepID), by: user.accountID) } } catch DomainError.notFound {}
                    return PageSupport.redirect(here + "?unbookmarked=1")
                case .unclear:
                    do { try await service.flagUnclear(slug, step: stepID, learner: user.accountID) } catch DomainError.rejected {}
                    return PageSupport.redirect(here + "?flagged=1")
                }
            } catch let e as DomainError {
                guard case .rejected(let message) = e else { throw e }
                return renderStep(tutorial, stepID, request: request, context: context, notice: ["error": message.prefix(1).uppercased() + message.dropFirst() + "."],
                                  status: .conflict)
            } catch let e as FieldError {
                return renderStep(tutorial, stepID, request: request, context: context, notice: ["error": e.message], status: .unprocessableContent)
            } catch let e as ValidationFailure {
                return renderStep(tutorial, stepID, request: request, context: context, notice: ["error": e.errors.map(\.message).joined(separator: " ")],
                                  status: .unprocessableContent)
            }
        }
    }

    @Sendable func rate(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let slug = try slug(context)
            let fields = try await pages.form(Fields.self, from: request)
            do {
                try await service.rate(slug, rating: Int(fields.rating ?? "") ?? 0, comment: fields.comment, learner: user.accountID)
            } catch DomainError.rejected {}
            return PageSupport.redirect("/tutorials/\(slug)?rated=1#finish")
        }
    }

    @Sendable func certificate(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let slug = try slug(context)
            _ = try await pages.form(Fields.self, from: request)
            let c = try await service.issueCertificate(slug, learner: user.accountID)
            return PageSupport.redirect("/certificates/\(c.id)")
        }
    }

    // MARK: My learning, my notes, certificates

    @Sendable func learning(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let started = service.myLearning(user.accountID).compactMap { t, p -> [String: Any]? in
                guard let slug = t.slug, let c = t.content else { return nil }
                return ["slug": slug, "title": c.title, "percent": p.percentDone(c), "done": p.completedAt != nil,
                        "resume": "/tutorials/\(slug)/steps/\(p.resumeStep(c) ?? "")", "certificate": p.certificateID.map { $0 as Any } ?? false]
            }
            let marks = service.bookmarks(of: user.accountID, targets: knowledge.catalog.bookmarks(of: user.accountID).targets)
                .map { ["title": $0.title, "url": $0.url] }
            return render("learning", title: "My learning", request: request, context: context, data: [
                "inProgress": started.filter { $0["done"] as? Bool == false }, "completed": started.filter { $0["done"] as? Bool == true },
                "none": started.isEmpty, "bookmarks": marks, "noBookmarks": marks.isEmpty,
            ])
        }
    }

    @Sendable func notes(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let query = request.uri.queryParameters["q"].map(String.init) ?? ""
            let list = service.notes(of: user.accountID, query: query).map { n -> [String: Any] in
                ["id": n.id.uuidString.lowercased(), "html": MarkdownRenderer.html(n.text ?? ""), "on": noteTarget(n.target, user.accountID),
                 "updated": KnowledgeEntryView.day(n.updatedAt)]
            }
            return render("notes", title: "My notes", request: request, context: context,
                          data: ["notes": list, "query": query, "none": list.isEmpty, "searched": !query.isEmpty, "deleted": request.uri.queryParameters["deleted"] != nil])
        }
    }

    func noteTarget(_ target: String, _ account: AccountID) -> [String: Any] {
        if let item = service.bookmarks(of: account, targets: [target]).first { return ["title": item.title, "url": item.url] }
        if let entry = knowledge.catalog.readable(target, by: service.viewer(account)) {
            return ["title": entry.content.title, "url": KnowledgeItemPages.path(target)]
        }
        return ["title": "Something no longer available", "url": false]
    }

    @Sendable func deleteNote(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            _ = try await pages.form(Fields.self, from: request)
            guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw ProblemDetails.notFound() }
            try await service.deleteNote(id, owner: user.accountID)
            return PageSupport.redirect("/notes?deleted=1")
        }
    }

    @Sendable func verification(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let report = service.verify(id: id)
        let own = context.identity.flatMap { try? service.ownCertificate(id, learner: $0.accountID) }
        let data: [String: Any] = [
            "id": report.id, "valid": report.standing == .valid, "revoked": report.standing == .revoked, "erased": report.standing == .holderErased,
            "unknown": report.standing == .unknown, "holder": report.holderName ?? "", "tutorial": report.tutorialTitle ?? "",
            "issued": report.issuedOn ?? "", "reason": report.revokedReason ?? "", "own": own != nil, "keyID": service.keyID,
            "signed": own?.signed ?? "",
        ]
        return render("certificate", title: "Certificate \(report.standing == .unknown ? "not found" : report.standing.rawValue)", request: request,
                      context: context, data: data, status: report.standing == .unknown ? .notFound : .ok)
    }

    @Sendable func pdf(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let c = try service.ownCertificate(context.parameters.get("id") ?? "", learner: user.accountID)
            return Response(status: .ok, headers: [
                .contentType: "application/pdf", .cacheControl: "private, no-store",
                .contentDisposition: "attachment; filename=\"certificate-\(c.id).pdf\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: try service.pdf(c))))
        }
    }
}
