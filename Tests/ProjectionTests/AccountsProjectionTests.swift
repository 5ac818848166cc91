import Domain
import EventStore
import Foundation
import Projections
import Testing

@Suite("Accounts projection")
struct AccountsProjectionTests {
    @Test func findsAccountsByEmailKey() async throws {
        let log = try TestLog()
        try await log.register(IDs.account(1), key: IDs.key(1))
        try await log.register(IDs.account(2), key: IDs.key(2), email: "bob@example.com")
        let accounts = AccountsProjection()
        let runner = try await log.fold([accounts])
        await runner.stop()
        #expect(accounts.account(forEmailKey: IDs.key(1)) == IDs.account(1))
        #expect(accounts.account(forEmailKey: IDs.key(2)) == IDs.account(2))
        #expect(accounts.account(forEmailKey: IDs.key(3)) == nil)
        #expect(accounts.summary(IDs.account(1))?.status == .active)
        #expect(accounts.counts() == [.active: 2])
    }

    @Test func erasureRemovesTheAddressAndMarksTheAccount() async throws {
        let log = try TestLog()
        try await log.register(IDs.account(1), key: IDs.key(1))
        try await log.append(PersonalDataErased(accountID: IDs.account(1), erasedBy: "portalctl"), to: IDs.account(1).stream)
        let accounts = AccountsProjection()
        try await log.fold([accounts]).stop()
        #expect(accounts.account(forEmailKey: IDs.key(1)) == nil)
        #expect(accounts.summary(IDs.account(1))?.status == .erased)
    }

    @Test func countsFailuresSinceTheLastSignIn() async throws {
        let log = try TestLog()
        let id = IDs.account(1)
        try await log.register(id, key: IDs.key(1))
        let failure = SignInFailed(accountID: id, emailKey: IDs.key(1), reason: .wrongPassword, deviceID: nil, personal: nil)
        try await log.append(failure, to: id.stream, subject: id.stream)
        try await log.append(failure, to: id.stream, subject: id.stream)
        // A failure for an unknown address lives in its own stream and must not count for anyone.
        try await log.append(Account.unknownAccountSignIn(emailKey: IDs.key(1), deviceID: nil), to: IdentityStreams.unknownSignIns(IDs.key(1)))
        let accounts = AccountsProjection()
        try await log.fold([accounts]).stop()
        #expect(accounts.summary(id)?.failuresSinceLastSignIn == 2)
        #expect(accounts.summary(id)?.lastSignInAtMicros == nil)

        try await log.append(CustomerSignedIn(accountID: id, sessionID: UUID(), deviceID: nil, personal: nil), to: id.stream, subject: id.stream)
        let again = AccountsProjection()
        try await log.fold([again]).stop()
        #expect(again.summary(id)?.failuresSinceLastSignIn == 0)
        #expect(again.summary(id)?.lastSignInAtMicros != nil)
    }

    @Test func snapshotRoundTrip() async throws {
        let log = try TestLog()
        try await log.register(IDs.account(1), key: IDs.key(1))
        let accounts = AccountsProjection()
        try await log.fold([accounts]).stop()
        let copy = AccountsProjection()
        try copy.restore(from: accounts.snapshot())
        #expect(copy.account(forEmailKey: IDs.key(1)) == IDs.account(1))
        #expect(copy.summary(IDs.account(1)) == accounts.summary(IDs.account(1)))
    }

    @Test func holdsNoPersonalData() async throws {
        let log = try TestLog()
        try await log.register(IDs.account(1), key: IDs.key(1), email: "secret-person@example.com")
        let accounts = AccountsProjection()
        try await log.fold([accounts]).stop()
        let snapshot = String(decoding: try accounts.snapshot(), as: UTF8.self)
        #expect(!snapshot.contains("secret-person"))
        #expect(!snapshot.contains("argon2"))
    }
}
