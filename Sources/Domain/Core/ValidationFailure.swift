/// A problem with one input field, in words the person who typed it can act on.
public struct FieldError: Error, Sendable, Equatable, Codable {
    /// The field's name as the client sent it (`email`, `password`, `name`).
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// One or more field errors, reported together so a form can show each next to its field.
public struct ValidationFailure: Error, Sendable, Equatable {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }

    /// Collects the errors of several validations, throwing them together if any failed.
    public static func collect(_ checks: [() throws -> Void]) throws {
        var errors: [FieldError] = []
        for check in checks {
            do { try check() } catch let e as FieldError { errors.append(e) } catch let e as ValidationFailure { errors += e.errors }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}
