import Domain
import Foundation
import Testing

/// Two-factor authentication: enrolment, the second step of a sign-in, and the roles beside it.
/// Every decision gets its time and ids from the test; TOTP codes arrive already matched to a time
/// step (`.totp(matchedStep:)`), so the rules about steps are checked without any clock.
@Suite("Two-factor authentication")
struct TwoFactorTests {
    let enrollment = UUID(uuidString: "0190f5d2-6666-7000-8000-00000000000f")!
    let challenge = UUID(uuidString: "0190f5d2-7777-7000-8000-000000000010")!
    let otherChallenge = UUID(uuidString: "0190f5d2-7777-7000-8000-000000000011")!
    let session = UUID(uuidString: "0190f5d2-2222-7000-8000-00000000000b")!
    let secret = "JBSWY3DPEHPK3PXP"
    let lockout = LockoutPolicy(threshold: 3, baseDuration: 300, maximumDuration: 3600, memory: 24 * 3600)
    let id = Fixtures.accountID

    // MARK: Events and commands

    var started: AccountEvent {
        .twoFactorEnrollmentStarted(TwoFactorEnrollmentStarted(accountID: id, enrollmentID: enrollment, personal: .init(secret: secret)))
    }

    /// Turned on with a code of step 100; three recovery codes (their hashes).
    var enabled: AccountEvent {
        .twoFactorEnabled(TwoFactorEnabled(accountID: id, enrollmentID: enrollment, confirmedStep: 100, recoveryCodeHashes: ["rc-1", "rc-2", "rc-3"]))
    }

    func requested(_ challenge: UUID, _ method: SecondFactorMethod, reason: SecondFactorRequested.Reason = .twoFactorEnabled,
                   codeHash: String? = nil, lifetime: TimeInterval = 600) -> AccountEvent {
        .secondFactorRequested(SecondFactorRequested(accountID: id, challengeID: challenge, method: method, reason: reason,
                                                     expiresAt: FixedContext.now.addingTimeInterval(lifetime), deviceID: "dev-1",
                                                     codeHash: codeHash, personal: Fixtures.client))
    }

    func attempt(matches: Bool, risk: RiskAssessment = .none, emailCodeHash: String? = "mailed-code-hash") -> SignIn {
        SignIn(emailKey: Fixtures.emailKey, passwordMatches: matches, deviceID: "dev-1", deviceName: "Firefox on Linux",
               refreshTokenHash: "rt-hash", client: Fixtures.client, risk: risk, emailCodeHash: emailCodeHash, challengeLifetime: 600)
    }

    func complete(_ proof: SecondFactorProof, challenge: UUID? = nil) -> CompleteSignIn {
        CompleteSignIn(challengeID: challenge ?? self.challenge, proof: proof, deviceID: "dev-1", deviceName: "Firefox on Linux",
                       refreshTokenHash: "rt-hash", client: Fixtures.client)
    }

    func at(_ seconds: TimeInterval) -> DecisionContext { DecisionContext(now: FixedContext.now.addingTimeInterval(seconds), newID: { UUID() }) }

    /// The account with an authenticator, and a challenge open for its code.
    var challenged: AccountScenario { AccountScenario.given(Fixtures.registered, started, enabled, requested(challenge, .totp)) }

    /// What the second step decides when it succeeds with `method`.
    func signedIn(_ method: SecondFactorMethod, step: Int64? = nil, challenge: UUID? = nil, used: RecoveryCodeUsed? = nil) -> SecondFactorDecision {
        .signedIn(
            CustomerSignedIn(accountID: id, sessionID: session, deviceID: "dev-1", newDevice: false, passwordChangeRequired: false,
                             secondFactor: method, challengeID: challenge ?? self.challenge, totpStep: step, personal: Fixtures.client),
            Session.start(id: session, account: id, deviceID: "dev-1", deviceName: "Firefox on Linux", refreshTokenHash: "rt-hash",
                          client: Fixtures.client, policy: SessionPolicy(), now: FixedContext.now),
            used)
    }

    func wrongCode(_ method: SecondFactorMethod, challenge: UUID? = nil) -> SecondFactorFailed {
        SecondFactorFailed(accountID: id, challengeID: challenge ?? self.challenge, method: method, personal: Fixtures.client)
    }

    // MARK: Enrolment

