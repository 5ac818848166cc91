import Domain
import EventStore
import Foundation
import Hummingbird
import Logging
import Projections

/// Accounts and sessions: registration, sign-in, tokens, links, passwords, lockout and the admin's
/// levers. Validates, hashes off the event loop, decides through the Domain, and appends with
/// optimistic concurrency (retrying a few times when another writer got there first).
///
/// The operations live in extensions by topic (`+Registration`, `+SignIn`, `+Sessions`,
/// `+Passwords`, `+Admin`).
public final class IdentityService: Sendable {
    let store: EventStore
    let accounts: AccountsProjection
    let sessions: SessionsProjection
    let runner: ProjectionRunner
    let repository: AccountRepository
    let hasher: PasswordHasher
    let emailKeys: EmailKeyHasher
    let links: LinkTokens
    let tokens: AccessTokens
    let policy: PasswordPolicy
    let sessionPolicy: SessionPolicy
    let lockout: LockoutPolicy
    let limitPerIP: RateLimiter
    let limitPerAccount: RateLimiter
    let limitThrottled: RateLimiter
    let risk: RiskProjection
    let captcha: ProofOfWorkCaptcha?
    let secondFactors: SecondFactorTokens
    let configuration: PortalConfiguration
    let logger: Logger
    private let maxAttempts = 5

    init(store: EventStore, accounts: AccountsProjection, sessions: SessionsProjection, risk: RiskProjection, runner: ProjectionRunner,
         hasher: PasswordHasher, masterKey: MasterKey, tokens: AccessTokens, policy: PasswordPolicy,
         configuration: PortalConfiguration, logger: Logger) {
        self.store = store
        self.accounts = accounts
        self.sessions = sessions
        self.runner = runner
        self.repository = AccountRepository(store: store)
        self.hasher = hasher
        self.emailKeys = EmailKeyHasher(masterKey: masterKey)
        self.links = LinkTokens(masterKey: masterKey)
        self.tokens = tokens
        self.policy = policy
        self.sessionPolicy = configuration.sessions
        self.lockout = configuration.lockout
        self.limitPerIP = RateLimiter(configuration.rateLimitPerIP)
        self.limitPerAccount = RateLimiter(configuration.rateLimitPerAccount)
        self.limitThrottled = RateLimiter(configuration.throttledRate)
        self.risk = risk
        self.captcha = configuration.captchaDifficulty.map { ProofOfWorkCaptcha(masterKey: masterKey, difficulty: $0) }
        self.secondFactors = SecondFactorTokens(masterKey: masterKey)
        self.configuration = configuration
        self.logger = logger
    }

    func context(ids: [UUID] = []) -> DecisionContext {
        let queue = IDQueue(ids)
        return DecisionContext(now: Date(), newID: { queue.next() })
    }

    /// Takes a token from the client's bucket, or throws ``RateLimited``. A network under a
    /// credential-stuffing alert gets a much smaller bucket.
    func limit(_ client: ClientContext) throws {
        if let wait = limitPerIP.take(client.ip ?? "unknown") { throw RateLimited(retryAfter: wait) }
        if let ip = client.ip, risk.isThrottled(ip, now: Date()), let wait = limitThrottled.take(IPNetwork.of(ip)) {
            throw RateLimited(retryAfter: wait)
        }
    }

    /// Checks the CAPTCHA solution when the CAPTCHA is on; throws ``CaptchaRequired`` with a fresh
    /// challenge otherwise.
    func requireCaptcha(_ solution: String?) throws {
        guard let captcha else { return }
        do { try captcha.verify(solution) } catch let refusal as ProofOfWorkCaptcha.Refusal {
            throw CaptchaRequired(reason: refusal.description, challenge: captcha.challenge())
        }
    }

    /// Whether a sign-in must solve the CAPTCHA: after failures from the same network or for the same
    /// account, or while the network is under a stuffing alert.
    func signInNeedsCaptcha(account: Account?, client: ClientContext) -> Bool {
        guard captcha != nil else { return false }
        if let account, account.consecutiveFailures >= configuration.captchaAfterFailures { return true }
        guard let ip = client.ip else { return false }
        return risk.isThrottled(ip, now: Date()) || risk.failures(from: ip, now: Date()).failures >= configuration.captchaAfterFailures
    }

