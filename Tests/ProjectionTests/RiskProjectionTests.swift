import Domain
import EventStore
import Foundation
import Projections
import Testing

/// Each risk signal from a list of events recorded at times the test sets, asked about at times the
/// test chooses.
@Suite("Risk projection")
struct RiskProjectionTests {
    let key = [UInt8](repeating: 7, count: 32)
    let t0 = Date(timeIntervalSince1970: 1_764_000_000)
    let policy = RiskPolicy(stuffingAccounts: 5, stuffingWindow: 600, sharedDeviceAccounts: 3, sharedDeviceWindow: 86400,
                            secondFactorFailures: 3, secondFactorWindow: 900, tokenReuseWindow: 86400, resetWindow: 3600)

    // MARK: Writing the log

    func signIn(_ log: TestLog, _ n: Int, device: String?, ip: String?) async throws {
        try await log.append(CustomerSignedIn(accountID: IDs.account(n), sessionID: UUID(), deviceID: device, personal: nil),
                             to: IDs.account(n).stream, subject: IDs.account(n).stream, ip: ip)
    }

    /// A failed sign-in for an address that has no account.
    func unknownAddress(_ log: TestLog, _ n: Int, ip: String) async throws {
        try await log.append(Account.unknownAccountSignIn(emailKey: IDs.key(n), deviceID: nil), to: IdentityStreams.unknownSignIns(IDs.key(n)), ip: ip)
    }

    func failed(_ log: TestLog, _ n: Int, reason: SignInFailureReason = .wrongPassword, ip: String) async throws {
        try await log.append(SignInFailed(accountID: IDs.account(n), emailKey: IDs.key(n), reason: reason, deviceID: nil, personal: nil),
                             to: IDs.account(n).stream, subject: IDs.account(n).stream, ip: ip)
    }

    func wrongCode(_ log: TestLog, _ n: Int) async throws {
        try await log.append(SecondFactorFailed(accountID: IDs.account(n), challengeID: UUID(), method: .totp, personal: nil),
                             to: IDs.account(n).stream, subject: IDs.account(n).stream)
    }

    func tokenReused(_ log: TestLog, _ n: Int) async throws {
        let session = UUID()
        try await log.append(RefreshTokenReuseDetected(sessionID: session, accountID: IDs.account(n), personal: nil),
                             to: Session.stream(session), subject: IDs.account(n).stream)
    }

    func reset(_ log: TestLog, _ n: Int, ip: String) async throws {
        try await log.append(PasswordReset(accountID: IDs.account(n), requestID: UUID(), personal: .init(passwordHash: "$argon2id$new")),
                             to: IDs.account(n).stream, subject: IDs.account(n).stream, ip: ip)
    }

    func erased(_ log: TestLog, _ n: Int) async throws {
        try await log.append(PersonalDataErased(accountID: IDs.account(n), erasedBy: "portalctl"), to: IDs.account(n).stream)
    }

    /// A fresh projection that has applied the whole log.
    func folded(_ log: TestLog) async throws -> RiskProjection {
        let projection = RiskProjection(key: key, policy: policy)
        try await log.fold([projection]).stop()
        return projection
    }

    func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    // MARK: Devices and networks

    @Test func newDeviceAndNewNetworkOnlyAfterAFirstSignIn() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        try await log.register(IDs.account(1), key: IDs.key(1))
        let before = try await folded(log)
        #expect(before.signals(account: IDs.account(1), ip: "198.51.100.5", device: "phone", now: at(60)) == [])

