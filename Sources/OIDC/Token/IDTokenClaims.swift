import Foundation
import JWTKit

/// The claims of an ID token as sent, before validation. Every member is optional and read
/// leniently so that ``IDTokenValidator`` can say which claim is missing or wrong instead of
/// a generic decoding failure.
struct IDTokenClaims: JWTPayload {
    var iss: String?
    var sub: String?
    var aud: [String]?
    var azp: String?
    var exp: Double?
    var iat: Double?
    var authTime: Double?
    var nonce: String?
    var email: String?
    var emailVerified: Bool?
    var name: String?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, azp, exp, iat, nonce, email, name
        case authTime = "auth_time", emailVerified = "email_verified"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        iss = try? c.decodeIfPresent(String.self, forKey: .iss)
        sub = try? c.decodeIfPresent(String.self, forKey: .sub)
        // `aud` is a string or an array of strings (RFC 7519 §4.1.3).
        if let single = try? c.decodeIfPresent(String.self, forKey: .aud) {
            aud = [single]
        } else {
            aud = try? c.decodeIfPresent([String].self, forKey: .aud)
        }
        azp = try? c.decodeIfPresent(String.self, forKey: .azp)
        exp = try? c.decodeIfPresent(Double.self, forKey: .exp)
        iat = try? c.decodeIfPresent(Double.self, forKey: .iat)
        authTime = try? c.decodeIfPresent(Double.self, forKey: .authTime)
        nonce = try? c.decodeIfPresent(String.self, forKey: .nonce)
        email = try? c.decodeIfPresent(String.self, forKey: .email)
        name = try? c.decodeIfPresent(String.self, forKey: .name)
        // Some providers send `email_verified` as the string "true".
        if let flag = try? c.decodeIfPresent(Bool.self, forKey: .emailVerified) {
            emailVerified = flag
        } else if let text = try? c.decodeIfPresent(String.self, forKey: .emailVerified) {
            emailVerified = text.lowercased() == "true"
        }
    }

    /// Claims are checked by ``IDTokenValidator`` with the relying party's clock and settings,
    /// not here, so that every failure has its own ``OIDCError``.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
