import Domain
import Foundation
import Testing

@Suite("Signing in")
struct SignInTests {
    let session = UUID(uuidString: "0190f5d2-2222-7000-8000-00000000000b")!

    func attempt(matches: Bool) -> SignIn {
        SignIn(emailKey: Fixtures.emailKey, passwordMatches: matches, deviceID: "dev-1", client: Fixtures.client)
    }

    @Test func rightPasswordStartsASessionWithTheContextsID() {
        AccountScenario.given(Fixtures.registered)
            .when(attempt(matches: true), context: FixedContext.make(ids: [session]))
            .then(.signedIn(CustomerSignedIn(accountID: Fixtures.accountID, sessionID: session, deviceID: "dev-1", personal: Fixtures.client)))
    }

    @Test func wrongPasswordIsRecordedAsAFailure() {
        AccountScenario.given(Fixtures.registered)
            .when(attempt(matches: false))
            .then(.signInFailed(SignInFailed(accountID: Fixtures.accountID, emailKey: Fixtures.emailKey, reason: .wrongPassword, deviceID: "dev-1", personal: Fixtures.client)))
    }

    @Test func anErasedAccountCannotSignInEvenWithAMatchingPassword() {
        AccountScenario.given(Fixtures.registered, .personalDataErased(PersonalDataErased(accountID: Fixtures.accountID, erasedBy: "portalctl")))
            .when(attempt(matches: true))
            .then(.signInFailed(SignInFailed(accountID: Fixtures.accountID, emailKey: Fixtures.emailKey, reason: .accountErased, deviceID: "dev-1", personal: Fixtures.client)))
    }

    @Test func anAccountThatDoesNotExistCannotDecide() {
        AccountScenario.given().when(attempt(matches: true)).thenError(.notFound("account"))
    }

    @Test func failuresAreCountedUntilTheNextSuccess() {
        let failed = AccountEvent.signInFailed(SignInFailed(accountID: Fixtures.accountID, emailKey: Fixtures.emailKey, reason: .wrongPassword, deviceID: nil, personal: nil))
        let signedIn = AccountEvent.signedIn(CustomerSignedIn(accountID: Fixtures.accountID, sessionID: session, deviceID: nil, personal: nil))
        #expect(AccountScenario.given(Fixtures.registered, failed, failed).state.consecutiveFailures == 2)
        let after = AccountScenario.given(Fixtures.registered, failed, failed, signedIn).state
        #expect(after.consecutiveFailures == 0)
        #expect(after.lastSignInAt == FixedContext.now)
    }

    @Test func unknownAddressesGetAFailureWithoutAnAccount() {
        let e = Account.unknownAccountSignIn(emailKey: Fixtures.emailKey, deviceID: "d")
        #expect(e.accountID == nil)
        #expect(e.reason == .unknownAccount)
        #expect(IdentityStreams.unknownSignIns(Fixtures.emailKey) == "signin-a1b2c3")
    }
}
