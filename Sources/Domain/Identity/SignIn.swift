import Foundation

/// A sign-in attempt for a known account, with the outcome of the (slow, impure) password check.
public struct SignIn: Sendable, Equatable {
    public var emailKey: EmailKey
    public var passwordMatches: Bool
    public var deviceID: String?
    public var deviceName: String?
    /// Hash of the refresh token the new session will start with.
    public var refreshTokenHash: String
    public var client: ClientDetails
    /// How risky this sign-in looks (from the log); a risky one needs a second factor.
    public var risk: RiskAssessment
    /// For an e-mailed code (risky sign-in without an authenticator): the hash of the code to mail.
    public var emailCodeHash: String?
    /// How long a second-factor challenge stays open.
    public var challengeLifetime: TimeInterval
    /// Set when an OpenID Connect provider vouched for the customer (`passwordMatches` is then true).
    public var identityProvider: String?

    public init(emailKey: EmailKey, passwordMatches: Bool, deviceID: String?, deviceName: String? = nil,
                refreshTokenHash: String = "", client: ClientDetails, risk: RiskAssessment = .none,
                emailCodeHash: String? = nil, challengeLifetime: TimeInterval = 600) {
        self.emailKey = emailKey
        self.passwordMatches = passwordMatches
        self.deviceID = deviceID
        self.deviceName = deviceName
        self.refreshTokenHash = refreshTokenHash
        self.client = client
        self.risk = risk
        self.emailCodeHash = emailCodeHash
        self.challengeLifetime = challengeLifetime
        self.identityProvider = nil
    }
}

/// What a sign-in attempt comes to.
public enum SignInDecision: Sendable, Equatable {
    /// Signed in: the account's event and the new session's first event, appended together.
    case signedIn(CustomerSignedIn, SessionStarted)
    /// Refused, and recorded — with a lock when this failure reached the threshold.
    case failed(SignInFailed, AccountLocked?)
    /// The password was right; a second factor comes next (and the sign-in may have looked risky).
    case secondFactorRequired(SecondFactorRequested, SuspiciousSignInDetected?)

    public var accountEvents: [AccountEvent] {
        switch self {
        case .signedIn(let e, _): [.signedIn(e)]
        case .failed(let f, let lock): [.signInFailed(f)] + (lock.map { [.locked($0)] } ?? [])
        case .secondFactorRequired(let r, let s): (s.map { [.suspiciousSignInDetected($0)] } ?? []) + [.secondFactorRequested(r)]
        }
    }
}

extension Account {
    /// Decides a sign-in. A locked account is refused without looking at the password (and the
    /// attempt does not extend the lock); a wrong password counts toward the lock; the right one
    /// starts a session — or asks for a second factor when two-factor authentication is on or the
    /// sign-in looks risky (an authenticator code, or else a code by e-mail). Throws only when the
    /// account does not exist.
    public func decide(_ command: SignIn, lockout: LockoutPolicy, sessions: SessionPolicy, context: DecisionContext) throws -> SignInDecision {
        guard let id, status != .absent else { throw DomainError.notFound("account") }
        let now = context.now
        func failure(_ reason: SignInFailureReason) -> SignInFailed {
            SignInFailed(accountID: id, emailKey: command.emailKey, reason: reason, deviceID: command.deviceID, personal: command.client)
        }
        if status == .erased { return .failed(failure(.accountErased), nil) }
        if isLocked(at: now) { return .failed(failure(.locked), nil) }
        guard command.passwordMatches else { return .failed(failure(.wrongPassword), lockAfterFailure(lockout: lockout, now: now)) }
        if twoFactor != nil || command.risk.isRisky {
            let challengeID = context.newID()
            let method: SecondFactorMethod = twoFactor != nil ? .totp : .emailCode
            let requested = SecondFactorRequested(
                accountID: id, challengeID: challengeID, method: method, reason: command.risk.isRisky ? .riskySignIn : .twoFactorEnabled,
                expiresAt: now.addingTimeInterval(command.challengeLifetime), deviceID: command.deviceID,
                codeHash: method == .emailCode ? command.emailCodeHash : nil, personal: command.client)
            let suspicious = command.risk.isRisky
                ? SuspiciousSignInDetected(accountID: id, challengeID: challengeID, signals: command.risk.signals, score: command.risk.score, personal: command.client)
                : nil
            return .secondFactorRequired(requested, suspicious)
        }
        let sessionID = context.newID()
        return .signedIn(
            CustomerSignedIn(accountID: id, sessionID: sessionID, deviceID: command.deviceID, newDevice: isNewDevice(command.deviceID),
                             passwordChangeRequired: passwordChangeRequired(sessions: sessions, now: now),
                             identityProvider: command.identityProvider, personal: command.client),
            Session.start(id: sessionID, account: id, deviceID: command.deviceID, deviceName: command.deviceName,
                          refreshTokenHash: command.refreshTokenHash, client: command.client, policy: sessions, now: now))
    }

    /// The failure recorded for an address that has no account (stream `signin-<emailKey>`).
    public static func unknownAccountSignIn(emailKey: EmailKey, deviceID: String?) -> SignInFailed {
        SignInFailed(accountID: nil, emailKey: emailKey, reason: .unknownAccount, deviceID: deviceID, personal: nil)
    }

    /// Erases the account's personal data; the address is released for a new registration.
    public func decideErasure(by actor: String) throws -> (PersonalDataErased, EmailAddressReleased) {
        let id = try requireActive()
        return (PersonalDataErased(accountID: id, erasedBy: actor), EmailAddressReleased(accountID: id))
    }

    /// Lifts a lock early (an admin's decision).
    public func decideUnlock(by actor: String, now: Date) throws -> AccountUnlocked {
        let id = try requireActive()
        guard isLocked(at: now) else { throw DomainError.rejected("the account is not locked") }
        return AccountUnlocked(accountID: id, by: actor)
    }

    /// Flags the account as compromised: the next sign-in must change the password first.
    public func decideFlagCompromised(by actor: String) throws -> AccountFlaggedCompromised {
        AccountFlaggedCompromised(accountID: try requireActive(), by: actor)
    }

    public func requireActive() throws -> AccountID {
        guard let id, status != .absent else { throw DomainError.notFound("account") }
        guard status == .active else { throw DomainError.rejected("the account's personal data has been erased") }
        return id
    }
}

/// Stream names of the identity area.
public enum IdentityStreams {
    /// Attempts concerning an address that has no account: failed sign-ins, reset requests.
    public static func unknownSignIns(_ key: EmailKey) -> String { "signin-\(key.value)" }
}
