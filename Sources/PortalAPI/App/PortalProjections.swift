import Projections

/// The projections a portal runs, by name. `portalctl rebuild` uses the same list.
public enum PortalProjections {
    public static func make() -> (accounts: AccountsProjection, securityLog: SecurityLogProjection, sessions: SessionsProjection, all: [any Projection]) {
        let accounts = AccountsProjection()
        let securityLog = SecurityLogProjection()
        let sessions = SessionsProjection()
        return (accounts, securityLog, sessions, [accounts, securityLog, sessions])
    }
}
