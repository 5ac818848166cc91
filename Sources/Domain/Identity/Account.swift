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
        case .personalDataErased:
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
