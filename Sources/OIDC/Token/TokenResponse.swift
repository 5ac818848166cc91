import Foundation

/// The token endpoint's JSON answer (RFC 6749 §5.1, OIDC Core §3.1.3.3), success or error.
struct TokenResponse: Decodable {
    var idToken: String?
    var tokenType: String?
    var accessToken: String?

    enum CodingKeys: String, CodingKey {
        case idToken = "id_token", tokenType = "token_type", accessToken = "access_token"
    }

    /// An OAuth error response (RFC 6749 §5.2).
    struct Failure: Decodable {
        var error: String
        var errorDescription: String?

        enum CodingKeys: String, CodingKey { case error, errorDescription = "error_description" }
    }

    /// Interprets the token endpoint's answer: the ID token on 200, the provider's error otherwise.
    static func idToken(from response: OIDCHTTPResponse) throws(OIDCError) -> String {
        guard response.status == 200 else {
            let failure = try? JSONDecoder().decode(Failure.self, from: response.body)
            throw .tokenEndpointError(
                status: response.status, error: failure?.error ?? "http_\(response.status)",
                description: failure?.errorDescription
            )
        }
        guard let decoded = try? JSONDecoder().decode(Self.self, from: response.body) else {
            throw .invalidTokenResponse("it is not a JSON object")
        }
        guard decoded.tokenType?.lowercased() == "bearer" else {
            throw .invalidTokenResponse("token_type is \(decoded.tokenType ?? "missing"), not Bearer")
        }
        guard let idToken = decoded.idToken, !idToken.isEmpty else {
            throw .invalidTokenResponse("it has no id_token; the provider did not treat this as an OpenID Connect request")
        }
        return idToken
    }
}
