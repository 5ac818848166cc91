/// How the portal proves its identity at the provider's token endpoint.
public enum OIDCClientAuthentication: String, Sendable, Codable, Hashable, CaseIterable {
    /// HTTP Basic with the form-encoded client id and secret (RFC 6749 §2.3.1); the OIDC default.
    case clientSecretBasic = "client_secret_basic"
    /// `client_id` and `client_secret` as form fields in the request body, for providers that
    /// do not accept Basic.
    case clientSecretPost = "client_secret_post"
}
