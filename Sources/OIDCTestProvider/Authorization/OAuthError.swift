/// An OAuth 2.0 error (RFC 6749 §4.1.2.1 and §5.2): a code from the RFC's list and a sentence.
struct OAuthError: Error, Sendable, Codable {
    var error: String
    var errorDescription: String

    enum CodingKeys: String, CodingKey {
        case error, errorDescription = "error_description"
    }

    static func invalidRequest(_ text: String) -> Self { .init(error: "invalid_request", errorDescription: text) }
    static func invalidClient(_ text: String) -> Self { .init(error: "invalid_client", errorDescription: text) }
    static func invalidGrant(_ text: String) -> Self { .init(error: "invalid_grant", errorDescription: text) }
}
