import BlobStore
import Domain
import EventStore
import Foundation
import Logging
import Prometheus
import Projections
import Semantics

/// The running portal: the log, the projections and the services built on them. One per process.
public final class Portal: Sendable {
    public let configuration: PortalConfiguration
    public let store: EventStore
    public let runner: ProjectionRunner
    public let accounts: AccountsProjection
    public let securityLog: SecurityLogProjection
    public let sessions: SessionsProjection
    public let risk: RiskProjection
    public let alerts: SecurityAlertsProjection
    public let identity: IdentityService
    public let categories: CategoriesProjection
    public let tickets: TicketDirectoryProjection
    public let slaClocks: SLAClocksProjection
    public let csat: CSATProjection
    public let inbox: TicketInboxProjection
    public let ticketService: TicketService
    public let knowledge: KnowledgeService
    public let tutorials: TutorialService
    /// The chatbot's intents and the live intent classifier.
    public let intents: IntentModelService
    /// The chat assistant, its live handoff to agents and its learning queue.
    public let chat: ChatService
    /// Search by meaning, or lexical-only without a model.
    public let semantic: SemanticIndex
    let encoderPool: EncoderPool?
    let blobs: BlobStore
    let ticketReactor: TicketReactor
    public let tokens: AccessTokens
    public let registry: PrometheusCollectorRegistry
    let hasher: PasswordHasher
    let outbox: MailOutbox
    let externalProviders: ExternalProviders
    let renderer: PageRenderer
    let csrf: CSRFProtection
    let logger: Logger

    /// Opens the data folder (creating it on first start), restores the projections and starts them.
    public static func open(_ configuration: PortalConfiguration, registry: PrometheusCollectorRegistry = .init(), logger: Logger) async throws -> Portal {
        let store = try EventStore(.init(folder: DataFolder(path: configuration.dataFolder), keyFile: configuration.keyFile))
        do {
            return try await Portal(configuration: configuration, store: store, registry: registry, logger: logger)
        } catch {
            store.close()
            throw error
        }
    }

