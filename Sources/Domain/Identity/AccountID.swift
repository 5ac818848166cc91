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
        let c = try decoder.singleValueContainer()
        guard let u = UUID(uuidString: try c.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an account id")
        }
        uuid = u
    }

    /// Encoded in lower case, as in stream names.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// The account's stream and data subject.
    public var stream: String { "account-\(uuid.uuidString.lowercased())" }
    public var description: String { uuid.uuidString.lowercased() }

    /// The account id of an `account-<uuid>` stream name.
    /// Projections call this for every event they fold, so it parses the bytes directly instead of
    /// going through `UUID(uuidString:)`.
    public init?(stream: String) {
        var text = stream
        guard let u = text.withUTF8({ Self.parse($0) }) else { return nil }
        uuid = u
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard b.count == 8 + 36, b.prefix(8).elementsEqual("account-".utf8) else { return nil }
        var raw = [UInt8](repeating: 0, count: 16)
        var i = 8, n = 0
        while n < 16 {
            if i == 16 || i == 21 || i == 26 || i == 31 {
                guard b[i] == UInt8(ascii: "-") else { return nil }
                i += 1
            }
            guard let hi = hex(b[i]), let lo = hex(b[i + 1]) else { return nil }
            raw[n] = hi << 4 | lo
            n += 1
            i += 2
        }
        return UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]))
    }

    @inline(__always) private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
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
