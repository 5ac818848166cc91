import Domain
import Foundation

/// The account behind a verified access token.
public struct AuthenticatedUser: Sendable, Equatable {
    public var accountID: AccountID
    public var sessionID: UUID
    /// The session may only change the password or sign out.
    public var passwordChangeRequired: Bool
}
