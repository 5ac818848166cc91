import BlobStore
import Domain
import EventStore
import Foundation
import Hummingbird
import NIOCore
import Projections

/// `/api/v1/tickets`: customers open and follow their tickets; agents answer them. Every route checks
/// that the caller may see the ticket, and answers "not found" alike for a stranger's ticket and one
/// that does not exist.
struct TicketsController {
    let service: TicketService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: list)
            .post(use: open)
            .get("categories", use: categories)
            .get("similar", use: similar)
            .get("export", use: export)
            .get("draft", use: draft)
            .put("draft", use: saveDraft)
            .delete("draft", use: discardDraft)
            .get("{id}", use: show)
            .post("{id}/comments", use: comment)
            .post("{id}/status", use: status)
            .post("{id}/assign", use: assign)
            .post("{id}/priority", use: priority)
            .post("{id}/rating", use: rate)
            .post("{id}/survey", use: survey)
            .post("{id}/follow-up", use: followUp)
            .get("{id}/attachments/{attachment}", use: attachment)
    }

    private func client(_ request: Request, _ context: PortalRequestContext) -> ClientContext {
        ClientContext(request: request, context: context, deviceName: nil)
    }

    static func ticketID(_ context: PortalRequestContext) throws -> UUID {
        guard let raw = context.parameters.get("id"), let id = UUID(uuidString: raw) else { throw ProblemDetails.notFound("No such ticket.") }
        return id
    }

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> TicketListPage {
        let user = try context.requireUser()
        return try await service.list(try TicketQuery.parse(request), for: user.accountID)
    }

    @Sendable func categories(_ request: Request, context: PortalRequestContext) async throws -> CategoryList {
        _ = try context.requireUser()
        let sla = service.settings.sla
        return CategoryList(
            categories: service.categoryList(includingRetired: false).map(CategoryDTO.init),
            priorities: TicketPriority.allCases.reversed().map {
                PriorityOption(value: $0.rawValue, explanation: $0.explanation,
                               firstResponseHours: sla.seconds(.firstResponse, for: $0) / 3600, resolutionHours: sla.seconds(.resolution, for: $0) / 3600)
            })
    }

    struct SimilarList: ResponseEncodable { var tickets: [SimilarTicket] }

    @Sendable func similar(_ request: Request, context: PortalRequestContext) async throws -> SimilarList {
        let user = try context.requireUser()
        let text = request.uri.queryParameters["q"].map(String.init) ?? ""
        return SimilarList(tickets: try await service.similar(to: text, for: user.accountID))
    }

    /// Opens a ticket from JSON, or from a multipart form with files.
    @Sendable func open(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let form: TicketForm
        var files: [UploadedAttachment] = []
        if TicketUploadReader.isMultipart(request) {
            let upload = try await service.uploadReader.read(request, subject: user.accountID.stream, maxBodyBytes: service.settings.maxMultipartBytes)
            form = try Self.form(from: upload.text)
            files = upload.files
        } else {
            let dto = try await body.decode(OpenTicketDTO.self, from: request, context: context)
            form = TicketForm(categoryID: dto.categoryID, priority: dto.priority, subject: dto.subject, description: dto.description,
                              fields: dto.fields?.mapValues(\.values) ?? [:])
        }
        let opened = try await service.open(form, attachments: files, by: user.accountID, client: client(request, context))
        return try created(opened, request: request, context: context)
    }

    private func created(_ opened: TicketService.Opened, request: Request, context: PortalRequestContext) throws -> Response {
        var response = try opened.response(from: request, context: context)
        response.status = .created
        response.headers[.location] = "/api/v1/tickets/\(opened.id.uuidString.lowercased())"
        return response
    }

    /// A ticket form from multipart text fields (`field.<id>` for the category's fields).
    static func form(from text: [String: [String]]) throws -> TicketForm {
        var fields: [String: [String]] = [:]
        for (name, values) in text where name.hasPrefix("field.") { fields[String(name.dropFirst(6))] = values }
        guard let category = text["categoryID"]?.first else { throw FieldError(field: "categoryID", message: "Choose a category.") }
        return TicketForm(categoryID: category, priority: text["priority"]?.first, subject: text["subject"]?.first ?? "",
                          description: text["description"]?.first ?? "", fields: fields)
    }

    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> TicketDetail {
        let user = try context.requireUser()
        let (timeline, actor) = try service.timeline(try Self.ticketID(context), for: user.accountID)
        return TicketDetail(timeline, viewer: actor, service: service)
    }

    @Sendable func comment(_ request: Request, context: PortalRequestContext) async throws -> Accepted {
        let user = try context.requireUser()
        let id = try Self.ticketID(context)
        if TicketUploadReader.isMultipart(request) {
            // Only someone who may see the ticket may store files for it.
            let requester = try service.requester(of: id, for: user.accountID)
            let upload = try await service.uploadReader.read(request, subject: requester.stream, maxBodyBytes: service.settings.maxMultipartBytes)
            let position = try await service.comment(
                on: id, body: upload.text["body"]?.first ?? "", internal: upload.text["internal"]?.first == "true", attachments: upload.files,
                then: upload.text["status"]?.first, by: user.accountID, client: client(request, context))
            return Accepted(id: id, position: position)
        }
        let dto = try await body.decode(CommentDTO.self, from: request, context: context)
        let position = try await service.comment(on: id, body: dto.body, internal: dto.internal ?? false, attachments: [], then: dto.status,
                                                 by: user.accountID, client: client(request, context))
        return Accepted(id: id, position: position)
    }

    @Sendable func status(_ request: Request, context: PortalRequestContext) async throws -> Accepted {
        let user = try context.requireUser()
        let id = try Self.ticketID(context)
        let dto = try await body.decode(StatusDTO.self, from: request, context: context)
        return Accepted(id: id, position: try await service.setStatus(id, to: dto.status, reason: dto.reason, by: user.accountID, client: client(request, context)))
    }

    @Sendable func assign(_ request: Request, context: PortalRequestContext) async throws -> Accepted {
        let user = try context.requireUser()
        let id = try Self.ticketID(context)
        let dto = try await body.decode(AssignDTO.self, from: request, context: context)
        let agent: AccountID?
        switch dto.agent {
        case nil: agent = nil
        case "me": agent = user.accountID
        case let raw?:
            guard let a = AccountID(raw) else { throw FieldError(field: "agent", message: "`agent` is an account id, \"me\" or null.") }
            agent = a
        }
        return Accepted(id: id, position: try await service.assign(id, to: agent, by: user.accountID, client: client(request, context)))
    }

    @Sendable func priority(_ request: Request, context: PortalRequestContext) async throws -> Accepted {
        let user = try context.requireUser()
        let id = try Self.ticketID(context)
        let dto = try await body.decode(PriorityDTO.self, from: request, context: context)
        return Accepted(id: id, position: try await service.setPriority(id, to: dto.priority, by: user.accountID, client: client(request, context)))
    }

    @Sendable func rate(_ request: Request, context: PortalRequestContext) async throws -> Accepted {
        let user = try context.requireUser()
        let id = try Self.ticketID(context)
        let dto = try await body.decode(RatingDTO.self, from: request, context: context)
        return Accepted(id: id, position: try await service.rate(id, rating: dto.rating, by: user.accountID, client: client(request, context)))
    }

    @Sendable func survey(_ request: Request, context: PortalRequestContext) async throws -> Accepted {
        let user = try context.requireUser()
        let id = try Self.ticketID(context)
        let dto = try await body.decode(SurveyDTO.self, from: request, context: context)
        let answers = SurveyAnswers(resolution: dto.resolution, agent: dto.agent, speed: dto.speed, comment: dto.comment, agentFeedback: dto.agentFeedback)
        return Accepted(id: id, position: try await service.survey(id, answers: answers, by: user.accountID, client: client(request, context)))
    }

    /// A follow-up of a solved or closed ticket: a new ticket in the same category, linked both ways.
    @Sendable func followUp(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try Self.ticketID(context)
        let dto = try await body.decode(FollowUpDTO.self, from: request, context: context)
        let opened = try await service.followUp(of: id, subject: dto.subject, description: dto.description, priority: dto.priority,
                                                by: user.accountID, client: client(request, context))
        return try created(opened, request: request, context: context)
    }

    /// Serves a file to someone who may see it: as a download (`Content-Disposition: attachment`),
    /// with the type found by its content and `nosniff`, so a browser never renders it as a page.
    @Sendable func attachment(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try Self.ticketID(context)
        let attachmentID = context.parameters.get("attachment") ?? ""
        let (added, reader) = try service.attachment(attachmentID, of: id, for: user.accountID)
        return Self.download(reader, contentType: added.contentType, filename: added.personal?.filename ?? "attachment")
    }

    static func download(_ reader: BlobReader, contentType: String, filename: String) -> Response {
        let headers: HTTPFields = [
            .contentType: contentType,
            .contentDisposition: FileNameSanitizer.contentDisposition(filename: filename),
            .init("X-Content-Type-Options")!: "nosniff",
            .cacheControl: "private, no-store",
            .contentSecurityPolicy: "default-src 'none'; sandbox",
        ]
        return Response(status: .ok, headers: headers, body: BlobResponse.body(reader, range: 0..<reader.size))
    }

    @Sendable func draft(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard let draft = try service.loadDraft(user.accountID) else { return Response(status: .noContent) }
        return try draft.response(from: request, context: context)
    }

    struct DraftDTO: Decodable {
        var categoryID: String?
        var priority: String?
        var subject: String?
        var description: String?
        var fields: [String: FormAnswer]?
    }

    struct Saved: ResponseEncodable { var savedAt: Date }

    @Sendable func saveDraft(_ request: Request, context: PortalRequestContext) async throws -> Saved {
        let user = try context.requireUser()
        let dto = try await body.decode(DraftDTO.self, from: request, context: context)
        let draft = TicketDraft(categoryID: dto.categoryID.flatMap { $0.isEmpty ? nil : $0 }, priority: dto.priority, subject: dto.subject ?? "",
                                description: dto.description ?? "", fields: dto.fields?.mapValues(\.values) ?? [:], savedAt: nil)
        return Saved(savedAt: try await service.saveDraft(draft, by: user.accountID, client: client(request, context)))
    }

    @Sendable func discardDraft(_ request: Request, context: PortalRequestContext) async throws -> HTTPResponse.Status {
        let user = try context.requireUser()
        try await service.discardDraft(by: user.accountID, client: client(request, context))
        return .noContent
    }

    /// The customer's whole ticket history as CSV or JSON (`format=csv|json`).
    @Sendable func export(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let format = request.uri.queryParameters["format"].map(String.init) ?? "json"
        return try await Self.export(format, for: user.accountID, service: service)
    }

    /// The history download in `format` (the export pages answer with the same).
    static func export(_ format: String, for account: AccountID, service: TicketService) async throws -> Response {
        let stamp = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        switch format {
        case "csv":
            let csv = try await service.exportCSV(for: account)
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                                                   .contentDisposition: "attachment; filename=\"tickets-\(stamp).csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: csv)))
        case "json":
            let json = try await service.exportJSON(for: account)
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store",
                                                   .contentDisposition: "attachment; filename=\"tickets-\(stamp).json\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: json)))
        default:
            throw FieldError(field: "format", message: "`format` is csv or json.")
        }
    }
}
