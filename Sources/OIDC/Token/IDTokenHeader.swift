import Foundation

/// The JOSE header of an ID token, read before any key is chosen.
struct IDTokenHeader: Decodable {
    var alg: String
    var kid: String?
    var crit: [String]?

    /// Splits a compact JWS and decodes its header. Encrypted ID tokens (JWE, five parts) are
    /// not supported and are reported as such.
    static func decode(_ token: String) throws(OIDCError) -> Self {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count != 5 else { throw .malformedIDToken("encrypted ID tokens (JWE) are not supported") }
        guard parts.count == 3 else { throw .malformedIDToken("it does not have three dot-separated parts") }
        guard let json = Base64URL.decode(parts[0]) else { throw .malformedIDToken("the header is not base64url") }
        let header: Self
        do {
            header = try JSONDecoder().decode(Self.self, from: json)
        } catch {
            throw .malformedIDToken("the header is not a JSON object with an alg")
        }
        // RFC 7515 §4.1.11: extensions marked critical must be understood; none are.
        if let crit = header.crit {
            throw .malformedIDToken("it requires unsupported header extensions \(crit.joined(separator: ", "))")
        }
        return header
    }
}
