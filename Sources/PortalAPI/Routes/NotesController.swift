import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/notes`: a learner's private notes on tutorial steps and articles. Only ever the owner's own.
struct NotesController {
    let service: TutorialService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: list)
            .post(use: create)
            .put("{id}", use: update)
            .delete("{id}", use: delete)
    }

    struct Notes: ResponseEncodable { var notes: [NoteDTO] }
    struct Write: Decodable { var target: String; var text: String }

    /// `q`: only notes containing every word; `target`: only notes on that step or article.
    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> Notes {
        let user = try context.requireUser()
        let params = request.uri.queryParameters
        return Notes(notes: service.notes(of: user.accountID, query: params["q"].map(String.init), target: params["target"].map(String.init)).map(NoteDTO.init))
    }

    @Sendable func create(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let dto = try await body.decode(Write.self, from: request, context: context)
        let note = try await service.saveNote(nil, target: dto.target, text: dto.text, owner: user.accountID)
        var response = try NoteDTO(note).response(from: request, context: context)
        response.status = .created
        return response
    }

    /// Another learner's note id is simply not found.
    @Sendable func update(_ request: Request, context: PortalRequestContext) async throws -> NoteDTO {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw ProblemDetails.notFound() }
        let dto = try await body.decode(Write.self, from: request, context: context)
        return NoteDTO(try await service.saveNote(id, target: dto.target, text: dto.text, owner: user.accountID))
    }

    @Sendable func delete(_ request: Request, context: PortalRequestContext) async throws -> HTTPResponse.Status {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw ProblemDetails.notFound() }
        try await service.deleteNote(id, owner: user.accountID)
        return .noContent
    }
}
