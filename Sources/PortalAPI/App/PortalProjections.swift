import Domain
import EventStore
import Projections

/// The projections a portal runs. `portalctl rebuild` and `stats` use the same list.
public struct PortalProjections: Sendable {
    public let accounts: AccountsProjection
    public let securityLog: SecurityLogProjection
    public let sessions: SessionsProjection
    public let risk: RiskProjection
    public let alerts: SecurityAlertsProjection

    public var all: [any Projection] { [accounts, securityLog, sessions, risk, alerts] }

    /// The names, for commands that only list them.
    public static let names = ["accounts", "security-log", "sessions", "risk", "security-alerts"]

    public init(masterKey: MasterKey, risk policy: RiskPolicy) {
        accounts = AccountsProjection()
        securityLog = SecurityLogProjection()
        sessions = SessionsProjection()
        risk = RiskProjection(key: masterKey.derive(purpose: "risk-network/v1"), policy: policy)
        alerts = SecurityAlertsProjection()
    }
}
