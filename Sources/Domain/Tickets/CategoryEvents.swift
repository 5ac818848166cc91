import Foundation

/// A ticket category was created with its first form (stream `category-<id>`).
public struct CategoryCreated: DomainEvent {
    public static let eventType = "CategoryCreated"
    public var categoryID: String
    public var name: String
    public var description: String
    public var schema: FormSchema
    public init(categoryID: String, name: String, description: String, schema: FormSchema) {
        self.categoryID = categoryID
        self.name = name
        self.description = description
        self.schema = schema
    }
}

/// The category's form changed; tickets opened before keep the fields they were opened with.
public struct CategoryFormChanged: DomainEvent {
    public static let eventType = "CategoryFormChanged"
    public var categoryID: String
    public var version: Int
    public var schema: FormSchema
    public init(categoryID: String, version: Int, schema: FormSchema) {
        self.categoryID = categoryID
        self.version = version
        self.schema = schema
    }
}

/// Name or description changed.
public struct CategoryRenamed: DomainEvent {
    public static let eventType = "CategoryRenamed"
    public var categoryID: String
    public var name: String
    public var description: String
    public init(categoryID: String, name: String, description: String) {
        self.categoryID = categoryID
        self.name = name
        self.description = description
    }
}

/// No new tickets in this category; existing ones are unaffected.
public struct CategoryRetired: DomainEvent {
    public static let eventType = "CategoryRetired"
    public var categoryID: String
    public init(categoryID: String) { self.categoryID = categoryID }
}

/// A ticket category and its current form.
public struct Category: Sendable, Equatable {
    public var id: String?
    public var name = ""
    public var description = ""
    public var schema = FormSchema(fields: [])
    public var formVersion = 0
    public var retired = false

    public init() {}

    public static func stream(_ id: String) -> String { "category-\(id)" }

    public func evolve(_ event: any DomainEvent) -> Category {
        var c = self
        switch event {
        case let e as CategoryCreated:
            c.id = e.categoryID
            c.name = e.name
            c.description = e.description
            c.schema = e.schema
            c.formVersion = 1
        case let e as CategoryFormChanged:
            c.schema = e.schema
            c.formVersion = e.version
        case let e as CategoryRenamed:
            c.name = e.name
            c.description = e.description
        case is CategoryRetired:
            c.retired = true
        default:
            break
        }
        return c
    }

    /// Creates a category: an id of lower-case letters, digits and dashes, a name, a checked form.
    public static func decideCreate(id: String, name: String, description: String, schema: FormSchema, existing: Category) throws -> CategoryCreated {
        guard existing.id == nil else { throw DomainError.rejected("a category '\(id)' exists already") }
        var errors: [FieldError] = []
        if id.isEmpty || id.count > 40 || !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            || id.hasPrefix("-") || id.hasSuffix("-") {
            errors.append(FieldError(field: "id", message: "A category id uses 1–40 lower-case letters, digits and dashes, starting and ending with a letter or digit."))
        }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 80 { errors.append(FieldError(field: "name", message: "A category needs a name of at most 80 characters.")) }
        if description.count > 500 { errors.append(FieldError(field: "description", message: "At most 500 characters.")) }
        do { try schema.check() } catch let failure as ValidationFailure { errors += failure.errors.map { FieldError(field: "schema." + $0.field, message: $0.message) } }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return CategoryCreated(categoryID: id, name: trimmed, description: description, schema: schema)
    }

    public func decideChangeForm(_ schema: FormSchema) throws -> CategoryFormChanged {
        guard let id else { throw DomainError.notFound("category") }
        do { try schema.check() } catch let failure as ValidationFailure {
            throw ValidationFailure(failure.errors.map { FieldError(field: "schema." + $0.field, message: $0.message) })
        }
        guard schema != self.schema else { throw DomainError.rejected("the form is unchanged") }
        return CategoryFormChanged(categoryID: id, version: formVersion + 1, schema: schema)
    }
}
