import JWTKit

/// The claims the test provider puts in an ID token. Members are loosely typed so that
/// misbehaviours can send what a broken provider would.
struct IDTokenPayload: JWTPayload {
    /// A string or an array, as `aud` may be.
    enum Audience: Codable, Sendable {
        case one(String)
        case many([String])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .one(let value): try container.encode(value)
            case .many(let values): try container.encode(values)
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(String.self) { self = .one(value) } else { self = .many(try container.decode([String].self)) }
        }
    }

    /// A boolean, or the same as a string for providers that send "true".
    enum Flag: Codable, Sendable {
        case bool(Bool)
        case string(String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .bool(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) { self = .bool(value) } else { self = .string(try container.decode(String.self)) }
        }
    }

    var iss: String
    var sub: String
    var aud: Audience
    var azp: String?
    var exp: Int
    var iat: Int
    var authTime: Int
    var nonce: String?
    var email: String
    var emailVerified: Flag
    var name: String

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, azp, exp, iat, nonce, email, name
        case authTime = "auth_time", emailVerified = "email_verified"
    }

    /// The provider signs; it has nothing to verify.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
