import Domain
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
    /// Session lifetimes, link lifetimes and password expiry.
    public var sessions = SessionPolicy()
    /// When repeated failures lock an account.
    public var lockout = LockoutPolicy()
    /// Token buckets on every authentication endpoint, per client IP and per account (e-mail address).
    public var rateLimitPerIP = RateLimit(capacity: 30, per: .seconds(60))
    public var rateLimitPerAccount = RateLimit(capacity: 10, per: .seconds(60))
    /// The address people reach the portal at; links in e-mails start with it.
    public var publicURL: String?
    /// Where outgoing mail goes: a folder of .eml files (default `<data>/mail`) or an SMTP server.
    public var mail = MailSettings()
    /// The proof-of-work CAPTCHA: off, or on with this many leading zero bits (each bit doubles the work).
    public var captchaDifficulty: Int? = 18
    /// Failed sign-ins (from one network, or of one account) after which sign-in needs the CAPTCHA too.
    public var captchaAfterFailures = 3
    /// How sign-ins are scored, and when an address counts as a credential-stuffing source.
    public var risk = RiskPolicy()
    /// How long sign-ins from a stuffing source stay throttled.
    public var stuffingThrottle: TimeInterval = 3600
    /// Sign-in attempts a throttled network may still make.
    public var throttledRate = RateLimit(capacity: 3, per: .seconds(60))
    /// How long a second-factor challenge stays open.
    public var challengeLifetime: TimeInterval = 600
    /// "Sign in with …" providers (OpenID Connect).
    public var externalProviders: [ExternalProviderSettings] = []
    /// Ticket workflow windows, SLA targets and business calendar, attachment limits.
    public var tickets = TicketSettings()
    /// The knowledge base: deflection window, view counting, votes, demo content.
    public var knowledge = KnowledgeSettings()
    /// Tutorials: upload limits, demo tutorial, the address printed on certificates.
    public var tutorials = TutorialSettings()
    /// The chatbot's intent classifier: starter intents, scheduled retraining, the held-out split.
    public var intents = IntentSettings()
    public var chat = ChatSettings()
    /// The sentence encoder's folder (`model.safetensors`, `tokenizer.json`, `config.json`), checked
    /// against its SHA-256 hashes at start. Nil: no search by meaning (lexical-only).
    public var modelFolder: String?
    /// Threads that run the sentence encoder. Default: one per core.
    public var encoderThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// The base of links in e-mails.
    public var baseURL: String { publicURL ?? "http://\(host):\(port)" }

    public init() {}

    /// A configuration for tests: a given folder, the cheapest password cost OWASP accepts.
    public static func testing(dataFolder: String) -> PortalConfiguration {
        var c = PortalConfiguration()
        c.dataFolder = dataFolder
        c.passwordCost = .owaspMinimum
        c.hashingThreads = 2
        c.logLevel = .warning
        // Tests make many requests from one address in a moment; those about limits set their own.
        c.rateLimitPerIP = RateLimit(capacity: 100_000, per: .seconds(1))
        c.rateLimitPerAccount = RateLimit(capacity: 100_000, per: .seconds(1))
        // Tests that are about the CAPTCHA turn it on; an 8-bit one is solved in a few hundred hashes.
        c.captchaDifficulty = nil
        c.chat.messagesPerParticipant = RateLimit(capacity: 100_000, per: .seconds(1))
        c.chat.startsPerClient = RateLimit(capacity: 100_000, per: .seconds(1))
        return c
    }
}
