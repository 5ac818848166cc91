import EventStore
import Foundation
import Logging

/// Everything an operator can set. Each field has a flag on `portalctl serve` and an environment
/// variable (documented in the README and docs/operations.md).
public struct PortalConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The data folder (log, key file).
    public var dataFolder = "data"
    /// Master key file; default `<dataFolder>/master.key`.
    public var keyFile: String?
    /// Argon2id cost for new password hashes.
    public var passwordCost = Sodium.PasswordCost.standard
    /// Threads that run password hashing, off the event loop. Default: one per core.
    public var hashingThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Lifetime of access tokens.
    public var accessTokenLifetime: Duration = .seconds(15 * 60)
    /// Mark cookies `Secure`. Browsers accept Secure cookies from http://127.0.0.1 and localhost, so
    /// this stays on unless the portal is reached over plain HTTP under another name.
    public var secureCookies = true
    /// Largest JSON request body accepted.
    public var maxJSONBodyBytes = 64 << 10
    public var logLevel: Logger.Level = .info
    /// Password rules for new passwords.
    public var passwordMinimumLength = 12

    public init() {}

    /// A configuration for tests: a given folder, the cheapest password cost OWASP accepts.
    public static func testing(dataFolder: String) -> PortalConfiguration {
        var c = PortalConfiguration()
        c.dataFolder = dataFolder
        c.passwordCost = .owaspMinimum
        c.hashingThreads = 2
        c.logLevel = .warning
        return c
    }
}
