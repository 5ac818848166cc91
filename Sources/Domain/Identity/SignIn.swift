import Foundation

/// A sign-in attempt for a known account, with the outcome of the (slow, impure) password check.
public struct SignIn: Sendable, Equatable {
    public var emailKey: EmailKey
    public var passwordMatches: Bool
    public var deviceID: String?
    public var client: ClientDetails

    public init(emailKey: EmailKey, passwordMatches: Bool, deviceID: String?, client: ClientDetails) {
        self.emailKey = emailKey
        self.passwordMatches = passwordMatches
        self.deviceID = deviceID
        self.client = client
    }
}

extension Account {
    /// Decides a sign-in: a session for the right password on an active account, a recorded
    /// failure otherwise. Throws only when the account does not exist.
    public func decide(_ command: SignIn, context: DecisionContext) throws -> AccountEvent {
        guard let id, status != .absent else { throw DomainError.notFound("account") }
        let reason: SignInFailureReason? =
            switch status {
            case .erased: .accountErased
            case .active where !command.passwordMatches: .wrongPassword
            default: nil
            }
        if let reason {
            return .signInFailed(SignInFailed(accountID: id, emailKey: command.emailKey, reason: reason, deviceID: command.deviceID, personal: command.client))
        }
        return .signedIn(CustomerSignedIn(accountID: id, sessionID: context.newID(), deviceID: command.deviceID, personal: command.client))
    }

    /// The failure recorded for an address that has no account (stream `signin-<emailKey>`).
    public static func unknownAccountSignIn(emailKey: EmailKey, deviceID: String?) -> SignInFailed {
        SignInFailed(accountID: nil, emailKey: emailKey, reason: .unknownAccount, deviceID: deviceID, personal: nil)
    }

    /// Erases the account's personal data; the address is released for a new registration.
    public func decideErasure(by actor: String) throws -> (PersonalDataErased, EmailAddressReleased) {
        guard let id, status != .absent else { throw DomainError.notFound("account") }
        guard status != .erased else { throw DomainError.rejected("the account's personal data has already been erased") }
        return (PersonalDataErased(accountID: id, erasedBy: actor), EmailAddressReleased(accountID: id))
    }
}

/// Stream names of the identity area.
public enum IdentityStreams {
    /// Failed sign-ins for addresses that have no account.
    public static func unknownSignIns(_ key: EmailKey) -> String { "signin-\(key.value)" }
}
