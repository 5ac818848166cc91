import Domain
import EventStore
import Foundation
import Synchronization

/// What the log says about who signs in from where, to score new sign-ins (see ``RiskSignal``).
///
/// It reads the sealed client IPs but keeps only keyed hashes of their networks (IPv4 /24, IPv6 /48),
/// so neither the read model nor its snapshots hold an address; an account's entries are dropped
/// when it is erased. Times are the log's, so a rebuild gives the same state.
public final class RiskProjection: Projection {
    struct AccountFacts: Codable {
        var devices: Set<String> = []
        var networks: Set<String> = []
        var secondFactorFailures: [Int64] = []
        var tokenReuseAt: Int64?
        var resetAt: Int64?
        var resetNetwork: String?
    }
    struct SourceFacts: Codable {
        /// (time, account or address key) of failed sign-ins from this network.
        var failures: [Failure] = []
        var throttledUntil: Int64?
    }
    struct Failure: Codable { var at: Int64; var target: String }
    struct DeviceFacts: Codable { var signIns: [Failure] = [] }
    struct State: Codable {
        var accounts: [String: AccountFacts] = [:]
        var sources: [String: SourceFacts] = [:]
        var devices: [String: DeviceFacts] = [:]
    }

    public let name = "risk"
    public let version = 1
    public let needsPersonalData = true
    public let eventTypes: Set<String>? = [
        CustomerSignedIn.eventType, SignInFailed.eventType, SecondFactorFailed.eventType, RefreshTokenReuseDetected.eventType,
        PasswordReset.eventType, PersonalDataErased.eventType, CredentialStuffingDetected.eventType,
    ]
    private let key: [UInt8]
    public let policy: RiskPolicy
    private let state = Mutex(State())

    /// `key` makes the network hashes unlinkable to addresses without the master key.
    public init(key: [UInt8], policy: RiskPolicy) {
        self.key = key
        self.policy = policy
    }

    /// The keyed hash of the network of `ip` (or of a network as the log stores it).
    public func sourceKey(_ ipOrNetwork: String) -> String {
        Sodium.blake2b(Array(IPNetwork.of(ipOrNetwork).utf8), key: key, outputLength: 16).hex
    }

    private var longestWindow: Int64 {
        Int64(max(policy.stuffingWindow, policy.sharedDeviceWindow, policy.secondFactorWindow) * 1_000_000)
    }

    public func apply(_ event: RecordedEvent) throws {
        let at = event.recordedAtMicros
        let source = event.metadata.clientIP.map(sourceKey)
        switch try event.domainEvent() {
        case let e as CustomerSignedIn:
            state.withLock { s in
                var facts = s.accounts[e.accountID.description] ?? AccountFacts()
                if let d = e.deviceID { facts.devices.insert(d) }
                if let source { facts.networks.insert(source) }
                s.accounts[e.accountID.description] = facts
                if let d = e.deviceID {
                    var device = s.devices[d] ?? DeviceFacts()
                    device.signIns.append(Failure(at: at, target: e.accountID.description))
                    device.signIns = prune(device.signIns, now: at)
                    s.devices[d] = device
                }
            }
        case let e as SignInFailed:
            guard let source, e.reason != .locked else { return }
            let target = e.accountID?.description ?? e.emailKey.value
            state.withLock { s in
                var facts = s.sources[source] ?? SourceFacts()
                facts.failures.append(Failure(at: at, target: target))
                facts.failures = prune(facts.failures, now: at)
                s.sources[source] = facts
            }
        case let e as SecondFactorFailed:
            state.withLock { s in
                var facts = s.accounts[e.accountID.description] ?? AccountFacts()
                facts.secondFactorFailures = facts.secondFactorFailures.filter { at - $0 < longestWindow } + [at]
                s.accounts[e.accountID.description] = facts
            }
        case let e as RefreshTokenReuseDetected:
            state.withLock { s in s.accounts[e.accountID.description, default: AccountFacts()].tokenReuseAt = at }
        case let e as PasswordReset:
            state.withLock { s in
                var facts = s.accounts[e.accountID.description] ?? AccountFacts()
                facts.resetAt = at
                facts.resetNetwork = source
                s.accounts[e.accountID.description] = facts
            }
        case let e as PersonalDataErased:
            state.withLock { s in
                let target = e.accountID.description
                s.accounts[target] = nil
                for (d, facts) in s.devices where facts.signIns.contains(where: { $0.target == target }) {
                    s.devices[d]?.signIns = facts.signIns.filter { $0.target != target }
                }
                for (source, facts) in s.sources where facts.failures.contains(where: { $0.target == target }) {
                    s.sources[source]?.failures = facts.failures.filter { $0.target != target }
                }
            }
        case let e as CredentialStuffingDetected:
            state.withLock { s in s.sources[e.sourceKey, default: SourceFacts()].throttledUntil = Int64(e.throttledUntil.timeIntervalSince1970 * 1_000_000) }
        default:
            break
        }
    }

