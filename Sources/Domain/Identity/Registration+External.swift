import Foundation

/// An account created through an OpenID Connect provider: no password (one can be chosen later with
/// "forgot password"), the provider's identity linked from the start, and the address verified when
/// the provider says it is.
public struct RegisterThroughProvider: Sendable, Equatable {
    public var email: EmailAddress
    public var name: PersonName
    public var emailKey: EmailKey
    public var provider: String
    public var identityKey: ExternalIdentityKey
    public var issuer: String
    public var subject: String
    public var emailVerifiedByProvider: Bool
    /// Used when the provider did not verify the address.
    public var verification: LinkRequest

    public init(email: EmailAddress, name: PersonName, emailKey: EmailKey, provider: String, identityKey: ExternalIdentityKey,
                issuer: String, subject: String, emailVerifiedByProvider: Bool, verification: LinkRequest) {
        self.email = email
        self.name = name
        self.emailKey = emailKey
        self.provider = provider
        self.identityKey = identityKey
        self.issuer = issuer
        self.subject = subject
        self.emailVerifiedByProvider = emailVerifiedByProvider
        self.verification = verification
    }
}

extension Registration {
    /// The events of a registration through a provider, per stream; nil when the address is taken (the
    /// caller then offers to link, or refuses).
    public static func decide(_ command: RegisterThroughProvider, reservation: EmailReservation, policy: SessionPolicy, context: DecisionContext)
        -> (account: AccountID, email: EmailAddressReserved, identity: ExternalIdentityReserved, events: [AccountEvent])? {
        guard reservation.holder == nil else { return nil }
        let id = AccountID(context.newID())
        var events: [AccountEvent] = [
            .registered(CustomerRegistered(accountID: id, emailKey: command.emailKey,
                                           personal: .init(email: command.email.value, name: command.name.value, passwordHash: ""))),
            .externalIdentityLinked(ExternalIdentityLinked(accountID: id, provider: command.provider, identityKey: command.identityKey,
                                                           personal: .init(issuer: command.issuer, subject: command.subject))),
        ]
        if command.emailVerifiedByProvider {
            events.append(.emailVerifiedByProvider(EmailVerifiedByProvider(accountID: id, provider: command.provider)))
        } else {
            events.append(.emailVerificationRequested(EmailVerificationRequested(
                accountID: id, requestID: command.verification.requestID, tokenHash: command.verification.tokenHash,
                expiresAt: context.now.addingTimeInterval(policy.verificationLinkLifetime))))
        }
        return (id, EmailAddressReserved(accountID: id), ExternalIdentityReserved(accountID: id), events)
    }
}
