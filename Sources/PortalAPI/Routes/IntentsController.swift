import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/chat/intents`: editors define the assistant's intents and their training examples. Every route needs
/// the editor (or admin) role; `out_of_scope` names the examples of messages no intent covers.
struct IntentsController {
    let service: IntentModelService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: list)
            .post(use: create)
            .get("{name}", use: show)
            .put("{name}", use: revise)
            .delete("{name}", use: retire)
            .post("{name}/examples", use: addExample)
            .delete("{name}/examples/{id}", use: removeExample)
    }

    func name(_ context: PortalRequestContext) throws -> String {
        guard let name = context.parameters.get("name"), Intent.isValidLabel(name) else { throw ProblemDetails.notFound("No such intent.") }
        return name
    }

    /// Signs in and checks the role before anything else is looked at.
    func editor(_ context: PortalRequestContext) throws -> AccountID {
        let user = try context.requireUser()
        _ = try service.requireEditor(user.accountID)
        return user.accountID
    }

    struct List: ResponseEncodable {
        var intents: [IntentSummaryDTO]
        var outOfScopeExamples: Int
        var changedSinceLastTraining: Bool
        var liveVersion: Int?
    }

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> List {
        _ = try editor(context)
        let intents = service.catalog.intents().compactMap { i -> IntentSummaryDTO? in
            guard let name = i.name, let d = i.definition else { return nil }
            return IntentSummaryDTO(name: name, title: d.title, action: d.action, retired: i.retired, revision: i.revision,
                                    examples: i.readableExamples.count, updatedAt: i.updatedAt)
        }
        return List(intents: intents, outOfScopeExamples: service.catalog.outOfScope.readableExamples.count,
                    changedSinceLastTraining: service.catalog.changedSinceLastTraining, liveVersion: service.modelVersion)
    }

    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> IntentDTO {
        _ = try editor(context)
        let name = try name(context)
        return IntentDTO(try service.intent(name), name: name)
    }

    @Sendable func create(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let account = try editor(context)
        let dto = try await body.decode(IntentWriteDTO.self, from: request, context: context)
        guard let name = dto.name else { throw FieldError(field: "name", message: "Give the intent a name, e.g. order_not_arrived.") }
        if let examples = dto.examples, examples.count > 100 {
            throw FieldError(field: "examples", message: "Add at most 100 examples with the definition; add more one by one.")
        }
        try await service.define(dto.definition(name: name), by: account)
        for text in dto.examples ?? [] {
            try await service.addExample(intent: name, text: text, subject: nil, source: .editor, by: account)
        }
        var response = try IntentDTO(try service.intent(name), name: name).response(from: request, context: context)
        response.status = .created
        response.headers[.location] = "/api/v1/chat/intents/\(name)"
        return response
    }

    @Sendable func revise(_ request: Request, context: PortalRequestContext) async throws -> IntentDTO {
        let account = try editor(context)
        let name = try name(context)
        let dto = try await body.decode(IntentWriteDTO.self, from: request, context: context)
        if let given = dto.name, given != name {
            throw FieldError(field: "name", message: "An intent keeps its name; define a new intent for another one.")
        }
        return IntentDTO(try await service.revise(name, definition: dto.definition(name: name), by: account), name: name)
    }

    @Sendable func retire(_ request: Request, context: PortalRequestContext) async throws -> HTTPResponse.Status {
        let account = try editor(context)
        try await service.retire(try name(context), by: account)
        return .noContent
    }

    @Sendable func addExample(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let account = try editor(context)
        let name = try name(context)
        struct ExampleDTO: Decodable { var text: String }
        let dto = try await body.decode(ExampleDTO.self, from: request, context: context)
        let example = try await service.addExample(intent: name, text: dto.text, subject: nil, source: .editor, by: account)
        var response = try IntentExampleDTO(example).response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func removeExample(_ request: Request, context: PortalRequestContext) async throws -> HTTPResponse.Status {
        let account = try editor(context)
        let name = try name(context)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw ProblemDetails.notFound("No such example.") }
        try await service.removeExample(id, intent: name, by: account)
        return .noContent
    }
}
