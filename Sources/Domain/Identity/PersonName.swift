import Foundation

/// The name a customer wants to be addressed by: 1–100 characters, no control characters.
public struct PersonName: Sendable, Hashable, Codable {
    public let value: String

    public init(_ raw: String) throws {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !text.isEmpty else { throw FieldError(field: "name", message: "Enter your name.") }
        guard text.count <= 100 else { throw FieldError(field: "name", message: "A name can have at most 100 characters.") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format && $0.value != 0x200D }) else {
            throw FieldError(field: "name", message: "A name cannot contain control characters.")
        }
        value = text
    }
}
