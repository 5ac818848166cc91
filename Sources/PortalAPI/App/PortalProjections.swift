import Projections

/// The projections a portal runs, by name. `portalctl rebuild` uses the same list.
public enum PortalProjections {
    public static func make() -> (accounts: AccountsProjection, securityLog: SecurityLogProjection, all: [any Projection]) {
        let accounts = AccountsProjection()
        let securityLog = SecurityLogProjection()
        return (accounts, securityLog, [accounts, securityLog])
    }
}
