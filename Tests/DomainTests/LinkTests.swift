import Domain
import Foundation
import Testing

@Suite("Verification and reset links, password history")
struct LinkTests {
    let policy = SessionPolicy()
    let now = FixedContext.now

    func resetRequested(_ hash: String = "reset", at: Date = FixedContext.now) -> AccountEvent {
        .passwordResetRequested(PasswordResetRequested(accountID: Fixtures.accountID, requestID: UUID(), tokenHash: hash, expiresAt: at.addingTimeInterval(3600)))
    }

    @Test func registrationAsksForVerification() {
        let command = RegisterCustomer(email: try! EmailAddress("ann@example.com"), name: try! PersonName("Ann"), emailKey: Fixtures.emailKey,
                                       passwordHash: "h", verification: Fixtures.verification)
        guard case .created(_, _, _, let verification) = Registration.decide(command, reservation: EmailReservation(), policy: policy, context: FixedContext.make()) else {
            Issue.record("expected a new account")
            return
        }
        #expect(verification.tokenHash == "verify-hash")
        #expect(verification.expiresAt == now.addingTimeInterval(policy.verificationLinkLifetime))
    }

    @Test func aVerificationLinkWorksOnceBeforeItExpires() throws {
        let requested = EmailVerificationRequested(accountID: Fixtures.accountID, requestID: Fixtures.verification.requestID, tokenHash: "v1", expiresAt: now.addingTimeInterval(3600))
        let s = AccountScenario.given(Fixtures.registered, .emailVerificationRequested(requested))
        #expect(throws: DomainError.rejected(linkRefusedMessage)) { try s.state.decideVerifyEmail(presentedTokenHash: "other", now: now) }
        #expect(throws: DomainError.rejected(linkRefusedMessage)) { try s.state.decideVerifyEmail(presentedTokenHash: "v1", now: now.addingTimeInterval(3601)) }
        let verified = try s.state.decideVerifyEmail(presentedTokenHash: "v1", now: now.addingTimeInterval(60))
        let after = s.and([.emailVerified(verified)])
        #expect(after.state.emailVerified)
        #expect(throws: DomainError.rejected(linkRefusedMessage)) { try after.state.decideVerifyEmail(presentedTokenHash: "v1", now: now.addingTimeInterval(61)) }
        #expect(throws: DomainError.rejected("the e-mail address is already verified")) {
            try after.state.decideVerificationRequest(LinkRequest(requestID: UUID(), tokenHash: "v2"), policy: policy, now: now)
        }
    }

    @Test func aNewerLinkReplacesTheOlderOne() throws {
        let s = AccountScenario.given(Fixtures.registered, resetRequested("first"), resetRequested("second"))
        #expect(throws: DomainError.rejected(linkRefusedMessage)) {
            try s.state.decideReset(presentedTokenHash: "first", newPasswordHash: "n", reusesRecentPassword: false, now: now)
        }
        _ = try s.state.decideReset(presentedTokenHash: "second", newPasswordHash: "n", reusesRecentPassword: false, now: now)
    }

    @Test func aResetLinkWorksOnceWithinTheHour() throws {
        let s = AccountScenario.given(Fixtures.registered, resetRequested())
        #expect(throws: DomainError.rejected(linkRefusedMessage)) {
            try s.state.decideReset(presentedTokenHash: "reset", newPasswordHash: "n", reusesRecentPassword: false, now: now.addingTimeInterval(3601))
        }
        let events = try s.state.decideReset(presentedTokenHash: "reset", newPasswordHash: "n", reusesRecentPassword: false, now: now.addingTimeInterval(3599))
        #expect(events.count == 1)
        let after = s.and(events)
        #expect(after.state.passwordHash == "n")
        #expect(throws: DomainError.rejected(linkRefusedMessage)) {
            try after.state.decideReset(presentedTokenHash: "reset", newPasswordHash: "m", reusesRecentPassword: false, now: now.addingTimeInterval(3599))
        }
    }

    @Test func resetLinksNeverLiveLongerThanAnHour() {
        #expect(SessionPolicy(resetLinkLifetime: 24 * 3600).resetLinkLifetime == 3600)
    }

    @Test func recentPasswordsCannotBeReused() throws {
        var s = AccountScenario.given(Fixtures.registered)
        for i in 1...6 {
            s = s.and([.passwordChanged(PasswordChanged(accountID: Fixtures.accountID, sessionID: nil, personal: .init(passwordHash: "h\(i)")))])
        }
        #expect(s.state.recentPasswordHashes(depth: 5) == ["h2", "h3", "h4", "h5", "h6"])
        #expect(throws: FieldError.self) {
            try s.state.decideChangePassword(currentMatches: true, newPasswordHash: "x", reusesRecentPassword: true, session: nil)
        }
        #expect(throws: FieldError(field: "currentPassword", message: "This is not your current password.")) {
            try s.state.decideChangePassword(currentMatches: false, newPasswordHash: "x", reusesRecentPassword: false, session: nil)
        }
        let changed = try s.state.decideChangePassword(currentMatches: true, newPasswordHash: "x", reusesRecentPassword: false, session: nil)
        #expect(changed.personal?.passwordHash == "x")
        let withReset = s.and([resetRequested()])
        #expect(throws: FieldError.self) {
            try withReset.state.decideReset(presentedTokenHash: "reset", newPasswordHash: "h6", reusesRecentPassword: true, now: now)
        }
    }

    @Test func erasureForgetsLinksAndHistory() {
        let s = AccountScenario.given(Fixtures.registered, resetRequested(), .personalDataErased(PersonalDataErased(accountID: Fixtures.accountID, erasedBy: "x")))
        #expect(s.state.pendingReset == nil && s.state.passwordHistory.isEmpty)
        #expect(throws: DomainError.self) { try s.state.decideResetRequest(LinkRequest(requestID: UUID(), tokenHash: "h"), policy: policy, now: now) }
    }
}
