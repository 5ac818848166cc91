import Foundation

/// The state of one account, folded from its stream.
public struct Account: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, Equatable { case absent, active, erased }

    /// A single-use link waiting to be opened.
    public struct PendingLink: Sendable, Equatable {
        public var requestID: UUID
        public var tokenHash: String
        public var expiresAt: Date
    }

    public var id: AccountID?
    public var status: Status = .absent
    public var emailKey: EmailKey?
    /// Personal fields; nil once erased (or when read without unsealing).
    public var email: String?
    public var name: String?
    public var passwordHash: String?
    /// Hashes of the current and earlier passwords, newest last (personal; cleared on erasure).
    public var passwordHistory: [String] = []
    public var passwordChangedAt: Date?
    public var registeredAt: Date?
    public var lastSignInAt: Date?
    public var emailVerified = false
    public var pendingVerification: PendingLink?
    public var pendingReset: PendingLink?
    /// Failed password sign-ins since the last success, lock or unlock.
    public var consecutiveFailures = 0
    public var lockedUntil: Date?
    public var lockLevel = 0
    public var lastLockedAt: Date?
    public var mustChangePassword = false
    /// Devices this account has signed in from.
    public var knownDevices: Set<String> = []
    public var roles: Set<Role> = []
    /// Provider identities that sign in to this account.
    public var linkedIdentities: Set<ExternalIdentityKey> = []
    /// The authenticator app, when two-factor authentication is on.
    public var twoFactor: TwoFactor?
    /// An enrolment waiting for its confirming code.
    public var pendingEnrollment: (id: UUID, secret: String?)?
    /// Second-factor challenges waiting for their code, by id.
    public var challenges: [UUID: Challenge] = [:]

    /// An enabled authenticator: its secret (sealed; nil when read without unsealing) and what is left
    /// of the recovery codes.
    public struct TwoFactor: Sendable, Equatable {
        public var secret: String?
        public var recoveryCodeHashes: [String]
        /// The newest TOTP time step accepted; no code of this step or earlier is accepted again.
        public var lastUsedStep: Int64

        public init(secret: String?, recoveryCodeHashes: [String], lastUsedStep: Int64) {
            self.secret = secret
            self.recoveryCodeHashes = recoveryCodeHashes
            self.lastUsedStep = lastUsedStep
        }
    }

    /// A second factor asked for after a right password.
    public struct Challenge: Sendable, Equatable {
        public var method: SecondFactorMethod
        public var reason: SecondFactorRequested.Reason
        public var expiresAt: Date
        public var codeHash: String?
        public var deviceID: String?
    }

    public static func == (a: Account, b: Account) -> Bool {
        a.id == b.id && a.status == b.status && a.passwordHistory == b.passwordHistory && a.consecutiveFailures == b.consecutiveFailures
            && a.lockedUntil == b.lockedUntil && a.twoFactor == b.twoFactor && a.challenges == b.challenges && a.roles == b.roles
            && a.pendingEnrollment?.id == b.pendingEnrollment?.id && a.emailVerified == b.emailVerified && a.knownDevices == b.knownDevices
            && a.email == b.email && a.name == b.name && a.mustChangePassword == b.mustChangePassword
    }

    public init() {}

    /// Folds events, each with the time it was recorded.
    public static func replay(_ events: [(AccountEvent, Date)]) -> Account {
        events.reduce(into: Account()) { state, pair in state = state.evolve(pair.0, at: pair.1) }
    }

    public func isLocked(at now: Date) -> Bool { lockedUntil.map { now < $0 } ?? false }
}

