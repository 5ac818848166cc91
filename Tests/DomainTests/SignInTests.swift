import Domain
import Foundation
import Testing

@Suite("Signing in")
struct SignInTests {
    let session = UUID(uuidString: "0190f5d2-2222-7000-8000-00000000000b")!

    func attempt(matches: Bool, device: String = "dev-1") -> SignIn {
        SignIn(emailKey: Fixtures.emailKey, passwordMatches: matches, deviceID: device, deviceName: "Firefox on Linux",
               refreshTokenHash: "rt-hash", client: Fixtures.client)
    }

    func failed(_ reason: SignInFailureReason, device: String = "dev-1") -> SignInFailed {
        SignInFailed(accountID: Fixtures.accountID, emailKey: Fixtures.emailKey, reason: reason, deviceID: device, personal: Fixtures.client)
    }

    @Test func rightPasswordStartsASessionWithTheContextsID() {
        let policy = SessionPolicy()
        AccountScenario.given(Fixtures.registered)
            .when(attempt(matches: true), context: FixedContext.make(ids: [session]))
            .then(.signedIn(
                CustomerSignedIn(accountID: Fixtures.accountID, sessionID: session, deviceID: "dev-1", newDevice: false, personal: Fixtures.client),
                SessionStarted(sessionID: session, accountID: Fixtures.accountID, deviceID: "dev-1", deviceName: "Firefox on Linux", refreshTokenHash: "rt-hash",
                               idleExpiresAt: FixedContext.now.addingTimeInterval(policy.idleTimeout),
                               absoluteExpiresAt: FixedContext.now.addingTimeInterval(policy.absoluteLifetime), personal: Fixtures.client)))
    }

    @Test func aKnownDeviceIsNotNew() throws {
        let before = AccountScenario.given(Fixtures.registered).when(attempt(matches: true)).decision
        guard case .signedIn(let first, _)? = before else { Issue.record("expected a sign-in"); return }
        let again = AccountScenario.given(Fixtures.registered, .signedIn(first)).when(attempt(matches: true)).decision
        guard case .signedIn(let second, _)? = again else { Issue.record("expected a sign-in"); return }
        #expect(!first.newDevice && !second.newDevice)  // the first sign-in has nothing to compare with
        let elsewhere = AccountScenario.given(Fixtures.registered, .signedIn(first)).when(attempt(matches: true, device: "dev-2")).decision
        guard case .signedIn(let third, _)? = elsewhere else { Issue.record("expected a sign-in"); return }
        #expect(third.newDevice)
    }

    @Test func wrongPasswordIsRecordedAsAFailure() {
        AccountScenario.given(Fixtures.registered).when(attempt(matches: false)).then(.failed(failed(.wrongPassword), nil))
    }

    @Test func anErasedAccountCannotSignInEvenWithAMatchingPassword() {
        AccountScenario.given(Fixtures.registered, .personalDataErased(PersonalDataErased(accountID: Fixtures.accountID, erasedBy: "portalctl")))
            .when(attempt(matches: true))
            .then(.failed(failed(.accountErased), nil))
    }

    @Test func anAccountThatDoesNotExistCannotDecide() {
        AccountScenario.given().when(attempt(matches: true)).thenError(.notFound("account"))
    }

    @Test func failuresAreCountedUntilTheNextSuccess() {
        let signedIn = AccountEvent.signedIn(CustomerSignedIn(accountID: Fixtures.accountID, sessionID: session, deviceID: nil, personal: nil))
        #expect(AccountScenario.given(Fixtures.registered, .signInFailed(failed(.wrongPassword)), .signInFailed(failed(.wrongPassword))).state.consecutiveFailures == 2)
        let after = AccountScenario.given(Fixtures.registered, .signInFailed(failed(.wrongPassword)), signedIn).state
        #expect(after.consecutiveFailures == 0)
        #expect(after.lastSignInAt == FixedContext.now)
    }

    @Test func unknownAddressesGetAFailureWithoutAnAccount() {
        let e = Account.unknownAccountSignIn(emailKey: Fixtures.emailKey, deviceID: "d")
        #expect(e.accountID == nil)
        #expect(e.reason == .unknownAccount)
        #expect(IdentityStreams.unknownSignIns(Fixtures.emailKey) == "signin-a1b2c3")
    }

    @Test func anExpiredPasswordSignsInButRequiresAChange() {
        let sessions = SessionPolicy(maximumPasswordAge: 90 * 24 * 3600)
        let old = AccountScenario.given(at: [(Fixtures.registered, FixedContext.now.addingTimeInterval(-91 * 24 * 3600))])
        guard case .signedIn(let e, _)? = old.when(attempt(matches: true), sessions: sessions).decision else { Issue.record("expected a sign-in"); return }
        #expect(e.passwordChangeRequired)
        let recent = AccountScenario.given(at: [(Fixtures.registered, FixedContext.now.addingTimeInterval(-89 * 24 * 3600))])
        guard case .signedIn(let f, _)? = recent.when(attempt(matches: true), sessions: sessions).decision else { Issue.record("expected a sign-in"); return }
        #expect(!f.passwordChangeRequired)
        // Off by default, as NIST advises.
        guard case .signedIn(let g, _)? = old.when(attempt(matches: true)).decision else { Issue.record("expected a sign-in"); return }
        #expect(!g.passwordChangeRequired)
    }

    @Test func aCompromisedFlagRequiresAChangeUntilThePasswordChanges() {
        let flagged = AccountScenario.given(Fixtures.registered, .flaggedCompromised(AccountFlaggedCompromised(accountID: Fixtures.accountID, by: "admin")))
        guard case .signedIn(let e, _)? = flagged.when(attempt(matches: true)).decision else { Issue.record("expected a sign-in"); return }
        #expect(e.passwordChangeRequired)
        let changed = flagged.and([.passwordChanged(PasswordChanged(accountID: Fixtures.accountID, sessionID: nil, personal: .init(passwordHash: "new")))])
        guard case .signedIn(let f, _)? = changed.when(attempt(matches: true)).decision else { Issue.record("expected a sign-in"); return }
        #expect(!f.passwordChangeRequired)
    }
}
