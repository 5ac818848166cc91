import Foundation

/// A single-use link's secret, already hashed by the caller, with a fresh request id.
public struct LinkRequest: Sendable, Equatable {
    public var requestID: UUID
    public var tokenHash: String
    public init(requestID: UUID, tokenHash: String) {
        self.requestID = requestID
        self.tokenHash = tokenHash
    }
}

/// Why a link was refused — one message for all cases, so a link reveals nothing about the account.
public let linkRefusedMessage = "This link is invalid, has expired or was already used. Ask for a new one."

extension Account {
    // MARK: E-mail verification

    public func decideVerificationRequest(_ link: LinkRequest, policy: SessionPolicy, now: Date) throws -> EmailVerificationRequested {
        let id = try requireActive()
        guard !emailVerified else { throw DomainError.rejected("the e-mail address is already verified") }
        return EmailVerificationRequested(accountID: id, requestID: link.requestID, tokenHash: link.tokenHash,
                                          expiresAt: now.addingTimeInterval(policy.verificationLinkLifetime))
    }

    /// Accepts the newest verification link once, before it expires.
    public func decideVerifyEmail(presentedTokenHash: String, now: Date) throws -> EmailVerified {
        guard let id, status == .active, let pending = pendingVerification, now < pending.expiresAt,
              constantTimeEquals(pending.tokenHash, presentedTokenHash)
        else { throw DomainError.rejected(linkRefusedMessage) }
        return EmailVerified(accountID: id, requestID: pending.requestID)
    }

    // MARK: Password reset

    public func decideResetRequest(_ link: LinkRequest, policy: SessionPolicy, now: Date) throws -> PasswordResetRequested {
        let id = try requireActive()
        return PasswordResetRequested(accountID: id, requestID: link.requestID, tokenHash: link.tokenHash,
                                      expiresAt: now.addingTimeInterval(policy.resetLinkLifetime))
    }

    /// Replaces the password through the newest reset link, once, before it expires. Lifts a lock.
    /// `reusesRecentPassword` is the caller's check of the new password against ``recentPasswordHashes(depth:)``.
    public func decideReset(presentedTokenHash: String, newPasswordHash: String, reusesRecentPassword: Bool, now: Date) throws -> [AccountEvent] {
        guard let id, status == .active, let pending = pendingReset, now < pending.expiresAt,
              constantTimeEquals(pending.tokenHash, presentedTokenHash)
        else { throw DomainError.rejected(linkRefusedMessage) }
        guard !reusesRecentPassword else { throw Self.recentPasswordError(field: "newPassword") }
        var events: [AccountEvent] = [.passwordReset(PasswordReset(accountID: id, requestID: pending.requestID, personal: .init(passwordHash: newPasswordHash)))]
        if isLocked(at: now) { events.append(.unlocked(AccountUnlocked(accountID: id, by: "password reset"))) }
        return events
    }

    // MARK: Password change

    /// Changes the password of a signed-in customer who proved the current one.
    public func decideChangePassword(currentMatches: Bool, newPasswordHash: String, reusesRecentPassword: Bool, session: UUID?) throws -> PasswordChanged {
        let id = try requireActive()
        guard currentMatches else { throw FieldError(field: "currentPassword", message: "This is not your current password.") }
        guard !reusesRecentPassword else { throw Self.recentPasswordError(field: "newPassword") }
        return PasswordChanged(accountID: id, sessionID: session, personal: .init(passwordHash: newPasswordHash))
    }

    static func recentPasswordError(field: String) -> FieldError {
        FieldError(field: field, message: "You used this password recently; choose one you have not used before.")
    }
}
