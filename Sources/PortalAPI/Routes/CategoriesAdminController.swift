import Domain
import Foundation
import Hummingbird
import Projections

/// `/api/v1/admin/categories`: admins manage ticket categories and their forms.
struct CategoriesAdminController {
    let service: TicketService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: list)
            .post(use: create)
            .get("{category}", use: show)
            .put("{category}/form", use: changeForm)
            .patch("{category}", use: rename)
            .post("{category}/retire", use: retire)
    }

    private func requireAdmin(_ context: PortalRequestContext) throws -> String {
        let user = try context.requireUser()
        guard try service.identity.roles(of: user.accountID).contains(.admin) else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                 detail: "Managing categories needs the admin role (granted with `portalctl accounts grant-role ACCOUNT admin`).")
        }
        return user.accountID.description
    }

    struct List: ResponseEncodable { var categories: [CategoryDTO] }

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> List {
        _ = try requireAdmin(context)
        return List(categories: service.categoryList(includingRetired: true).map(CategoryDTO.init))
    }

    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> CategoryDTO {
        _ = try requireAdmin(context)
        guard let entry = service.categories.entry(context.parameters.get("category") ?? "") else { throw ProblemDetails.notFound("No such category.") }
        return CategoryDTO(entry)
    }

    struct CreateDTO: Decodable {
        var id: String
        var name: String
        var description: String?
        var fields: [FormField]
    }

    @Sendable func create(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let actor = try requireAdmin(context)
        let dto = try await body.decode(CreateDTO.self, from: request, context: context)
        _ = try await service.createCategory(id: dto.id, name: dto.name, description: dto.description ?? "", schema: FormSchema(fields: dto.fields), by: actor)
        guard let entry = service.categories.entry(dto.id) else { throw ProblemDetails.internal }
        var response = try CategoryDTO(entry).response(from: request, context: context)
        response.status = .created
        response.headers[.location] = "/api/v1/admin/categories/\(dto.id)"
        return response
    }

    struct FormDTO: Decodable { var fields: [FormField] }

    @Sendable func changeForm(_ request: Request, context: PortalRequestContext) async throws -> CategoryDTO {
        let actor = try requireAdmin(context)
        let id = context.parameters.get("category") ?? ""
        let dto = try await body.decode(FormDTO.self, from: request, context: context)
        _ = try await service.changeForm(id, schema: FormSchema(fields: dto.fields), by: actor)
        guard let entry = service.categories.entry(id) else { throw ProblemDetails.notFound("No such category.") }
        return CategoryDTO(entry)
    }

    struct RenameDTO: Decodable {
        var name: String
        var description: String?
    }

    @Sendable func rename(_ request: Request, context: PortalRequestContext) async throws -> CategoryDTO {
        let actor = try requireAdmin(context)
        let id = context.parameters.get("category") ?? ""
        let dto = try await body.decode(RenameDTO.self, from: request, context: context)
        _ = try await service.renameCategory(id, name: dto.name, description: dto.description, by: actor)
        guard let entry = service.categories.entry(id) else { throw ProblemDetails.notFound("No such category.") }
        return CategoryDTO(entry)
    }

    @Sendable func retire(_ request: Request, context: PortalRequestContext) async throws -> CategoryDTO {
        let actor = try requireAdmin(context)
        let id = context.parameters.get("category") ?? ""
        _ = try await service.retireCategory(id, by: actor)
        guard let entry = service.categories.entry(id) else { throw ProblemDetails.notFound("No such category.") }
        return CategoryDTO(entry)
    }
}
