import Foundation

/// A reason to distrust a sign-in, found in the log.
public enum RiskSignal: String, Codable, Sendable, CaseIterable, Comparable {
    /// The account never signed in from this device.
    case newDevice
    /// The account never signed in from this network (IPv4 /24, IPv6 /48).
    case newNetwork
    /// This address has failed against many different accounts lately (credential stuffing).
    case credentialStuffingSource
    /// This device signed in to many different accounts lately.
    case sharedDevice
    /// Many wrong second-factor codes for this account lately.
    case secondFactorBurst
    /// A refresh token of this account was reused lately (a stolen session).
    case recentTokenReuse
    /// The password was reset a moment ago from another network.
    case resetFromOtherNetwork

    public static func < (a: RiskSignal, b: RiskSignal) -> Bool { a.rawValue < b.rawValue }
}

/// How risky a sign-in looks: the signals found and their weighted score.
public struct RiskAssessment: Sendable, Equatable, Codable {
    public var signals: [RiskSignal]
    public var score: Int
    public var threshold: Int

    public init(signals: [RiskSignal], weights: [RiskSignal: Int], threshold: Int) {
        self.signals = signals.sorted()
        self.score = signals.reduce(0) { $0 + (weights[$1] ?? 0) }
        self.threshold = threshold
    }

    public var isRisky: Bool { score >= threshold }
    public static let none = RiskAssessment(signals: [], weights: [:], threshold: 1)
}

/// Weights and threshold of the risk score, and the windows the signals look at (configuration).
public struct RiskPolicy: Sendable, Equatable {
    public var weights: [RiskSignal: Int]
    public var threshold: Int
    /// Distinct accounts failed from one address within `stuffingWindow` that mark it as a stuffing source.
    public var stuffingAccounts: Int
    public var stuffingWindow: TimeInterval
    /// Distinct accounts signed in from one device within `sharedDeviceWindow`.
    public var sharedDeviceAccounts: Int
    public var sharedDeviceWindow: TimeInterval
    /// Failed second-factor codes within `secondFactorWindow`.
    public var secondFactorFailures: Int
    public var secondFactorWindow: TimeInterval
    public var tokenReuseWindow: TimeInterval
    public var resetWindow: TimeInterval

    public init(
        weights: [RiskSignal: Int] = [
            .newDevice: 20, .newNetwork: 30, .credentialStuffingSource: 60, .sharedDevice: 40, .secondFactorBurst: 60,
            .recentTokenReuse: 60, .resetFromOtherNetwork: 50,
        ],
        threshold: Int = 50, stuffingAccounts: Int = 10, stuffingWindow: TimeInterval = 600, sharedDeviceAccounts: Int = 5,
        sharedDeviceWindow: TimeInterval = 86400, secondFactorFailures: Int = 5, secondFactorWindow: TimeInterval = 900,
        tokenReuseWindow: TimeInterval = 86400, resetWindow: TimeInterval = 3600
    ) {
        self.weights = weights
        self.threshold = threshold
        self.stuffingAccounts = stuffingAccounts
        self.stuffingWindow = stuffingWindow
        self.sharedDeviceAccounts = sharedDeviceAccounts
        self.sharedDeviceWindow = sharedDeviceWindow
        self.secondFactorFailures = secondFactorFailures
        self.secondFactorWindow = secondFactorWindow
        self.tokenReuseWindow = tokenReuseWindow
        self.resetWindow = resetWindow
    }

    public func assess(_ signals: [RiskSignal]) -> RiskAssessment { RiskAssessment(signals: signals, weights: weights, threshold: threshold) }
}