    /// Takes a token from the account's bucket (keyed by its e-mail key, so unknown addresses have
    /// buckets too), or throws ``RateLimited``.
    func limit(account key: EmailKey) throws {
        if let wait = limitPerAccount.take(key.value) { throw RateLimited(retryAfter: wait) }
    }

    /// The account holding an address: the projection first, then the reservation stream itself,
    /// which is authoritative (the projection may not have seen a registration of a moment ago).
    func accountID(for key: EmailKey) throws -> AccountID? {
        if let id = accounts.account(forEmailKey: key) { return id }
        var reservation = EmailReservation()
        for r in try store.read(stream: key.reservationStream) { reservation = reservation.evolve(try r.domainEvent()) }
        return reservation.holder
    }

    /// The active account behind an address typed into a form; nil for a malformed, unknown or erased one.
    func activeAccount(email raw: String) throws -> (AccountID, EmailKey)? {
        guard let email = try? EmailAddress(raw) else { return nil }
        let key = emailKeys.key(for: email)
        guard let id = try accountID(for: key), try repository.load(id).account.status == .active else { return nil }
        return (id, key)
    }

    /// A session's state and stream version.
    func loadSession(_ id: UUID) throws -> (Session, UInt64) {
        var session = Session()
        var version: UInt64 = 0
        for record in try store.read(stream: Session.stream(id), limit: 10_000) {
            session = session.evolve(try record.domainEvent())
            version = record.streamVersion
        }
        return (session, version)
    }

    func retrying<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do { return try await body() } catch let e as EventStoreError {
                guard case .wrongExpectedVersion = e, attempt < maxAttempts - 1 else { throw e }
                attempt += 1
            }
        }
    }

    /// Waits until the session projection has seen `position`, so the next request sees the change
    /// (a revoked session must stop working at once).
    func settle(_ position: UInt64) async {
        _ = await runner.waitUntil(position, projections: [sessions.name, accounts.name], timeout: .seconds(5))
    }

    /// Appends `events` to the account stream at `version` (and `extra` streams in the same transaction).
    @discardableResult
    func append(_ events: [AccountEvent], to id: AccountID, version: UInt64, client: ClientContext, actor: String? = nil,
                extra: [StreamAppend] = []) async throws -> UInt64 {
        let metadata = client.metadata(actor: actor ?? id.description)
        let account = StreamAppend(stream: id.stream, expected: version == 0 ? .noStream : .exact(version),
                                   events: try events.map { try EventEnvelope.make($0.payload, subject: id.stream, metadata: metadata) })
        return try await store.append([account] + extra).lastPosition
    }

    /// A SessionRevoked append for each of `targets`, each at its stream version.
    func revocations(_ targets: [SessionsProjection.Summary], reason: SessionEndReason, client: ClientContext, actor: String) throws -> [StreamAppend] {
        try targets.compactMap { summary in
            let (session, version) = try loadSession(summary.id)
            guard let revoked = session.revoke(reason) else { return nil }
            return StreamAppend(stream: Session.stream(summary.id), expected: .exact(version), events: [
                try EventEnvelope.make(revoked, subject: summary.accountID.stream, metadata: client.metadata(actor: actor)),
            ])
        }
    }
}

/// Hands out the ids a decision asks for: given ones first, then fresh time-ordered ones.
final class IDQueue: @unchecked Sendable {
    // Used by one decision on one task at a time; the lock only guards against misuse.
    private var ids: [UUID]
    private let lock = NSLock()
    init(_ ids: [UUID]) { self.ids = ids }
    func next() -> UUID {
        lock.lock()
        defer { lock.unlock() }
        return ids.isEmpty ? UUIDv7.make() : ids.removeFirst()
    }
}

/// Wrong e-mail or password — deliberately not saying which.
public struct AuthenticationFailed: Error, Sendable {}

/// The request needs a solved CAPTCHA (missing, wrong, expired or replayed); here is a new challenge.
public struct CaptchaRequired: Error, Sendable {
    public var reason: String
    public var challenge: CaptchaChallenge
}
