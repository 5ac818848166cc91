/// The events of an account stream.
public enum AccountEvent: Sendable, Equatable {
    case registered(CustomerRegistered)
    case duplicateRegistrationAttempted(DuplicateRegistrationAttempted)
    case signedIn(CustomerSignedIn)
    case signInFailed(SignInFailed)
    case personalDataErased(PersonalDataErased)
    case emailVerificationRequested(EmailVerificationRequested)
    case emailVerified(EmailVerified)
    case passwordResetRequested(PasswordResetRequested)
    case passwordReset(PasswordReset)
    case passwordChanged(PasswordChanged)
    case locked(AccountLocked)
    case unlocked(AccountUnlocked)
    case flaggedCompromised(AccountFlaggedCompromised)
    case twoFactorEnrollmentStarted(TwoFactorEnrollmentStarted)
    case twoFactorEnabled(TwoFactorEnabled)
    case twoFactorDisabled(TwoFactorDisabled)
    case recoveryCodesRegenerated(RecoveryCodesRegenerated)
    case recoveryCodeUsed(RecoveryCodeUsed)
    case secondFactorRequested(SecondFactorRequested)
    case secondFactorFailed(SecondFactorFailed)
    case suspiciousSignInDetected(SuspiciousSignInDetected)
    case roleGranted(RoleGranted)
    case roleRevoked(RoleRevoked)
    case externalIdentityLinked(ExternalIdentityLinked)
    case emailVerifiedByProvider(EmailVerifiedByProvider)

    /// The event as a value of its own type, for encoding.
    public var payload: any DomainEvent {
        switch self {
        case .registered(let e): e
        case .duplicateRegistrationAttempted(let e): e
        case .signedIn(let e): e
        case .signInFailed(let e): e
        case .personalDataErased(let e): e
        case .emailVerificationRequested(let e): e
        case .emailVerified(let e): e
        case .passwordResetRequested(let e): e
        case .passwordReset(let e): e
        case .passwordChanged(let e): e
        case .locked(let e): e
        case .unlocked(let e): e
        case .flaggedCompromised(let e): e
        case .twoFactorEnrollmentStarted(let e): e
        case .twoFactorEnabled(let e): e
        case .twoFactorDisabled(let e): e
        case .recoveryCodesRegenerated(let e): e
        case .recoveryCodeUsed(let e): e
        case .secondFactorRequested(let e): e
        case .secondFactorFailed(let e): e
        case .suspiciousSignInDetected(let e): e
        case .roleGranted(let e): e
        case .roleRevoked(let e): e
        case .externalIdentityLinked(let e): e
        case .emailVerifiedByProvider(let e): e
        }
    }

    /// Wraps a decoded event of an account stream; nil for other types.
    public init?(_ event: any DomainEvent) {
        switch event {
        case let e as CustomerRegistered: self = .registered(e)
        case let e as DuplicateRegistrationAttempted: self = .duplicateRegistrationAttempted(e)
        case let e as CustomerSignedIn: self = .signedIn(e)
        case let e as SignInFailed: self = .signInFailed(e)
        case let e as PersonalDataErased: self = .personalDataErased(e)
        case let e as EmailVerificationRequested: self = .emailVerificationRequested(e)
        case let e as EmailVerified: self = .emailVerified(e)
        case let e as PasswordResetRequested: self = .passwordResetRequested(e)
        case let e as PasswordReset: self = .passwordReset(e)
        case let e as PasswordChanged: self = .passwordChanged(e)
        case let e as AccountLocked: self = .locked(e)
        case let e as AccountUnlocked: self = .unlocked(e)
        case let e as AccountFlaggedCompromised: self = .flaggedCompromised(e)
        case let e as TwoFactorEnrollmentStarted: self = .twoFactorEnrollmentStarted(e)
        case let e as TwoFactorEnabled: self = .twoFactorEnabled(e)
        case let e as TwoFactorDisabled: self = .twoFactorDisabled(e)
        case let e as RecoveryCodesRegenerated: self = .recoveryCodesRegenerated(e)
        case let e as RecoveryCodeUsed: self = .recoveryCodeUsed(e)
        case let e as SecondFactorRequested: self = .secondFactorRequested(e)
        case let e as SecondFactorFailed: self = .secondFactorFailed(e)
        case let e as SuspiciousSignInDetected: self = .suspiciousSignInDetected(e)
        case let e as RoleGranted: self = .roleGranted(e)
        case let e as RoleRevoked: self = .roleRevoked(e)
        case let e as ExternalIdentityLinked: self = .externalIdentityLinked(e)
        case let e as EmailVerifiedByProvider: self = .emailVerifiedByProvider(e)
        default: return nil
        }
    }
}
