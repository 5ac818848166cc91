import Domain
import EventStore
import Foundation
import Logging
import Projections
import Semantics

/// The knowledge base: editors write articles and FAQ entries (each a stream of revisions), readers find,
/// read, rate and bookmark them, and every view, search and suggestion is recorded for the self-service
/// analytics. Decides through the Domain, appends with optimistic concurrency; reads come from the
/// `knowledge-catalog` and `knowledge-search` projections and, for revisions, from the item's stream.
///
/// Audience rules are applied here, in one place (``readable(_:viewer:)``, ``KnowledgeViewer/audiences``):
/// every route that can reveal an item goes through them.
public final class KnowledgeService: Sendable, EventWriting {
    let store: EventStore
    let runner: ProjectionRunner
    let identity: IdentityService
    public let catalog: KnowledgeCatalogProjection
    let search: KnowledgeSearchProjection
    let analytics: SelfServiceAnalyticsProjection?
    public let comments: KnowledgeCommentsProjection
    let semantic: SemanticIndex
    let settings: KnowledgeSettings
    let deviceKey: [UInt8]
    let views: RecentViews
    let limitVotes: RateLimiter
    let logger: Logger

    init(store: EventStore, runner: ProjectionRunner, identity: IdentityService, projections: PortalProjections, semantic: SemanticIndex,
         masterKey: MasterKey, settings: KnowledgeSettings, logger: Logger) {
        self.store = store
        self.runner = runner
        self.identity = identity
        self.catalog = projections.knowledge
        self.search = projections.knowledgeSearch
        self.analytics = projections.selfService
        self.comments = projections.knowledgeComments
        self.semantic = semantic
        self.settings = settings
        self.deviceKey = masterKey.derive(purpose: "knowledge-visitor/v1")
        self.views = RecentViews(window: settings.repeatViewWindow)
        self.limitVotes = RateLimiter(settings.votesPerVisitor)
        self.logger = logger
    }

    /// The reader behind an account (nil: anonymous), with their roles.
    public func viewer(_ account: AccountID?) -> KnowledgeViewer {
        guard let account else { return .anonymous }
        return KnowledgeViewer(account: account, roles: (try? identity.roles(of: account)) ?? [])
    }

    /// The editor's actor name, or `forbidden` when the account may not edit.
    func requireEditor(_ account: AccountID) throws -> String {
        guard viewer(account).isEditor else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                 detail: "Editing the knowledge base needs the editor role (granted with `portalctl accounts grant-role ACCOUNT editor`).")
        }
        return account.stream
    }

    /// A device id from a browser cookie, turned into the pseudonymous visitor recorded in events.
    public func visitor(account: AccountID?, device: String?) -> KnowledgeVisitor? {
        if let account { return .account(account) }
        guard let device, !device.isEmpty, device.count <= 100 else { return nil }
        let hash = Sodium.blake2b(Array(device.utf8), key: deviceKey, outputLength: 16)
        return .device(hash.map { String(format: "%02x", $0) }.joined())
    }

    /// Waits until the catalog (and search) have applied `position`, so a write is visible to the next read.
    func settle(_ position: UInt64) async {
        _ = await runner.waitUntil(position, projections: settleNames, timeout: .seconds(5))
    }

    var settleNames: [String] { [catalog.name, search.name] }
}
