import Domain
import Foundation
import Hummingbird

extension IdentityService {
    /// The signed-in customer's profile; nil when the account is absent or erased.
    public struct Profile: Sendable, Codable, Equatable, ResponseEncodable {
        public var id: String
        public var email: String
        public var name: String
        /// Unverified accounts can sign in but cannot open tickets until they open their verification link.
        public var emailVerified: Bool
        /// Why the password must be changed before anything else: `flagged` (an admin marked the account
        /// as compromised) or `expired`; nil when it need not be.
        public var passwordChangeReason: String?
        /// Whether two-factor authentication is on.
        public var twoFactorEnabled: Bool
    }

    public func profile(_ id: AccountID) throws -> Profile? {
        let account = try repository.load(id).account
        guard account.status == .active, let email = account.email, let name = account.name else { return nil }
        let reason: String? = account.mustChangePassword ? "flagged" : passwordChangeRequired(account) ? "expired" : nil
        return Profile(id: id.description, email: email, name: name, emailVerified: account.emailVerified, passwordChangeReason: reason,
                       twoFactorEnabled: account.twoFactor != nil)
    }

    /// Whether the account exists and is active (access tokens of erased accounts stop working).
    public func isActive(_ id: AccountID) throws -> Bool {
        try repository.load(id).account.status == .active
    }
}
