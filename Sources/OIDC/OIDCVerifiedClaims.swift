import Foundation

/// Who signed in, as the provider vouched for it in a verified ID token.
///
/// Link accounts by (``issuer``, ``subject``), which is stable and unique; treat ``email`` as
/// a contact address that proves nothing unless ``emailVerified`` is true.
public struct OIDCVerifiedClaims: Sendable, Codable, Hashable {
    /// The provider (`iss`).
    public var issuer: String
    /// The user's identifier at the provider (`sub`).
    public var subject: String
    /// The e-mail address, if the provider shared it.
    public var email: String?
    /// Whether the provider verified ``email`` (`email_verified`, as a boolean or the string "true").
    public var emailVerified: Bool
    /// The display name, if shared.
    public var name: String?
    /// When the ID token was issued (`iat`).
    public var issuedAt: Date
    /// When the ID token expires (`exp`).
    public var expiresAt: Date
    /// When the user last authenticated at the provider (`auth_time`), if given.
    public var authenticatedAt: Date?

    /// Creates claims (the relying party makes the real ones).
    public init(
        issuer: String, subject: String, email: String?, emailVerified: Bool, name: String?,
        issuedAt: Date, expiresAt: Date, authenticatedAt: Date? = nil
    ) {
        self.issuer = issuer
        self.subject = subject
        self.email = email
        self.emailVerified = emailVerified
        self.name = name
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.authenticatedAt = authenticatedAt
    }
}