    @Test func startingEnrolmentKeepsTheSecretPendingUntilConfirmed() throws {
        let account = AccountScenario.given(Fixtures.registered).state
        let event = try account.decideStartEnrollment(id: enrollment, secret: secret)
        #expect(event == TwoFactorEnrollmentStarted(accountID: id, enrollmentID: enrollment, personal: .init(secret: secret)))
        let after = AccountScenario.given(Fixtures.registered, .twoFactorEnrollmentStarted(event)).state
        #expect(after.pendingEnrollment?.id == enrollment)
        #expect(after.pendingEnrollment?.secret == secret)
        #expect(after.twoFactor == nil)
    }

    @Test func aCodeThatMatchesNoStepIsAnErrorOnTheCodeField() {
        let pending = AccountScenario.given(Fixtures.registered, started).state
        #expect {
            try pending.decideConfirmEnrollment(matchedStep: nil, recoveryCodeHashes: ["rc-1"])
        } throws: { error in
            (error as? FieldError)?.field == "code"
        }
    }

    @Test func confirmingNeedsAPendingEnrolment() {
        #expect(throws: DomainError.rejected("start setting up two-factor authentication first")) {
            try AccountScenario.given(Fixtures.registered).state.decideConfirmEnrollment(matchedStep: 100, recoveryCodeHashes: [])
        }
    }

    @Test func theRightCodeTurnsItOnAndSpendsItsStep() throws {
        let pending = AccountScenario.given(Fixtures.registered, started)
        let event = try pending.state.decideConfirmEnrollment(matchedStep: 100, recoveryCodeHashes: ["rc-1", "rc-2", "rc-3"])
        #expect(event == TwoFactorEnabled(accountID: id, enrollmentID: enrollment, confirmedStep: 100, recoveryCodeHashes: ["rc-1", "rc-2", "rc-3"]))
        let on = pending.and([.twoFactorEnabled(event)]).state
        #expect(on.twoFactor == Account.TwoFactor(secret: secret, recoveryCodeHashes: ["rc-1", "rc-2", "rc-3"], lastUsedStep: 100))
        #expect(on.pendingEnrollment == nil)
    }

    @Test func anAccountCannotEnrolTwice() {
        let on = AccountScenario.given(Fixtures.registered, started, enabled).state
        #expect(throws: DomainError.rejected("two-factor authentication is already on; turn it off first to set up another app")) {
            try on.decideStartEnrollment(id: UUID(), secret: "KRSXG5CTMVRXEZLU")
        }
        #expect(throws: DomainError.rejected("start setting up two-factor authentication first")) {
            try on.decideConfirmEnrollment(matchedStep: 101, recoveryCodeHashes: [])
        }
    }

    // MARK: The first step asks for the second

    @Test func withTwoFactorOnTheRightPasswordYieldsAChallengeNotASession() {
        let decision = AccountScenario.given(Fixtures.registered, started, enabled)
            .when(attempt(matches: true), context: FixedContext.make(ids: [challenge]))
        decision.then(.secondFactorRequired(
            SecondFactorRequested(accountID: id, challengeID: challenge, method: .totp, reason: .twoFactorEnabled,
                                  expiresAt: FixedContext.now.addingTimeInterval(600), deviceID: "dev-1", codeHash: nil, personal: Fixtures.client),
            nil))
        #expect(decision.decision?.accountEvents.contains { if case .signedIn = $0 { true } else { false } } == false)
    }

    @Test func withTwoFactorOnAWrongPasswordIsAPlainFailure() {
        AccountScenario.given(Fixtures.registered, started, enabled)
            .when(attempt(matches: false))
            .then(.failed(SignInFailed(accountID: id, emailKey: Fixtures.emailKey, reason: .wrongPassword, deviceID: "dev-1", personal: Fixtures.client), nil))
    }

    @Test func aRiskySignInWithoutTwoFactorYieldsAnEmailedCodeAndIsReported() {
        let risk = RiskPolicy().assess([.newNetwork, .newDevice])  // 30 + 20 reaches the threshold of 50
        let decision = AccountScenario.given(Fixtures.registered)
            .when(attempt(matches: true, risk: risk), context: FixedContext.make(ids: [challenge]))
        let requested = SecondFactorRequested(accountID: id, challengeID: challenge, method: .emailCode, reason: .riskySignIn,
                                              expiresAt: FixedContext.now.addingTimeInterval(600), deviceID: "dev-1",
                                              codeHash: "mailed-code-hash", personal: Fixtures.client)
        let suspicious = SuspiciousSignInDetected(accountID: id, challengeID: challenge, signals: [.newDevice, .newNetwork], score: 50, personal: Fixtures.client)
        decision.then(.secondFactorRequired(requested, suspicious))
        #expect(decision.decision?.accountEvents == [.suspiciousSignInDetected(suspicious), .secondFactorRequested(requested)])
    }

    @Test func aSignInBelowTheThresholdStartsASession() {
        let decision = AccountScenario.given(Fixtures.registered)
            .when(attempt(matches: true, risk: RiskPolicy().assess([.newNetwork])), context: FixedContext.make(ids: [session]))
        guard case .signedIn(let e, _)? = decision.decision else { Issue.record("expected a sign-in, got \(decision)"); return }
        #expect(e.secondFactor == nil && e.challengeID == nil)
    }

    @Test func aRiskySignInWithTwoFactorOnAsksForTheAppAndIsReported() {
        let risk = RiskPolicy().assess([.credentialStuffingSource])
        let decision = AccountScenario.given(Fixtures.registered, started, enabled)
            .when(attempt(matches: true, risk: risk), context: FixedContext.make(ids: [challenge]))
        guard case .secondFactorRequired(let requested, let suspicious)? = decision.decision else { Issue.record("expected a challenge, got \(decision)"); return }
        #expect(requested.method == .totp && requested.reason == .riskySignIn && requested.codeHash == nil)
        #expect(suspicious?.signals == [.credentialStuffingSource] && suspicious?.score == 60)
    }

    // MARK: The second step

    @Test func aCodeOfANewerStepSignsIn() {
        challenged.when(complete(.totp(matchedStep: 101)), context: FixedContext.make(ids: [session]))
            .then(signedIn(.totp, step: 101))
    }

    @Test func aStepAlreadyUsedIsRefusedAndANewerOneWorks() {
        // Step 100 confirmed the enrolment: neither it nor an earlier one is accepted.
        for step: Int64 in [99, 100] {
            challenged.when(complete(.totp(matchedStep: step))).then(.failed(wrongCode(.totp), nil))
        }
        challenged.when(complete(.totp(matchedStep: nil))).then(.failed(wrongCode(.totp), nil))

        // Signing in with step 101 spends it: the next challenge refuses 101 and takes 102.
        guard case .signedIn(let first, _, _)? = challenged.when(complete(.totp(matchedStep: 101))).decision else { Issue.record("expected a sign-in"); return }
        let next = challenged.and([.signedIn(first), requested(otherChallenge, .totp)])
        #expect(next.state.twoFactor?.lastUsedStep == 101)
        next.when(complete(.totp(matchedStep: 101), challenge: otherChallenge)).then(.failed(wrongCode(.totp, challenge: otherChallenge), nil))
        next.when(complete(.totp(matchedStep: 102), challenge: otherChallenge), context: FixedContext.make(ids: [session]))
            .then(signedIn(.totp, step: 102, challenge: otherChallenge))
    }

    @Test func aRecoveryCodeWorksOnce() {
        let used = RecoveryCodeUsed(accountID: id, codeHash: "rc-2", remaining: 2)
        let decision = challenged.when(complete(.recoveryCode(hash: "rc-2")), context: FixedContext.make(ids: [session]))
        decision.then(signedIn(.recoveryCode, used: used))
        guard case .signedIn(let e, _, _)? = decision.decision else { return }
        #expect(decision.decision?.accountEvents == [.signedIn(e), .recoveryCodeUsed(used)])

        let after = challenged.and([.signedIn(e), .recoveryCodeUsed(used), requested(otherChallenge, .totp)])
        #expect(after.state.twoFactor?.recoveryCodeHashes == ["rc-1", "rc-3"])
        after.when(complete(.recoveryCode(hash: "rc-2"), challenge: otherChallenge))
            .then(.failed(wrongCode(.recoveryCode, challenge: otherChallenge), nil))
        after.when(complete(.recoveryCode(hash: "rc-unknown"), challenge: otherChallenge))
            .then(.failed(wrongCode(.recoveryCode, challenge: otherChallenge), nil))
        after.when(complete(.recoveryCode(hash: "rc-3"), challenge: otherChallenge), context: FixedContext.make(ids: [session]))
            .then(signedIn(.recoveryCode, challenge: otherChallenge, used: RecoveryCodeUsed(accountID: id, codeHash: "rc-3", remaining: 1)))
    }

    @Test func anEmailedCodeWorksOnlyForItsOwnChallenge() {
        let mailed = AccountScenario.given(
            Fixtures.registered,
            requested(challenge, .emailCode, reason: .riskySignIn, codeHash: "code-of-first"),
            requested(otherChallenge, .emailCode, reason: .riskySignIn, codeHash: "code-of-second"))
        mailed.when(complete(.emailCode(hash: "code-of-second"))).then(.failed(wrongCode(.emailCode), nil))
        mailed.when(complete(.emailCode(hash: "code-of-first")), context: FixedContext.make(ids: [session]))
            .then(signedIn(.emailCode))
        // Without an authenticator, neither an app code nor a recovery code stands in for the mailed one.
        mailed.when(complete(.totp(matchedStep: 500))).then(.failed(wrongCode(.totp), nil))
        mailed.when(complete(.recoveryCode(hash: "code-of-first"))).then(.failed(wrongCode(.recoveryCode), nil))
        // And a challenge for the app does not take a mailed code.
        challenged.when(complete(.emailCode(hash: "anything"))).then(.failed(wrongCode(.emailCode), nil))
    }

    @Test func anExpiredUnknownOrCompletedChallengeIsRefused() {
        challenged.when(complete(.totp(matchedStep: 101)), context: at(600)).thenError(.rejected(challengeRefusedMessage))
        challenged.when(complete(.totp(matchedStep: 101)), context: at(3600)).thenError(.rejected(challengeRefusedMessage))
        challenged.when(complete(.totp(matchedStep: 101), challenge: otherChallenge)).thenError(.rejected(challengeRefusedMessage))
        guard case .signedIn(let e, _, _)? = challenged.when(complete(.totp(matchedStep: 101))).decision else { Issue.record("expected a sign-in"); return }
        challenged.and([.signedIn(e)]).when(complete(.totp(matchedStep: 102))).thenError(.rejected(challengeRefusedMessage))
        // Just before it expires it still works.
        guard case .signedIn? = challenged.when(complete(.totp(matchedStep: 101)), context: at(599)).decision else {
            Issue.record("expected a sign-in a second before the challenge expires")
            return
        }
    }

    @Test func wrongCodesCountTowardTheLockAndLockAtTheThreshold() {
        // One wrong password, then wrong codes: the third failure in a row locks.
        let wrongPassword = SignInFailed(accountID: id, emailKey: Fixtures.emailKey, reason: .wrongPassword, deviceID: "dev-1", personal: Fixtures.client)
        var s = AccountScenario.given(Fixtures.registered, started, enabled, .signInFailed(wrongPassword), requested(challenge, .totp))
        s.when(complete(.totp(matchedStep: nil)), lockout: lockout).then(.failed(wrongCode(.totp), nil))
        s = s.and([.secondFactorFailed(wrongCode(.totp))])
        #expect(s.state.consecutiveFailures == 2)
        s.when(complete(.recoveryCode(hash: "nope")), lockout: lockout)
            .then(.failed(wrongCode(.recoveryCode), AccountLocked(accountID: id, until: FixedContext.now.addingTimeInterval(300), level: 1, failures: 3)))
    }

    @Test func aLockedAccountIsRefusedWithoutLookingAtTheCodeOrCountingIt() {
        var s = challenged
        for _ in 0..<2 { s = s.and([.secondFactorFailed(wrongCode(.totp))]) }
        guard case .failed(let third, let lock?)? = s.when(complete(.totp(matchedStep: nil)), lockout: lockout).decision else {
            Issue.record("expected the third wrong code to lock")
            return
        }
        s = s.and([.secondFactorFailed(third), .locked(lock)])
        let refused = SignInFailed(accountID: id, emailKey: Fixtures.emailKey, reason: .locked, deviceID: "dev-1", personal: Fixtures.client)
        // Even the right code is refused while locked…
        s.when(complete(.totp(matchedStep: 101)), lockout: lockout, context: at(60)).then(.locked(refused))
        // …and the refusal neither counts nor extends the lock.
        let after = s.and([.signInFailed(refused)], at: FixedContext.now.addingTimeInterval(60))
        #expect(after.state.consecutiveFailures == 0)
        #expect(after.state.lockedUntil == lock.until)
        // Once the lock has run out, the challenge (still open) takes the right code.
        guard case .signedIn? = after.when(complete(.totp(matchedStep: 101)), lockout: lockout, context: at(301)).decision else {
            Issue.record("expected a sign-in after the lock")
            return
        }
    }

    // MARK: Turning it off, new recovery codes

    @Test func turningItOffNeedsProof() throws {
        let on = AccountScenario.given(Fixtures.registered, started, enabled)
        #expect {
            try on.state.decideDisableTwoFactor(proven: false, by: "owner")
        } throws: { error in
            (error as? FieldError)?.field == "password"
        }
        let disabled = try on.state.decideDisableTwoFactor(proven: true, by: "owner")
        #expect(disabled == TwoFactorDisabled(accountID: id, by: "owner"))
        let off = on.and([.twoFactorDisabled(disabled)])
        #expect(off.state.twoFactor == nil)
        #expect(throws: DomainError.rejected("two-factor authentication is not on")) { try off.state.decideDisableTwoFactor(proven: true, by: "owner") }
        // Without it the right password signs in at once, and a new app can be set up.
        guard case .signedIn? = off.when(attempt(matches: true)).decision else { Issue.record("expected a sign-in"); return }
        #expect(throws: Never.self) { try off.state.decideStartEnrollment(id: UUID(), secret: "KRSXG5CTMVRXEZLU") }
    }

    @Test func newRecoveryCodesNeedThePasswordAndReplaceTheOldOnes() throws {
        let on = challenged
        #expect {
            try on.state.decideRegenerateRecoveryCodes(proven: false, hashes: ["new-1"])
        } throws: { error in
            (error as? FieldError)?.field == "password"
        }
        #expect(throws: DomainError.rejected("two-factor authentication is not on")) {
            try AccountScenario.given(Fixtures.registered).state.decideRegenerateRecoveryCodes(proven: true, hashes: ["new-1"])
        }
        let regenerated = try on.state.decideRegenerateRecoveryCodes(proven: true, hashes: ["new-1", "new-2"])
        let after = on.and([.recoveryCodesRegenerated(regenerated)])
        after.when(complete(.recoveryCode(hash: "rc-1"))).then(.failed(wrongCode(.recoveryCode), nil))
        after.when(complete(.recoveryCode(hash: "new-1")), context: FixedContext.make(ids: [session]))
            .then(signedIn(.recoveryCode, used: RecoveryCodeUsed(accountID: id, codeHash: "new-1", remaining: 1)))
    }

    @Test func erasureTakesTheSecondFactorAndItsChallengesAway() {
        let erased = challenged.and([.personalDataErased(PersonalDataErased(accountID: id, erasedBy: "portalctl"))])
        #expect(erased.state.twoFactor == nil && erased.state.challenges.isEmpty)
        erased.when(complete(.totp(matchedStep: 101))).thenError(.notFound("account"))
    }

    // MARK: Roles

    @Test func aRoleIsGrantedOnceAndRevokedOnlyWhenHeld() throws {
        let account = AccountScenario.given(Fixtures.registered)
        let granted = try account.state.decideGrant(.admin, by: "portalctl")
        #expect(granted == RoleGranted(accountID: id, role: .admin, by: "portalctl"))
        let admin = account.and([.roleGranted(granted)])
        #expect(admin.state.roles == [.admin])
        #expect(throws: DomainError.rejected("the account already has the admin role")) { try admin.state.decideGrant(.admin, by: "portalctl") }
        #expect(throws: DomainError.rejected("the account does not have the agent role")) { try admin.state.decideRevoke(.agent, by: "portalctl") }

        let revoked = try admin.state.decideRevoke(.admin, by: "portalctl")
        #expect(revoked == RoleRevoked(accountID: id, role: .admin, by: "portalctl"))
        #expect(admin.and([.roleRevoked(revoked)]).state.roles.isEmpty)
    }

    @Test func anErasedAccountLosesItsRolesAndGetsNoNewOnes() {
        let erased = AccountScenario.given(
            Fixtures.registered, .roleGranted(RoleGranted(accountID: id, role: .agent, by: "portalctl")),
            .personalDataErased(PersonalDataErased(accountID: id, erasedBy: "portalctl")))
        #expect(erased.state.roles.isEmpty)
        #expect(throws: DomainError.rejected("the account's personal data has been erased")) { try erased.state.decideGrant(.admin, by: "portalctl") }
        #expect(throws: DomainError.notFound("account")) { try AccountScenario.given().state.decideGrant(.admin, by: "portalctl") }
    }
}

// MARK: given–when–then for the second step

extension AccountScenario {
    func when(_ command: CompleteSignIn, lockout: LockoutPolicy = LockoutPolicy(), sessions: SessionPolicy = SessionPolicy(),
              context: DecisionContext = FixedContext.make()) -> Result<SecondFactorDecision, any Error> {
        Result { try state.decide(command, lockout: lockout, sessions: sessions, context: context) }
    }
}

extension Result where Success == SecondFactorDecision {
    func then(_ expected: SecondFactorDecision, sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .success(let e): #expect(e == expected, sourceLocation: sourceLocation)
        case .failure(let error): Issue.record("expected \(expected), got error \(error)", sourceLocation: sourceLocation)
        }
    }

    var decision: SecondFactorDecision? { try? get() }

    func thenError(_ expected: DomainError, sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .success(let e): Issue.record("expected error \(expected), got \(e)", sourceLocation: sourceLocation)
        case .failure(let error): #expect(error as? DomainError == expected, sourceLocation: sourceLocation)
        }
    }
}
