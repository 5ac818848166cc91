import Domain
import EventStore
import Foundation
import Projections
import Testing

@Suite("Security log projection")
struct SecurityLogProjectionTests {
    @Test func listsAnAccountsSecurityEventsNewestFirst() async throws {
        let log = try TestLog()
        let id = IDs.account(1)
        try await log.register(id, key: IDs.key(1))
        try await log.append(DuplicateRegistrationAttempted(accountID: id), to: id.stream, subject: id.stream)
        try await log.append(SignInFailed(accountID: id, emailKey: IDs.key(1), reason: .wrongPassword, deviceID: nil, personal: nil), to: id.stream, subject: id.stream)
        try await log.append(CustomerSignedIn(accountID: id, sessionID: UUID(), deviceID: "d1", personal: nil), to: id.stream, subject: id.stream)
        try await log.register(IDs.account(2), key: IDs.key(2))
        let projection = SecurityLogProjection()
        try await log.fold([projection]).stop()

        let (entries, total) = projection.entries(for: id)
        #expect(total == 4)
        #expect(entries.map(\.kind) == [.signedIn, .signInFailed, .duplicateRegistration, .registered])
        #expect(entries.map(\.position) == entries.map(\.position).sorted(by: >))
        #expect(projection.entries(for: IDs.account(2)).entries.map(\.kind) == [.registered])
    }

    @Test func pagesThroughEntries() async throws {
        let log = try TestLog()
        let id = IDs.account(1)
        try await log.register(id, key: IDs.key(1))
        for _ in 0..<9 { try await log.append(CustomerSignedIn(accountID: id, sessionID: UUID(), deviceID: nil, personal: nil), to: id.stream, subject: id.stream) }
        let projection = SecurityLogProjection()
        try await log.fold([projection]).stop()
        let first = projection.entries(for: id, offset: 0, limit: 4)
        let last = projection.entries(for: id, offset: 8, limit: 4)
        #expect(first.total == 10 && first.entries.count == 4)
        #expect(last.entries.count == 2)
        #expect(last.entries.last?.kind == .registered)
    }

    @Test func keepsOnlyTheNewestEntriesPerAccount() async throws {
        let log = try TestLog()
        let id = IDs.account(1)
        try await log.register(id, key: IDs.key(1))
        for _ in 0..<20 { try await log.append(CustomerSignedIn(accountID: id, sessionID: UUID(), deviceID: nil, personal: nil), to: id.stream, subject: id.stream) }
        let projection = SecurityLogProjection(limit: 5)
        try await log.fold([projection]).stop()
        let (entries, total) = projection.entries(for: id, limit: 100)
        #expect(total == 5)
        #expect(entries.count == 5)
        #expect(entries.allSatisfy { $0.kind == .signedIn })
    }

    @Test func ignoresFailuresForUnknownAddresses() async throws {
        let log = try TestLog()
        try await log.append(Account.unknownAccountSignIn(emailKey: IDs.key(9), deviceID: nil), to: IdentityStreams.unknownSignIns(IDs.key(9)))
        let projection = SecurityLogProjection()
        try await log.fold([projection]).stop()
        let snapshot = try projection.snapshot()
        let restored = SecurityLogProjection()
        try restored.restore(from: snapshot)
        #expect(restored.entries(for: IDs.account(9)).total == 0)
    }
}
