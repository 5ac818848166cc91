import Foundation

/// A syntactically valid e-mail address in its normalized form: trimmed, Unicode NFC, lower-cased.
///
/// Lower-casing the local part treats `Ann@x.org` and `ann@x.org` as one account, which is what
/// people expect even though RFC 5321 lets a server distinguish them.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping.lowercased()
        func fail(_ message: String) -> FieldError { FieldError(field: "email", message: message) }
        guard !text.isEmpty else { throw fail("Enter your e-mail address.") }
        guard text.utf8.count <= 254 else { throw fail("An e-mail address can have at most 254 characters.") }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw fail("Enter an e-mail address like name@example.com.")
        }
        let local = parts[0], domain = parts[1]
        guard local.utf8.count <= 64 else { throw fail("The part before @ can have at most 64 characters.") }
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || "<>()[]\\,;:\"".unicodeScalars.contains($0) })
        else { throw fail("An e-mail address cannot contain spaces or any of < > ( ) [ ] \\ , ; : \".") }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            throw fail("The part before @ cannot start or end with a dot or contain two dots in a row.")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            throw fail("The part after @ must be a domain like example.com.")
        }
        value = text
    }

    public var description: String { value }
}
