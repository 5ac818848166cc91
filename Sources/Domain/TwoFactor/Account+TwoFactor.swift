import Foundation

/// What proves the second factor, already checked where checking needs cryptography.
public enum SecondFactorProof: Sendable, Equatable {
    /// A TOTP code; `matchedStep` is the time step (within ±1 of now) whose code it equals, or nil.
    case totp(matchedStep: Int64?)
    /// The keyed hash of a recovery code as typed.
    case recoveryCode(hash: String)
    /// The keyed hash of an e-mailed code as typed.
    case emailCode(hash: String)
}

/// The second step of a sign-in: the challenge and its proof.
public struct CompleteSignIn: Sendable, Equatable {
    public var challengeID: UUID
    public var proof: SecondFactorProof
    public var deviceID: String?
    public var deviceName: String?
    public var refreshTokenHash: String
    public var client: ClientDetails

    public init(challengeID: UUID, proof: SecondFactorProof, deviceID: String?, deviceName: String?, refreshTokenHash: String, client: ClientDetails) {
        self.challengeID = challengeID
        self.proof = proof
        self.deviceID = deviceID
        self.deviceName = deviceName
        self.refreshTokenHash = refreshTokenHash
        self.client = client
    }
}

/// What the second step comes to.
public enum SecondFactorDecision: Sendable, Equatable {
    case signedIn(CustomerSignedIn, SessionStarted, RecoveryCodeUsed?)
    /// A wrong code, recorded; with a lock when it reached the threshold.
    case failed(SecondFactorFailed, AccountLocked?)
    /// Refused without looking at the code: the account is locked.
    case locked(SignInFailed)

    public var accountEvents: [AccountEvent] {
        switch self {
        case let .signedIn(e, _, used): [.signedIn(e)] + (used.map { [.recoveryCodeUsed($0)] } ?? [])
        case let .failed(f, lock): [.secondFactorFailed(f)] + (lock.map { [.locked($0)] } ?? [])
        case let .locked(f): [.signInFailed(f)]
        }
    }
}

/// One message for every unusable challenge: expired, answered, or never issued.
public let challengeRefusedMessage = "This sign-in has expired or was already completed. Sign in again."

extension Account {
    // MARK: Enrolment

    public func decideStartEnrollment(id enrollment: UUID, secret: String) throws -> TwoFactorEnrollmentStarted {
        let id = try requireActive()
        guard twoFactor == nil else { throw DomainError.rejected("two-factor authentication is already on; turn it off first to set up another app") }
        return TwoFactorEnrollmentStarted(accountID: id, enrollmentID: enrollment, personal: .init(secret: secret))
    }

    /// Turns two-factor authentication on once a code from the app matches the pending secret.
    public func decideConfirmEnrollment(matchedStep: Int64?, recoveryCodeHashes: [String]) throws -> TwoFactorEnabled {
        let id = try requireActive()
        guard twoFactor == nil, let pending = pendingEnrollment else { throw DomainError.rejected("start setting up two-factor authentication first") }
        guard let step = matchedStep else {
            throw FieldError(field: "code", message: "This code does not match. Check that your phone's clock is right and enter the code shown now.")
        }
        return TwoFactorEnabled(accountID: id, enrollmentID: pending.id, confirmedStep: step, recoveryCodeHashes: recoveryCodeHashes)
    }

    /// Turns it off; the caller must have checked a fresh password or code (`proven`).
    public func decideDisableTwoFactor(proven: Bool, by actor: String) throws -> TwoFactorDisabled {
        let id = try requireActive()
        guard twoFactor != nil else { throw DomainError.rejected("two-factor authentication is not on") }
        guard proven else { throw FieldError(field: "password", message: "Enter your current password or a code from your app to turn two-factor authentication off.") }
        return TwoFactorDisabled(accountID: id, by: actor)
    }