    private init(configuration: PortalConfiguration, store: EventStore, registry: PrometheusCollectorRegistry, logger: Logger) async throws {
        guard let masterKey = store.masterKey else { throw EventStoreError.keyFile(path: configuration.keyFile ?? store.folder.defaultKeyFile, reason: "missing") }
        self.configuration = configuration
        self.store = store
        self.registry = registry
        self.logger = logger
        let pool = try SemanticIndex.loadEncoder(folder: configuration.modelFolder, threads: configuration.encoderThreads, logger: logger)
        encoderPool = pool
        let projections = PortalProjections(masterKey: masterKey, risk: configuration.risk, sla: configuration.tickets.sla, encoder: pool)
        semantic = SemanticIndex(encoder: pool, vectors: projections.semantic, modelFolder: pool == nil ? nil : configuration.modelFolder)
        accounts = projections.accounts
        securityLog = projections.securityLog
        sessions = projections.sessions
        risk = projections.risk
        alerts = projections.alerts
        categories = projections.categories
        tickets = projections.tickets
        slaClocks = projections.slaClocks
        csat = projections.csat
        inbox = projections.inbox
        runner = ProjectionRunner(store: store, projections: projections.all, logger: logger)
        hasher = try PasswordHasher(cost: configuration.passwordCost, threads: configuration.hashingThreads)
        tokens = try await AccessTokens(masterKey: masterKey, lifetime: configuration.accessTokenLifetime)
        identity = IdentityService(
            store: store, accounts: accounts, sessions: sessions, risk: risk, runner: runner, hasher: hasher, masterKey: masterKey, tokens: tokens,
            policy: PasswordPolicy(commonPasswords: try CommonPasswords.load()), configuration: configuration, logger: logger)
        blobs = try BlobStore(directory: URL(fileURLWithPath: store.folder.path).appendingPathComponent("blobs"), key: masterKey.derive(purpose: "blob-store/v1"))
        ticketService = TicketService(store: store, runner: runner, identity: identity, projections: projections, semantic: semantic, blobs: blobs,
                                      masterKey: masterKey, settings: configuration.tickets, logger: logger)
        ticketReactor = TicketReactor(service: ticketService, logger: logger)
        knowledge = KnowledgeService(store: store, runner: runner, identity: identity, projections: projections, semantic: semantic, masterKey: masterKey,
                                     settings: configuration.knowledge, logger: logger)
        var tutorialSettings = configuration.tutorials
        tutorialSettings.publicURL = configuration.baseURL
        tutorials = try TutorialService(store: store, runner: runner, identity: identity, projections: projections, blobs: blobs, masterKey: masterKey,
                                        settings: tutorialSettings, logger: logger)
        intents = IntentModelService(store: store, runner: runner, identity: identity, catalog: projections.intents, blobs: blobs,
                                     encoder: pool, settings: configuration.intents, logger: logger)
        chat = ChatService(store: store, runner: runner, identity: identity, projections: projections, knowledge: knowledge, tickets: ticketService,
                           semantic: semantic, understanding: PortalChatUnderstanding(models: intents), settings: configuration.chat, logger: logger)
        renderer = try await PageRenderer.load()
        csrf = CSRFProtection(masterKey: masterKey, secure: configuration.secureCookies)
        outbox = MailOutbox(
            store: store, repository: identity.repository,
            planner: NotificationPlanner(links: identity.links, secondFactors: identity.secondFactors, baseURL: configuration.baseURL,
                                         tickets: TicketMailPlanner(store: store, inbox: projections.inbox, ratingLinks: ticketService.ratingLinks,
                                                                    baseURL: configuration.baseURL)),
            composer: MailComposer(from: try configuration.mail.sender(), baseURL: configuration.baseURL),
            transport: try configuration.mail.transport(
                dataFolder: store.folder.path, heloName: URL(string: configuration.baseURL)?.host ?? "localhost", logger: logger),
            logger: logger)
        externalProviders = try ExternalProviders(settings: configuration.externalProviders, baseURL: configuration.baseURL)
        try runner.start()
        try await outbox.start()
        try await ticketReactor.start()
        chat.startSweeping()
        if configuration.tickets.starterCategory { try await ticketService.ensureStarterCategory() }
        if configuration.knowledge.demoContent { try await knowledge.importDemoContentIfEmpty() }
        if configuration.tutorials.demoContent { try await tutorials.importDemoTutorialIfEmpty() }
        await intents.loadPromoted()
        if configuration.intents.seedContent { try await intents.importSeedIntentsIfEmpty() }
        intents.startSchedule()
    }

    /// Stops the outbox and the projections (writing their checkpoints), the hashing threads, and closes the log.
    public func shutdown() async {
        await intents.stop()
        await chat.stopSweeping()
        await ticketReactor.stop()
        await outbox.stop()
        // Texts still being encoded get their vectors into the final checkpoint when they make it in time.
        _ = await semantic.vectors?.waitUntilEncoded(timeout: .seconds(5))
        await runner.stop()
        await semantic.vectors?.stopEncoding()
        encoderPool?.shutDown()
        await hasher.shutdown()
        store.close()
    }
}

extension Portal {
    /// One round of ticket housekeeping as if it were `now`: SLA warnings and breaches, auto-close,
    /// archive, attachments of erased customers (the reactor runs this every interval by itself).
    @discardableResult
    public func runTicketHousekeeping(at now: Date) async throws -> (warnings: Int, breaches: Int, closed: Int, archived: Int, erasedFiles: Int) {
        let r = try await ticketReactor.runOnce(now: now)
        return (r.warnings, r.breaches, r.closed, r.archived, r.erasedBlobs)
    }

    /// The last log position the mail outbox has dealt with (for tests and `/readyz`).
    public var outboxPosition: UInt64 { outbox.position }
}
