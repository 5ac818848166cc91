import Foundation

/// Identifies a customer account. The account's stream is `account-<uuid>`, which is also the data
/// subject under whose key its personal data is sealed.
public struct AccountID: Sendable, Hashable, Codable, CustomStringConvertible {
    public let uuid: UUID

    public init(_ uuid: UUID) { self.uuid = uuid }

    public init?(_ text: String) {
        guard let u = UUID(uuidString: text) else { return nil }
        uuid = u
    }

    public init(from decoder: any Decoder) throws {
        uuid = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(uuid)
    }

    /// The account's stream and data subject.
    public var stream: String { "account-\(uuid.uuidString.lowercased())" }
    public var description: String { uuid.uuidString.lowercased() }

    /// The account id of an `account-<uuid>` stream name.
    public init?(stream: String) {
        guard stream.hasPrefix("account-"), let u = UUID(uuidString: String(stream.dropFirst(8))) else { return nil }
        uuid = u
    }
}

/// A keyed hash of a normalized e-mail address (hex). It names the address's reservation stream and
/// lets projections find an account by e-mail without storing the address in the clear.
public struct EmailKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }

    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }

    /// The stream that reserves this address for one account.
    public var reservationStream: String { "email-\(value)" }
    public var description: String { value }
}
