import Domain
import EventStore
import Foundation
import Projections

extension TicketService {
    /// Creates a category with its form (admins, through the API or `portalctl categories create`).
    public func createCategory(id: String, name: String, description: String, schema: FormSchema, by actor: String) async throws -> UInt64 {
        let stream = Category.stream(id)
        let existing = try loadCategory(id)
        let created = try Category.decideCreate(id: id, name: name, description: description, schema: schema, existing: existing.category)
        let position = try await store.append([StreamAppend(stream: stream, expected: existing.version == 0 ? .noStream : .exact(existing.version),
                                                            events: [try EventEnvelope.make(created, subject: nil, metadata: EventMetadata(actor: actor))])]).lastPosition
        await settleCategories(position)
        return position
    }

    /// On a log that has never had a category: creates "General question" (id `general`, no extra fields).
    /// Admins rename it, give it a form or retire it like any other.
    public func ensureStarterCategory() async throws {
        _ = await runner.waitUntil(store.lastPosition, projections: [categories.name], timeout: .seconds(60))
        guard categories.all(includingRetired: true).isEmpty else { return }
        do {
            _ = try await createCategory(id: "general", name: "General question", description: "Anything we can help you with.",
                                         schema: FormSchema(fields: []), by: "system")
            logger.info("created the starter category 'general'")
        } catch EventStoreError.wrongExpectedVersion {
            // Someone created it at the same moment.
        }
    }

    /// Replaces a category's form; tickets opened earlier keep the fields and labels they were opened with.
    public func changeForm(_ id: String, schema: FormSchema, by actor: String) async throws -> UInt64 {
        try await changeCategory(id, by: actor) { try $0.decideChangeForm(schema) }
    }

    public func renameCategory(_ id: String, name: String, description: String?, by actor: String) async throws -> UInt64 {
        try await changeCategory(id, by: actor) { category in
            guard category.id != nil else { throw DomainError.notFound("category") }
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 80 else { throw FieldError(field: "name", message: "A category needs a name of at most 80 characters.") }
            let text = description ?? category.description
            guard text.count <= 500 else { throw FieldError(field: "description", message: "At most 500 characters.") }
            guard trimmed != category.name || text != category.description else { throw DomainError.rejected("nothing changed") }
            return CategoryRenamed(categoryID: id, name: trimmed, description: text)
        }
    }

    /// Stops new tickets in a category; its tickets stay as they are.
    public func retireCategory(_ id: String, by actor: String) async throws -> UInt64 {
        try await changeCategory(id, by: actor) { category in
            guard category.id != nil else { throw DomainError.notFound("category") }
            guard !category.retired else { throw DomainError.rejected("the category is retired already") }
            return CategoryRetired(categoryID: id)
        }
    }

    private func changeCategory(_ id: String, by actor: String, decide: (Category) throws -> any DomainEvent) async throws -> UInt64 {
        try await retrying {
            let (category, version) = try loadCategory(id)
            guard version > 0 else { throw DomainError.notFound("category") }
            let event = try decide(category)
            let position = try await store.append([StreamAppend(stream: Category.stream(id), expected: .exact(version),
                                                                events: [try EventEnvelope.make(event, subject: nil, metadata: EventMetadata(actor: actor))])]).lastPosition
            await settleCategories(position)
            return position
        }
    }

    func loadCategory(_ id: String) throws -> (category: Category, version: UInt64) {
        // Hostile ids never reach the store as stream names.
        guard !id.isEmpty, id.count <= 40, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            return (Category(), 0)
        }
        var category = Category()
        var version: UInt64 = 0
        for record in try store.read(stream: Category.stream(id), limit: 10_000) {
            category = category.evolve(try record.domainEvent())
            version = record.streamVersion
        }
        return (category, version)
    }

    private func settleCategories(_ position: UInt64) async {
        _ = await runner.waitUntil(position, projections: [categories.name], timeout: .seconds(5))
    }

    /// Live categories (retired ones too for admins).
    public func categoryList(includingRetired: Bool) -> [CategoriesProjection.Entry] { categories.all(includingRetired: includingRetired) }
}
