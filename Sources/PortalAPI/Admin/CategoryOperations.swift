import Domain
import Foundation
import Projections

/// The category and analytics operations of `portalctl categories` and `portalctl analytics`.
struct CategoryOperations {
    let portal: Portal

    func perform(_ operation: AdminOperation, actor: String) async throws -> AdminOutcome {
        let service = portal.ticketService
        switch operation {
        case .listCategories:
            _ = await portal.runner.waitUntil(portal.store.lastPosition, projections: [portal.categories.name], timeout: .seconds(10))
            let all = service.categoryList(includingRetired: true)
            let data = try JSONEncoder.portal.encode(all.map { CategoryDTO($0) })
            let lines = all.map { e in
                "\(e.category.id ?? "?")\t\(e.category.name)\t\(e.category.schema.fields.count) field(s), form v\(e.category.formVersion)\(e.category.retired ? "\tretired" : "")"
            }
            return AdminOutcome(message: lines.isEmpty ? "no categories yet (create one with `portalctl categories create`)" : lines.joined(separator: "\n"),
                                details: ["json": String(decoding: data, as: UTF8.self)])
        case let .createCategory(id, name, description, fields):
            let position = try await service.createCategory(id: id, name: name, description: description, schema: try Self.schema(fields), by: actor)
            return AdminOutcome(message: "created category \(id) at position \(position)", details: ["position": String(position)])
        case let .changeCategoryForm(id, fields):
            let position = try await service.changeForm(id, schema: try Self.schema(fields), by: actor)
            let version = service.categories.entry(id)?.category.formVersion ?? 0
            return AdminOutcome(message: "category \(id) has form version \(version) now (tickets opened before keep theirs)",
                                details: ["position": String(position), "formVersion": String(version)])
        case let .renameCategory(id, name, description):
            let position = try await service.renameCategory(id, name: name, description: description, by: actor)
            return AdminOutcome(message: "renamed category \(id)", details: ["position": String(position)])
        case let .retireCategory(id):
            let position = try await service.retireCategory(id, by: actor)
            return AdminOutcome(message: "retired category \(id): it takes no new tickets", details: ["position": String(position)])
        case let .csat(from, to, groupBy, category, agent):
            _ = await portal.runner.waitUntil(portal.store.lastPosition, projections: [portal.csat.name], timeout: .seconds(10))
            let report = try CSATReports.report(portal.csat, from: from, to: to, groupBy: groupBy, category: category, agent: agent)
            let data = try JSONEncoder.portal.encode(report)
            return AdminOutcome(message: CSATReports.text(report), details: ["json": String(decoding: data, as: UTF8.self)])
        default:
            throw DomainError.rejected("not a category operation")
        }
    }

    /// A form from JSON: `[field, …]` or `{"fields": [field, …]}`, with errors that say where.
    static func schema(_ json: String) throws -> FormSchema {
        struct Wrapped: Decodable { var fields: [FormField] }
        let data = Data(json.utf8)
        do {
            if json.drop(while: \.isWhitespace).first == "[" { return FormSchema(fields: try JSONDecoder().decode([FormField].self, from: data)) }
            return FormSchema(fields: try JSONDecoder().decode(Wrapped.self, from: data).fields)
        } catch let error as DecodingError {
            throw ValidationFailure([FieldError(field: "form", message: "The form file is not a valid form: \(JSONBody.problem(for: error).detail)")])
        }
    }
}
