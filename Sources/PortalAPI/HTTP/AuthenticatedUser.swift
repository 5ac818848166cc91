import Domain
import Foundation

/// The account behind a verified access token.
public struct AuthenticatedUser: Sendable, Equatable {
    public var accountID: AccountID
    public var sessionID: String
}
