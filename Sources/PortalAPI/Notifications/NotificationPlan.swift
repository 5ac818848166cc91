import Domain
import EventStore
import Foundation
import Projections

/// A mail the outbox owes someone, worked out from one event.
struct NotificationPlan: Sendable {
    var account: AccountID
    var kind: NotificationKind
    /// The link to put in the mail (verification, reset).
    var link: String?
    /// Words about the event: when, from where, until when.
    var facts: [String: String]
}

/// Decides which events deserve an e-mail, and gathers what the mail needs. Events of erased
/// accounts, and links that have already run out, get none.
struct NotificationPlanner: Sendable {
    let links: LinkTokens
    let secondFactors: SecondFactorTokens
    let baseURL: String
    /// Ticket mails (replies, status changes, solved with rating links).
    var tickets: TicketMailPlanner?

    static let eventTypes: Set<String> = TicketMailPlanner.eventTypes.union([
        EmailVerificationRequested.eventType, PasswordResetRequested.eventType, PasswordReset.eventType, PasswordChanged.eventType,
        CustomerSignedIn.eventType, AccountLocked.eventType, RefreshTokenReuseDetected.eventType,
        DuplicateRegistrationAttempted.eventType, AccountFlaggedCompromised.eventType, SecondFactorRequested.eventType,
        TwoFactorEnabled.eventType, TwoFactorDisabled.eventType,
    ])

    func plan(_ record: RecordedEvent, now: Date) throws -> NotificationPlan? {
        if TicketMailPlanner.eventTypes.contains(record.type) { return try tickets?.plan(record) }
        let when = Self.format(record.recordedAt)
        let ip = record.metadata.clientIP ?? "an unknown address"
        switch try record.domainEvent() {
        case let e as EmailVerificationRequested:
            guard e.expiresAt > now else { return nil }
            return NotificationPlan(account: e.accountID, kind: .verifyEmail, link: link("verify-email", e.accountID, e.requestID),
                                    facts: ["expires": Self.format(e.expiresAt)])
        case let e as PasswordResetRequested:
            guard e.expiresAt > now else { return nil }
            return NotificationPlan(account: e.accountID, kind: .resetPassword, link: link("reset-password", e.accountID, e.requestID),
                                    facts: ["expires": Self.format(e.expiresAt), "ip": ip])
        case let e as PasswordReset:
            return NotificationPlan(account: e.accountID, kind: .passwordReset, facts: ["when": when, "ip": ip])
        case let e as PasswordChanged:
            return NotificationPlan(account: e.accountID, kind: .passwordChanged, facts: ["when": when, "ip": ip])
        case let e as CustomerSignedIn:
            guard e.newDevice else { return nil }
            return NotificationPlan(account: e.accountID, kind: .newDeviceSignIn,
                                    facts: ["when": when, "ip": ip, "device": DeviceName.describe(e.personal?.userAgent)])
        case let e as AccountLocked:
            return NotificationPlan(account: e.accountID, kind: .accountLocked, facts: ["until": Self.format(e.until), "failures": String(e.failures)])
        case let e as RefreshTokenReuseDetected:
            return NotificationPlan(account: e.accountID, kind: .refreshTokenReused, facts: ["when": when, "ip": ip])
        case let e as DuplicateRegistrationAttempted:
            return NotificationPlan(account: e.accountID, kind: .duplicateRegistration, facts: ["when": when, "ip": ip])
        case let e as AccountFlaggedCompromised:
            return NotificationPlan(account: e.accountID, kind: .accountFlaggedCompromised, facts: ["when": when])
        case let e as SecondFactorRequested:
            guard e.reason == .riskySignIn, e.expiresAt > now else { return nil }
            let device = DeviceName.describe(e.personal?.userAgent)
            if e.method == .emailCode {
                return NotificationPlan(account: e.accountID, kind: .signInCode,
                                        facts: ["code": secondFactors.emailCode(challenge: e.challengeID), "when": when, "ip": ip, "device": device,
                                                "expires": Self.format(e.expiresAt)])
            }
            return NotificationPlan(account: e.accountID, kind: .unusualSignIn, facts: ["when": when, "ip": ip, "device": device])
        case let e as TwoFactorEnabled:
            return NotificationPlan(account: e.accountID, kind: .twoFactorEnabled, facts: ["when": when, "ip": ip])
        case let e as TwoFactorDisabled:
            return NotificationPlan(account: e.accountID, kind: .twoFactorDisabled, facts: ["when": when, "ip": ip])
        default:
            return nil
        }
    }

    private func link(_ page: String, _ account: AccountID, _ request: UUID) -> String {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        return "\(base)/\(page)?token=\(links.token(account: account, requestID: request))"
    }

    static func format(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "d MMMM yyyy, HH:mm 'UTC'"
        return f.string(from: date)
    }
}
