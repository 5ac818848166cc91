import BlobStore
import Domain
import EventStore
import Foundation
import Logging
import Projections

/// Tickets: opening through a category's form, the conversation, the agents' levers, feedback, drafts,
/// history and exports. Decides through the Domain and appends with optimistic concurrency; reads come
/// from the ticket projections and, for one ticket, from its own stream.
///
/// The operations live in extensions by topic (`+Open`, `+Conversation`, `+Attachments`, `+Feedback`,
/// `+Drafts`, `+History`, `+Export`, `+Categories`).
public final class TicketService: Sendable {
    let store: EventStore
    let runner: ProjectionRunner
    let identity: IdentityService
    let directory: TicketDirectoryProjection
    let clocks: SLAClocksProjection
    let csat: CSATProjection
    let inbox: TicketInboxProjection
    let semantic: SemanticIndex
    let categories: CategoriesProjection
    let blobs: BlobStore
    let repository: TicketRepository
    let settings: TicketSettings
    let ratingLinks: RatingLinks
    let limitWrites: RateLimiter
    let limitDrafts: RateLimiter
    let logger: Logger
    private let maxAttempts = 5

    init(store: EventStore, runner: ProjectionRunner, identity: IdentityService, projections: PortalProjections, semantic: SemanticIndex = .lexicalOnly,
         blobs: BlobStore, masterKey: MasterKey, settings: TicketSettings, logger: Logger) {
        self.store = store
        self.runner = runner
        self.identity = identity
        self.directory = projections.tickets
        self.clocks = projections.slaClocks
        self.csat = projections.csat
        self.inbox = projections.inbox
        self.semantic = semantic
        self.categories = projections.categories
        self.blobs = blobs
        self.repository = TicketRepository(store: store)
        self.settings = settings
        self.ratingLinks = RatingLinks(masterKey: masterKey)
        self.limitWrites = RateLimiter(settings.writesPerAccount)
        self.limitDrafts = RateLimiter(settings.draftsPerAccount)
        self.logger = logger
    }

    /// Who is acting: an agent (or admin) sees every ticket; anyone else is a customer.
    func actor(_ account: AccountID) throws -> TicketActor {
        let roles = try identity.roles(of: account)
        return TicketActor(account: account, isAgent: roles.contains(.agent) || roles.contains(.admin))
    }

    /// A ticket the actor may see, or `DomainError.notFound` — the same for a stranger's ticket and a
    /// ticket that does not exist, so ids cannot be probed.
    func visibleTicket(_ id: UUID, to actor: TicketActor) throws -> TicketRepository.Loaded {
        let loaded = try repository.load(id)
        guard loaded.ticket.isVisible(to: actor) else { throw DomainError.notFound("ticket") }
        return loaded
    }

    func context() -> DecisionContext { DecisionContext(now: Date(), newID: { UUIDv7.make() }) }

    func limit(_ account: AccountID, drafts: Bool = false) throws {
        if let wait = (drafts ? limitDrafts : limitWrites).take(account.description) { throw RateLimited(retryAfter: wait) }
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

    /// Appends events to a ticket's stream at `version`, sealed under the requester's key (an agent's
    /// reply is part of the customer's conversation and is erased with it).
    @discardableResult
    func append(_ events: [any DomainEvent], to ticket: UUID, version: UInt64, requester: AccountID, client: ClientContext, actor: String,
                extra: [StreamAppend] = []) async throws -> UInt64 {
        let metadata = client.metadata(actor: actor)
        let append = StreamAppend(stream: Ticket.stream(ticket), expected: version == 0 ? .noStream : .exact(version),
                                  events: try events.map { try EventEnvelope.make($0, subject: requester.stream, metadata: metadata) })
        let position = try await store.append([append] + extra).lastPosition
        await settle(position)
        return position
    }

    /// Waits until the ticket projections have seen `position` (read-your-writes for the next request).
    func settle(_ position: UInt64) async {
        _ = await runner.waitUntil(position, projections: [directory.name, clocks.name, inbox.name, csat.name], timeout: .seconds(5))
    }

    /// Drops what memory holds of an erased customer's tickets and deletes their attachments.
    func subjectErased(_ account: AccountID) throws -> Int {
        repository.forget(requester: account)
        return try blobs.deleteAll(subject: account.stream)
    }
}