    public func decideRegenerateRecoveryCodes(proven: Bool, hashes: [String]) throws -> RecoveryCodesRegenerated {
        let id = try requireActive()
        guard twoFactor != nil else { throw DomainError.rejected("two-factor authentication is not on") }
        guard proven else { throw FieldError(field: "password", message: "Enter your current password to make new recovery codes.") }
        return RecoveryCodesRegenerated(accountID: id, recoveryCodeHashes: hashes)
    }

    // MARK: The second step of a sign-in

    /// Decides the second step. A TOTP code must be of a newer time step than any used before (no
    /// replay); a recovery code works once; an e-mailed code only for its own challenge. Wrong codes
    /// count toward the lock like wrong passwords.
    public func decide(_ command: CompleteSignIn, lockout: LockoutPolicy, sessions: SessionPolicy, context: DecisionContext) throws -> SecondFactorDecision {
        guard let id, status == .active else { throw DomainError.notFound("account") }
        let now = context.now
        guard let challenge = challenges[command.challengeID], now < challenge.expiresAt else { throw DomainError.rejected(challengeRefusedMessage) }
        if isLocked(at: now) {
            return .locked(SignInFailed(accountID: id, emailKey: emailKey ?? EmailKey(""), reason: .locked, deviceID: command.deviceID, personal: command.client))
        }
        var method: SecondFactorMethod
        var step: Int64?
        var used: RecoveryCodeUsed?
        var proven = false
        switch command.proof {
        case .totp(let matched):
            method = .totp
            if let matched, let factor = twoFactor, matched > factor.lastUsedStep {
                proven = true
                step = matched
            }
        case .recoveryCode(let hash):
            method = .recoveryCode
            if let factor = twoFactor, factor.recoveryCodeHashes.contains(where: { constantTimeEquals($0, hash) }) {
                proven = true
                used = RecoveryCodeUsed(accountID: id, codeHash: hash, remaining: factor.recoveryCodeHashes.count - 1)
            }
        case .emailCode(let hash):
            method = .emailCode
            proven = challenge.method == .emailCode && challenge.codeHash.map { constantTimeEquals($0, hash) } == true
        }
        guard proven else {
            let failed = SecondFactorFailed(accountID: id, challengeID: command.challengeID, method: method, personal: command.client)
            return .failed(failed, lockAfterFailure(lockout: lockout, now: now))
        }
        let sessionID = context.newID()
        return .signedIn(
            CustomerSignedIn(accountID: id, sessionID: sessionID, deviceID: command.deviceID, newDevice: isNewDevice(command.deviceID),
                             passwordChangeRequired: passwordChangeRequired(sessions: sessions, now: now), secondFactor: method,
                             challengeID: command.challengeID, totpStep: step, personal: command.client),
            Session.start(id: sessionID, account: id, deviceID: command.deviceID, deviceName: command.deviceName,
                          refreshTokenHash: command.refreshTokenHash, client: command.client, policy: sessions, now: now),
            used)
    }

    /// The lock that one more failure brings, if it reaches the threshold.
    func lockAfterFailure(lockout: LockoutPolicy, now: Date) -> AccountLocked? {
        guard let id else { return nil }
        let failures = consecutiveFailures + 1
        guard failures >= lockout.threshold else { return nil }
        let recentLock = lastLockedAt.map { now.timeIntervalSince($0) < lockout.memory } ?? false
        let level = recentLock ? lockLevel + 1 : 1
        return AccountLocked(accountID: id, until: now.addingTimeInterval(lockout.duration(level: level)), level: level, failures: failures)
    }

    /// The first sign-in has nothing to compare with; after that, an unseen device is news to the owner.
    func isNewDevice(_ device: String?) -> Bool {
        lastSignInAt != nil && (device.map { !knownDevices.contains($0) } ?? true)
    }

    func passwordChangeRequired(sessions: SessionPolicy, now: Date) -> Bool {
        let expired = sessions.maximumPasswordAge.map { age in passwordChangedAt.map { now.timeIntervalSince($0) > age } ?? false } ?? false
        return mustChangePassword || expired
    }
}