extension Account {
    /// The state after `event`, recorded at `at`.
    public func evolve(_ event: AccountEvent, at: Date) -> Account {
        var s = self
        switch event {
        case .registered(let e):
            s.id = e.accountID
            s.status = .active
            s.emailKey = e.emailKey
            s.email = e.personal?.email
            s.name = e.personal?.name
            s.setPassword(e.personal?.passwordHash, at: at)
            s.registeredAt = at
        case .duplicateRegistrationAttempted:
            break
        case .signedIn(let e):
            s.lastSignInAt = at
            s.consecutiveFailures = 0
            s.lockLevel = 0
            if let device = e.deviceID { s.knownDevices.insert(device) }
            if let challenge = e.challengeID { s.challenges[challenge] = nil }
            if let step = e.totpStep, let last = s.twoFactor?.lastUsedStep { s.twoFactor?.lastUsedStep = max(last, step) }
        case .signInFailed(let e):
            if e.reason == .wrongPassword { s.consecutiveFailures += 1 }
        case .locked(let e):
            s.lockedUntil = e.until
            s.lockLevel = e.level
            s.lastLockedAt = at
            s.consecutiveFailures = 0
        case .unlocked:
            s.lockedUntil = nil
            s.consecutiveFailures = 0
        case .emailVerificationRequested(let e):
            s.pendingVerification = PendingLink(requestID: e.requestID, tokenHash: e.tokenHash, expiresAt: e.expiresAt)
        case .emailVerified:
            s.emailVerified = true
            s.pendingVerification = nil
        case .passwordResetRequested(let e):
            s.pendingReset = PendingLink(requestID: e.requestID, tokenHash: e.tokenHash, expiresAt: e.expiresAt)
        case .passwordReset(let e):
            s.setPassword(e.personal?.passwordHash, at: at)
            s.pendingReset = nil
            s.lockedUntil = nil
            s.consecutiveFailures = 0
            s.mustChangePassword = false
        case .passwordChanged(let e):
            s.setPassword(e.personal?.passwordHash, at: at)
            s.mustChangePassword = false
        case .flaggedCompromised:
            s.mustChangePassword = true
        case .twoFactorEnrollmentStarted(let e):
            s.pendingEnrollment = (e.enrollmentID, e.personal?.secret)
        case .twoFactorEnabled(let e):
            s.twoFactor = TwoFactor(secret: s.pendingEnrollment?.secret, recoveryCodeHashes: e.recoveryCodeHashes, lastUsedStep: e.confirmedStep)
            s.pendingEnrollment = nil
        case .twoFactorDisabled:
            s.twoFactor = nil
            s.pendingEnrollment = nil
        case .recoveryCodesRegenerated(let e):
            s.twoFactor?.recoveryCodeHashes = e.recoveryCodeHashes
        case .recoveryCodeUsed(let e):
            s.twoFactor?.recoveryCodeHashes.removeAll { $0 == e.codeHash }
        case .secondFactorRequested(let e):
            s.challenges = s.challenges.filter { $0.value.expiresAt > at }
            s.challenges[e.challengeID] = Challenge(method: e.method, reason: e.reason, expiresAt: e.expiresAt, codeHash: e.codeHash, deviceID: e.deviceID)
        case .secondFactorFailed:
            s.consecutiveFailures += 1
        case .suspiciousSignInDetected:
            break
        case .externalIdentityLinked(let e):
            s.linkedIdentities.insert(e.identityKey)
        case .emailVerifiedByProvider:
            s.emailVerified = true
            s.pendingVerification = nil
        case .roleGranted(let e):
            s.roles.insert(e.role)
        case .roleRevoked(let e):
            s.roles.remove(e.role)
        case .personalDataErased:
            s.twoFactor = nil
            s.pendingEnrollment = nil
            s.challenges = [:]
            s.roles = []
            s.linkedIdentities = []
            s.status = .erased
            s.email = nil
            s.name = nil
            s.passwordHash = nil
            s.passwordHistory = []
            s.pendingReset = nil
            s.pendingVerification = nil
        }
        return s
    }

    private mutating func setPassword(_ hash: String?, at: Date) {
        passwordHash = hash
        passwordChangedAt = at
        if let hash {
            passwordHistory.append(hash)
            if passwordHistory.count > 10 { passwordHistory.removeFirst(passwordHistory.count - 10) }
        }
    }

    /// The hashes a new password must not match (the current one and those before it).
    public func recentPasswordHashes(depth: Int) -> [String] { Array(passwordHistory.suffix(depth)) }
}