        try await signIn(log, 1, device: "laptop", ip: "203.0.113.9")
        let after = try await folded(log)
        #expect(after.signals(account: IDs.account(1), ip: "198.51.100.5", device: "phone", now: at(60)) == [.newDevice, .newNetwork])
        #expect(after.signals(account: IDs.account(1), ip: "203.0.113.9", device: "phone", now: at(60)) == [.newDevice])
        // Another address of the same /24 is the same network.
        #expect(after.signals(account: IDs.account(1), ip: "203.0.113.200", device: "laptop", now: at(60)) == [])
        #expect(after.signals(account: IDs.account(1), ip: nil, device: nil, now: at(60)) == [])
    }

    @Test func aSharedDeviceIsOneManyAccountsSignedInFromLately() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        try await signIn(log, 1, device: "kiosk", ip: nil)
        try await signIn(log, 2, device: "kiosk", ip: nil)
        let projection = try await folded(log)
        // A third account on the kiosk makes three.
        #expect(projection.signals(account: IDs.account(3), ip: nil, device: "kiosk", now: at(60)) == [.sharedDevice])
        #expect(projection.signals(account: IDs.account(3), ip: nil, device: "own", now: at(60)) == [])
        // One of the two coming back makes only two.
        #expect(projection.signals(account: IDs.account(1), ip: nil, device: "kiosk", now: at(60)) == [])
        #expect(projection.signals(account: IDs.account(3), ip: nil, device: "kiosk", now: at(86_401)) == [])
    }

    // MARK: Credential stuffing

    @Test func failuresAgainstManyAccountsFromOneNetworkMarkAStuffingSource() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        for n in 1...4 {
            try await unknownAddress(log, 100 + n, ip: "198.51.100.7")
            clock.advance(1)
        }
        let four = try await folded(log)
        #expect(four.stuffingEvidence(from: "198.51.100.7", now: at(10)) == nil)
        #expect(four.signals(account: IDs.account(9), ip: "198.51.100.7", device: nil, now: at(10)) == [])

        // The fifth account — a real one, from another address of the network — makes it a source.
        try await failed(log, 2, ip: "198.51.100.8")
        let five = try await folded(log)
        let evidence = five.stuffingEvidence(from: "198.51.100.7", now: at(10))
        #expect(evidence.map { [$0.failures, $0.targets] } == [5, 5] as [Int])
        #expect(five.signals(account: IDs.account(9), ip: "198.51.100.200", device: nil, now: at(10)) == [.credentialStuffingSource])
        #expect(five.signals(account: IDs.account(9), ip: "203.0.113.9", device: nil, now: at(10)) == [])
        #expect(five.stuffingEvidence(from: "203.0.113.9", now: at(10)) == nil)
    }

    @Test func manyFailuresAgainstOneAccountAreNotStuffing() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        for _ in 0..<20 { try await unknownAddress(log, 100, ip: "198.51.100.7") }
        // Refusals of a locked account are not failures of the password.
        for n in 1...5 { try await failed(log, n, reason: .locked, ip: "198.51.100.7") }
        let projection = try await folded(log)
        let seen = projection.failures(from: "198.51.100.7", now: at(10))
        #expect([seen.failures, seen.targets] == [20, 1] as [Int])
        #expect(projection.stuffingEvidence(from: "198.51.100.7", now: at(10)) == nil)
    }

    @Test func failuresOutsideTheWindowDoNotCount() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        for n in 1...5 {  // at t0 … t0+4
            try await unknownAddress(log, 100 + n, ip: "198.51.100.7")
            clock.advance(1)
        }
        clock.advance(700)
        for n in 6...7 { try await unknownAddress(log, 100 + n, ip: "203.0.113.7") }
        for n in 1...3 { try await unknownAddress(log, 200 + n, ip: "203.0.113.7") }
        let projection = try await folded(log)
        #expect(projection.stuffingEvidence(from: "198.51.100.7", now: at(599)) != nil)
        #expect(projection.stuffingEvidence(from: "198.51.100.7", now: at(600.5)) == nil, "the failure of t0 has left the window")
        #expect(projection.signals(account: IDs.account(9), ip: "198.51.100.7", device: nil, now: at(700)) == [])
        #expect(projection.stuffingEvidence(from: "203.0.113.7", now: at(705)) != nil)
    }

    @Test func aStuffingAlertThrottlesItsNetworkUntilItRunsOut() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        let source = RiskProjection(key: key, policy: policy).sourceKey("198.51.100.7")
        try await log.append(CredentialStuffingDetected(sourceKey: source, network: "198.51.100.0/24", accounts: 5, failures: 5, windowSeconds: 600,
                                                        throttledUntil: at(3600)),
                             to: "stuffing-\(source)", ip: nil)
        let projection = try await folded(log)
        #expect(projection.isThrottled("198.51.100.42", now: at(60)))
        #expect(!projection.isThrottled("203.0.113.9", now: at(60)))
        #expect(!projection.isThrottled("198.51.100.42", now: at(3600)))
    }

    // MARK: Account history

    @Test func aBurstOfWrongSecondFactorCodes() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        for _ in 0..<2 {
            try await wrongCode(log, 1)
            clock.advance(1)
        }
        #expect(try await folded(log).signals(account: IDs.account(1), ip: nil, device: nil, now: at(5)) == [])
        try await wrongCode(log, 1)  // the third, at t0+2
        let projection = try await folded(log)
        #expect(projection.signals(account: IDs.account(1), ip: nil, device: nil, now: at(5)) == [.secondFactorBurst])
        #expect(projection.signals(account: IDs.account(2), ip: nil, device: nil, now: at(5)) == [])
        #expect(projection.signals(account: IDs.account(1), ip: nil, device: nil, now: at(901)) == [], "the first has left the window")
    }

    @Test func aRecentlyReusedRefreshToken() async throws {
        let log = try TestLog(clock: LogClock(t0))
        try await tokenReused(log, 1)
        let projection = try await folded(log)
        #expect(projection.signals(account: IDs.account(1), ip: nil, device: nil, now: at(3600)) == [.recentTokenReuse])
        #expect(projection.signals(account: IDs.account(2), ip: nil, device: nil, now: at(3600)) == [])
        #expect(projection.signals(account: IDs.account(1), ip: nil, device: nil, now: at(86_401)) == [])
    }

    @Test func aSignInFromAnotherNetworkJustAfterAReset() async throws {
        let log = try TestLog(clock: LogClock(t0))
        try await reset(log, 1, ip: "198.51.100.7")
        let projection = try await folded(log)
        #expect(projection.signals(account: IDs.account(1), ip: "203.0.113.9", device: nil, now: at(60)) == [.resetFromOtherNetwork])
        #expect(projection.signals(account: IDs.account(1), ip: "198.51.100.99", device: nil, now: at(60)) == [])
        #expect(projection.signals(account: IDs.account(1), ip: "203.0.113.9", device: nil, now: at(3601)) == [])
    }

    // MARK: Erasure, snapshots, privacy

    /// Account 1 with a history behind every signal but stuffing; account 2 shares its kiosk.
    func history(_ log: TestLog, clock: LogClock) async throws {
        try await signIn(log, 1, device: "kiosk", ip: "203.0.113.9")
        try await signIn(log, 2, device: "kiosk", ip: "2001:db8:1:2::1")
        for _ in 0..<3 { try await wrongCode(log, 1) }
        try await tokenReused(log, 1)
        try await reset(log, 1, ip: "198.51.100.7")
        clock.advance(1)
    }

    @Test func erasureDropsAnAccountsFacts() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        try await history(log, clock: clock)
        let before = try await folded(log)
        #expect(before.signals(account: IDs.account(1), ip: "192.0.2.1", device: "phone", now: at(60))
            == [.newDevice, .newNetwork, .secondFactorBurst, .recentTokenReuse, .resetFromOtherNetwork])
        #expect(before.signals(account: IDs.account(3), ip: nil, device: "kiosk", now: at(60)) == [.sharedDevice])

        try await erased(log, 1)
        let after = try await folded(log)
        #expect(after.signals(account: IDs.account(1), ip: "192.0.2.1", device: "phone", now: at(60)) == [])
        #expect(after.signals(account: IDs.account(3), ip: nil, device: "kiosk", now: at(60)) == [], "the erased account no longer counts on the kiosk")
        #expect(after.signals(account: IDs.account(2), ip: "192.0.2.1", device: "kiosk", now: at(60)) == [.newNetwork], "others keep theirs")
        let snapshot = String(decoding: try after.snapshot(), as: UTF8.self)
        #expect(!snapshot.contains(IDs.account(1).description))
    }

    /// What a projection answers to a fixed set of questions.
    func answers(_ p: RiskProjection) -> [String] {
        var out: [String] = []
        for n in 1...3 {
            for ip in [nil, "203.0.113.9", "198.51.100.7", "2001:db8:1:9::1", "192.0.2.1"] {
                for device in [nil, "kiosk", "phone"] {
                    for t in [60.0, 1000, 5000, 90_000] {
                        let signals = p.signals(account: IDs.account(n), ip: ip, device: device, now: at(t)).map(\.rawValue).joined(separator: ",")
                        out.append("\(n) \(ip ?? "-") \(device ?? "-") \(t): \(signals)")
                    }
                }
            }
        }
        for ip in ["198.51.100.7", "203.0.113.9"] {
            out.append("\(ip) evidence \(p.stuffingEvidence(from: ip, now: at(60)).map { "\($0.failures)/\($0.targets)" } ?? "none")")
            out.append("\(ip) throttled \(p.isThrottled(ip, now: at(60)))")
        }
        return out
    }

    func richLog(_ log: TestLog, clock: LogClock) async throws {
        try await history(log, clock: clock)
        for n in 1...5 { try await unknownAddress(log, 100 + n, ip: "198.51.100.7") }
        let source = RiskProjection(key: key, policy: policy).sourceKey("198.51.100.7")
        try await log.append(CredentialStuffingDetected(sourceKey: source, network: "198.51.100.0/24", accounts: 5, failures: 5, windowSeconds: 600,
                                                        throttledUntil: at(3600)), to: "stuffing-\(source)", ip: nil)
    }

    @Test func aSnapshotRestoresTheSameAnswers() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        try await richLog(log, clock: clock)
        let original = try await folded(log)
        let restored = RiskProjection(key: key, policy: policy)
        try restored.restore(from: try original.snapshot())
        let expected = answers(original)
        #expect(expected.contains { $0.hasSuffix(": newDevice,newNetwork,secondFactorBurst,recentTokenReuse,resetFromOtherNetwork") })
        #expect(expected.contains("198.51.100.7 throttled true"))
        #expect(answers(restored) == expected)
        #expect(answers(RiskProjection(key: key, policy: policy)) != expected, "an empty projection answers differently")
    }

    @Test func noAddressReachesTheSnapshot() async throws {
        let clock = LogClock(t0)
        let log = try TestLog(clock: clock)
        try await richLog(log, clock: clock)
        let projection = try await folded(log)
        // It did learn the networks: the one signed in from is known, another one is new.
        #expect(!projection.signals(account: IDs.account(1), ip: "203.0.113.77", device: "kiosk", now: at(60)).contains(.newNetwork))
        #expect(projection.signals(account: IDs.account(1), ip: "192.0.2.1", device: "kiosk", now: at(60)).contains(.newNetwork))
        let snapshot = String(decoding: try projection.snapshot(), as: UTF8.self)
        for fragment in ["203.0.113", "198.51.100", "2001:db8", "192.0.2", "/24", "/48"] {
            #expect(!snapshot.contains(fragment), "the snapshot holds \(fragment)")
        }
    }

    @Test func networksAreKeyedHashesOfTheSameCut() {
        let p = RiskProjection(key: key, policy: policy)
        #expect(p.sourceKey("203.0.113.9") == p.sourceKey("203.0.113.250"))
        #expect(p.sourceKey("203.0.113.9") == p.sourceKey("203.0.113.0/24"))
        #expect(p.sourceKey("203.0.113.9") != p.sourceKey("203.0.114.9"))
        #expect(p.sourceKey("2001:db8:1:2::1") == p.sourceKey("2001:db8:1:ffff::9"))
        #expect(p.sourceKey("2001:db8:1:2::1") != p.sourceKey("2001:db8:2::1"))
        let otherKey = RiskProjection(key: [UInt8](repeating: 8, count: 32), policy: policy)
        #expect(otherKey.sourceKey("203.0.113.9") != p.sourceKey("203.0.113.9"), "without the key a hash cannot be matched to a network")
    }
}
