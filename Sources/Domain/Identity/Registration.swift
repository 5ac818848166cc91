import Foundation

/// What a visitor typed into the sign-up form, before it is trusted.
public struct RegistrationForm: Sendable {
    public var email: String
    public var password: String
    public var name: String

    public init(email: String, password: String, name: String) {
        self.email = email
        self.password = password
        self.name = name
    }

    /// Checks every field and reports all problems at once.
    public func validate(policy: PasswordPolicy) throws -> (email: EmailAddress, name: PersonName) {
        var email: EmailAddress?
        var name: PersonName?
        try ValidationFailure.collect([
            { email = try EmailAddress(self.email) },
            { name = try PersonName(self.name) },
            { try policy.check(self.password, email: email?.value ?? self.email, name: name?.value ?? self.name) },
        ])
        return (email!, name!)
    }
}

/// Register a new customer. The password is already hashed; the e-mail key already computed.
public struct RegisterCustomer: Sendable, Equatable {
    public var email: EmailAddress
    public var name: PersonName
    public var emailKey: EmailKey
    public var passwordHash: String
    /// The verification link that goes out with the welcome mail.
    public var verification: LinkRequest

    public init(email: EmailAddress, name: PersonName, emailKey: EmailKey, passwordHash: String, verification: LinkRequest) {
        self.email = email
        self.name = name
        self.emailKey = emailKey
        self.passwordHash = passwordHash
        self.verification = verification
    }
}

/// The events a registration produces, per stream.
public enum RegistrationDecision: Sendable, Equatable {
    /// A new account: the reservation and the account's first events, to be appended atomically.
    case created(AccountID, reservation: EmailAddressReserved, account: CustomerRegistered, verification: EmailVerificationRequested)
    /// The address is taken: only the owner's stream learns of the attempt.
    case alreadyRegistered(AccountID, DuplicateRegistrationAttempted)
}

public enum Registration {
    /// Decides a registration against the address's reservation.
    public static func decide(_ command: RegisterCustomer, reservation: EmailReservation, policy: SessionPolicy, context: DecisionContext) -> RegistrationDecision {
        if let holder = reservation.holder {
            return .alreadyRegistered(holder, DuplicateRegistrationAttempted(accountID: holder))
        }
        let id = AccountID(context.newID())
        return .created(
            id,
            reservation: EmailAddressReserved(accountID: id),
            account: CustomerRegistered(
                accountID: id, emailKey: command.emailKey,
                personal: .init(email: command.email.value, name: command.name.value, passwordHash: command.passwordHash)),
            verification: EmailVerificationRequested(
                accountID: id, requestID: command.verification.requestID, tokenHash: command.verification.tokenHash,
                expiresAt: context.now.addingTimeInterval(policy.verificationLinkLifetime)))
    }
}