    private func prune(_ list: [Failure], now: Int64) -> [Failure] {
        let kept = list.filter { now - $0.at < longestWindow }
        return kept.count > 10_000 ? Array(kept.suffix(10_000)) : kept
    }

    /// The signals a sign-in of `account` from `ip` on `device` raises at `now`.
    public func signals(account: AccountID, ip: String?, device: String?, now: Date) -> [RiskSignal] {
        let t = Int64(now.timeIntervalSince1970 * 1_000_000)
        let source = ip.map(sourceKey)
        return state.withLock { s -> [RiskSignal] in
            var found: [RiskSignal] = []
            let facts = s.accounts[account.description]
            if let facts, !facts.devices.isEmpty || !facts.networks.isEmpty {
                if let device, !facts.devices.contains(device) { found.append(.newDevice) }
                if let source, !facts.networks.isEmpty, !facts.networks.contains(source) { found.append(.newNetwork) }
            }
            if let source, stuffing(s.sources[source], now: t) != nil { found.append(.credentialStuffingSource) }
            if let device, let d = s.devices[device] {
                let others = Set(d.signIns.filter { t - $0.at < micros(policy.sharedDeviceWindow) && $0.target != account.description }.map(\.target))
                if others.count + 1 >= policy.sharedDeviceAccounts { found.append(.sharedDevice) }
            }
            if let facts {
                if facts.secondFactorFailures.filter({ t - $0 < micros(policy.secondFactorWindow) }).count >= policy.secondFactorFailures {
                    found.append(.secondFactorBurst)
                }
                if let reuse = facts.tokenReuseAt, t - reuse < micros(policy.tokenReuseWindow) { found.append(.recentTokenReuse) }
                if let reset = facts.resetAt, t - reset < micros(policy.resetWindow), let source, facts.resetNetwork != nil, facts.resetNetwork != source {
                    found.append(.resetFromOtherNetwork)
                }
            }
            return found
        }
    }

    /// Failures from the network of `ip` within the stuffing window: how many, against how many targets.
    public func failures(from ip: String, now: Date) -> (failures: Int, targets: Int) {
        let t = Int64(now.timeIntervalSince1970 * 1_000_000)
        return state.withLock { s in
            let recent = (s.sources[sourceKey(ip)]?.failures ?? []).filter { t - $0.at < micros(policy.stuffingWindow) }
            return (recent.count, Set(recent.map(\.target)).count)
        }
    }

    /// The network of `ip` behaves like a credential-stuffing source now: (failures, distinct targets).
    public func stuffingEvidence(from ip: String, now: Date) -> (failures: Int, targets: Int)? {
        let t = Int64(now.timeIntervalSince1970 * 1_000_000)
        return state.withLock { s in stuffing(s.sources[sourceKey(ip)], now: t) }
    }

    /// Whether sign-ins from the network of `ip` are throttled (a stuffing alert is in force).
    public func isThrottled(_ ip: String, now: Date) -> Bool {
        let t = Int64(now.timeIntervalSince1970 * 1_000_000)
        return state.withLock { s in (s.sources[sourceKey(ip)]?.throttledUntil ?? 0) > t }
    }

    private func stuffing(_ facts: SourceFacts?, now: Int64) -> (failures: Int, targets: Int)? {
        guard let facts else { return nil }
        let recent = facts.failures.filter { now - $0.at < micros(policy.stuffingWindow) }
        let targets = Set(recent.map(\.target)).count
        return targets >= policy.stuffingAccounts ? (recent.count, targets) : nil
    }

    private func micros(_ seconds: TimeInterval) -> Int64 { Int64(seconds * 1_000_000) }

    public func snapshot() throws -> [UInt8] { try SnapshotCodec.encode(state.withLock { $0 }, version: version) }
    public func restore(from snapshot: [UInt8]) throws {
        let restored = try SnapshotCodec.decode(State.self, from: snapshot)
        state.withLock { $0 = restored }
    }
    public func reset() { state.withLock { $0 = State() } }
}
