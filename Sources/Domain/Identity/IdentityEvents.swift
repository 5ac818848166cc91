import Foundation

/// An e-mail address was reserved for an account (stream `email-<key>`). Appended atomically with
/// the account's first event, so two registrations of one address cannot both succeed.
public struct EmailAddressReserved: DomainEvent {
    public static let eventType = "EmailAddressReserved"
    public var accountID: AccountID
    public init(accountID: AccountID) { self.accountID = accountID }
}

/// A reserved address was released (its account was erased), so it can be registered again.
public struct EmailAddressReleased: DomainEvent {
    public static let eventType = "EmailAddressReleased"
    public var accountID: AccountID
    public init(accountID: AccountID) { self.accountID = accountID }
}

/// A customer created an account.
public struct CustomerRegistered: DomainEvent {
    public static let eventType = "CustomerRegistered"
    public struct Personal: Codable, Sendable, Equatable {
        public var email: String
        public var name: String
        /// Argon2id hash string (`$argon2id$…`); never the password.
        public var passwordHash: String
        public init(email: String, name: String, passwordHash: String) {
            self.email = email
            self.name = name
            self.passwordHash = passwordHash
        }
    }
    public var accountID: AccountID
    public var emailKey: EmailKey
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case accountID, emailKey }

    public init(accountID: AccountID, emailKey: EmailKey, personal: Personal?) {
        self.accountID = accountID
        self.emailKey = emailKey
        self.personal = personal
    }
}

/// Someone tried to register an address that already has an account. The visitor got the same answer
/// as a successful registration; the owner learns of it from this event (security log, notice).
public struct DuplicateRegistrationAttempted: DomainEvent {
    public static let eventType = "DuplicateRegistrationAttempted"
    public var accountID: AccountID
    public init(accountID: AccountID) { self.accountID = accountID }
}

/// Details of the client behind a sign-in attempt, sealed with the event.
public struct ClientDetails: Codable, Sendable, Equatable {
    public var userAgent: String?
    public init(userAgent: String?) { self.userAgent = userAgent }
}

/// A customer signed in and a session began.
public struct CustomerSignedIn: DomainEvent {
    public static let eventType = "CustomerSignedIn"
    public var accountID: AccountID
    public var sessionID: UUID
    public var deviceID: String?
    /// The account had never signed in from this device (its owner is told).
    public var newDevice: Bool
    /// The password has expired or the account was flagged as compromised: the session may only
    /// change the password.
    public var passwordChangeRequired: Bool
    /// How the second factor was proven, when one was asked for.
    public var secondFactor: SecondFactorMethod?
    /// The challenge this sign-in answered.
    public var challengeID: UUID?
    /// The TOTP time step used; it cannot be used again.
    public var totpStep: Int64?
    /// Set when the customer signed in with an OpenID Connect provider instead of a password.
    public var identityProvider: String?
    public var personal: ClientDetails?

    enum CodingKeys: String, CodingKey { case accountID, sessionID, deviceID, newDevice, passwordChangeRequired, secondFactor, challengeID, totpStep, identityProvider }

    public init(accountID: AccountID, sessionID: UUID, deviceID: String?, newDevice: Bool = false, passwordChangeRequired: Bool = false,
                secondFactor: SecondFactorMethod? = nil, challengeID: UUID? = nil, totpStep: Int64? = nil, identityProvider: String? = nil,
                personal: ClientDetails?) {
        self.accountID = accountID
        self.sessionID = sessionID
        self.deviceID = deviceID
        self.newDevice = newDevice
        self.passwordChangeRequired = passwordChangeRequired
        self.secondFactor = secondFactor
        self.challengeID = challengeID
        self.totpStep = totpStep
        self.identityProvider = identityProvider
        self.personal = personal
    }
}

/// Why a sign-in failed. Clients only ever learn "wrong e-mail or password".
public enum SignInFailureReason: String, Codable, Sendable, Equatable {
    case wrongPassword
    case unknownAccount
    case accountErased
    /// The account was temporarily locked after repeated failures; the password was not checked.
    case locked
    /// The sign-in needed a solved CAPTCHA and came without one; the password was not checked. Counts
    /// for the network (credential-stuffing detection), not toward the account's lock.
    case captchaMissing
}

/// A sign-in attempt failed. For a known account it is in the account's stream; for an unknown
/// address in `signin-<emailKey>`, where nothing is sealed and the IP is kept only as its network.
public struct SignInFailed: DomainEvent {
    public static let eventType = "SignInFailed"
    public var accountID: AccountID?
    public var emailKey: EmailKey
    public var reason: SignInFailureReason
    public var deviceID: String?
    public var personal: ClientDetails?

    enum CodingKeys: String, CodingKey { case accountID, emailKey, reason, deviceID }

    public init(accountID: AccountID?, emailKey: EmailKey, reason: SignInFailureReason, deviceID: String?, personal: ClientDetails?) {
        self.accountID = accountID
        self.emailKey = emailKey
        self.reason = reason
        self.deviceID = deviceID
        self.personal = personal
    }
}

/// An account's personal data was crypto-shredded on request (`portalctl erase-subject`).
public struct PersonalDataErased: DomainEvent {
    public static let eventType = "PersonalDataErased"
    public var accountID: AccountID
    /// Who ordered the erasure (an admin's name or `portalctl`).
    public var erasedBy: String
    public init(accountID: AccountID, erasedBy: String) {
        self.accountID = accountID
        self.erasedBy = erasedBy
    }
}
