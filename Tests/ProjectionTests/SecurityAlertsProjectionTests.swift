import Domain
import EventStore
import Foundation
import Projections
import Testing

@Suite("Security alerts projection")
struct SecurityAlertsProjectionTests {
    /// 2025-11-24T16:00:00Z.
    let t0 = Date(timeIntervalSince1970: 1_764_000_000)

    func suspicious(_ log: TestLog, _ n: Int, signals: [RiskSignal], score: Int) async throws {
        try await log.append(SuspiciousSignInDetected(accountID: IDs.account(n), challengeID: UUID(), signals: signals, score: score, personal: nil),
                             to: IDs.account(n).stream, subject: IDs.account(n).stream)
    }

    func stuffing(_ log: TestLog, network: String, throttledUntil: Date) async throws {
        try await log.append(CredentialStuffingDetected(sourceKey: "key-of-\(network)", network: network, accounts: 12, failures: 30, windowSeconds: 600,
                                                        throttledUntil: throttledUntil),
                             to: "stuffing-key-of-\(network)", ip: nil)
    }

    func requested(_ log: TestLog, _ n: Int, challenge: UUID) async throws {
        try await log.append(SecondFactorRequested(accountID: IDs.account(n), challengeID: challenge, method: .emailCode, reason: .riskySignIn,
                                                   expiresAt: t0.addingTimeInterval(600), deviceID: nil, codeHash: "h", personal: nil),
                             to: IDs.account(n).stream, subject: IDs.account(n).stream)
    }

    func signedIn(_ log: TestLog, _ n: Int, challenge: UUID? = nil) async throws {
        try await log.append(CustomerSignedIn(accountID: IDs.account(n), sessionID: UUID(), deviceID: nil, challengeID: challenge, personal: nil),
                             to: IDs.account(n).stream, subject: IDs.account(n).stream)
    }

    func failed(_ log: TestLog, _ n: Int) async throws {
        try await log.append(Account.unknownAccountSignIn(emailKey: IDs.key(n), deviceID: nil), to: IdentityStreams.unknownSignIns(IDs.key(n)))
    }

    func folded(_ log: TestLog) async throws -> SecurityAlertsProjection {
        let projection = SecurityAlertsProjection()
        try await log.fold([projection]).stop()
        return projection
    }

    @Test func listsAlertsNewestFirst() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        try await suspicious(log, 1, signals: [.newDevice, .newNetwork], score: 50)
        clock.advance(60)
        try await stuffing(log, network: "198.51.100.0/24", throttledUntil: t0.addingTimeInterval(3660))
        clock.advance(60)
        try await suspicious(log, 2, signals: [.recentTokenReuse], score: 60)
        let projection = try await folded(log)

        let (alerts, total) = projection.alerts()
        #expect(total == 3)
        #expect(alerts.map(\.kind) == [.suspiciousSignIn, .credentialStuffing, .suspiciousSignIn])
        #expect(alerts.map(\.accountID) == [IDs.account(2), nil, IDs.account(1)])
        #expect(alerts.map(\.atMicros) == [120, 60, 0].map { Int64((t0.timeIntervalSince1970 + $0) * 1_000_000) })
        #expect(alerts.map(\.position) == alerts.map(\.position).sorted(by: >))

        let newest = try #require(alerts.first)
        #expect(newest.signals == [.recentTokenReuse] && newest.score == 60)
        let source = alerts[1]
        #expect(source.network == "198.51.100.0/24" && source.accounts == 12 && source.failures == 30)
        #expect(source.throttledUntil == t0.addingTimeInterval(3660))
        #expect(source.signals == [.credentialStuffingSource])

        // Since a moment, and by pages.
        #expect(projection.alerts(since: t0.addingTimeInterval(60)).alerts.map(\.kind) == [.suspiciousSignIn, .credentialStuffing])
        #expect(projection.alerts(since: t0.addingTimeInterval(121)).total == 0)
        let page = projection.alerts(offset: 1, limit: 1)
        #expect(page.total == 3 && page.alerts.map(\.kind) == [.credentialStuffing])
    }

    @Test func countsAttemptsAndSignalsPerDay() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        // Day one: two failures, a plain sign-in, and a risky one that went through a mailed code.
        try await failed(log, 1)
        try await failed(log, 2)
        try await signedIn(log, 3)
        let challenge = UUID()
        try await suspicious(log, 4, signals: [.newDevice, .newNetwork], score: 50)
        try await requested(log, 4, challenge: challenge)
        try await signedIn(log, 4, challenge: challenge)
        // Day two: a stuffing source and another risky sign-in.
        clock.advance(86_400)
        try await failed(log, 5)
        try await stuffing(log, network: "203.0.113.0/24", throttledUntil: t0.addingTimeInterval(90_000))
        try await suspicious(log, 6, signals: [.newDevice], score: 20)
        let projection = try await folded(log)

        let days = projection.days(since: t0)
        try #require(days.map(\.day) == ["2025-11-24", "2025-11-25"])
        let (first, second) = (days[0].figures, days[1].figures)
        // The sign-in after the code was counted when the code was asked for.
        #expect([first.signInAttempts, first.suspicious, first.stuffingSources] == [4, 1, 0] as [Int])
        #expect(first.bySignal == [.newDevice: 1, .newNetwork: 1])
        #expect([second.signInAttempts, second.suspicious, second.stuffingSources] == [1, 1, 1] as [Int])
        #expect(second.bySignal == [.newDevice: 1])
        #expect(projection.days(since: t0.addingTimeInterval(86_400)).map(\.day) == ["2025-11-25"])
        #expect(projection.days(since: t0.addingTimeInterval(2 * 86_400)).isEmpty)
    }

    @Test func aSnapshotRestoresAlertsAndFigures() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        try await failed(log, 1)
        try await suspicious(log, 1, signals: [.sharedDevice, .newDevice], score: 60)
        clock.advance(30)
        try await stuffing(log, network: "198.51.100.0/24", throttledUntil: t0.addingTimeInterval(3630))
        let original = try await folded(log)
        let restored = SecurityAlertsProjection()
        try restored.restore(from: try original.snapshot())
        #expect(original.alerts().total == 2)
        #expect(restored.alerts().alerts == original.alerts().alerts)
        #expect(restored.days(since: t0).map(\.figures) == original.days(since: t0).map(\.figures))
        #expect(restored.days(since: t0).map(\.day) == ["2025-11-24"])
    }

    @Test func keepsOnlyTheNewestAlerts() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        for n in 1...12 {
            try await suspicious(log, n, signals: [.newDevice, .newNetwork], score: 50)
            clock.advance(1)
        }
        let projection = SecurityAlertsProjection(limit: 4)
        try await log.fold([projection]).stop()
        let (alerts, total) = projection.alerts()
        #expect((4...5).contains(total))
        #expect(alerts.first?.accountID == IDs.account(12))
        #expect(!alerts.contains { $0.accountID == IDs.account(1) })
        // The figures are not trimmed with the list.
        #expect(projection.days(since: t0).first?.figures.suspicious == 12)
    }
}
