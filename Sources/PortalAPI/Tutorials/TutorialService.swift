import BlobStore
import Domain
import EventStore
import Foundation
import Logging
import Projections

/// Tutorials: editors write them (each a stream of revisions, like articles) and upload their media; learners
/// go through the steps, and their progress, notes, ratings and certificates are events on streams of their own.
/// Reads come from the `tutorial-catalog` and `learning` projections. Audience rules come from the knowledge base
/// (``KnowledgeViewer``): a tutorial a learner may not take answers exactly like one that does not exist.
public final class TutorialService: Sendable, EventWriting {
    let store: EventStore
    let runner: ProjectionRunner
    let identity: IdentityService
    public let catalog: TutorialCatalogProjection
    public let learning: LearningProjection
    let knowledge: KnowledgeCatalogProjection
    let blobs: BlobStore
    let settings: TutorialSettings
    let signingSeed: [UInt8]
    /// The portal's certificate-signing public key and its short id.
    public let publicKey: [UInt8]
    public let keyID: String
    let logger: Logger

    /// Tutorials' media are not personal data: they live under one blob-store subject of their own.
    static let mediaSubject = "tutorial-media"

    init(store: EventStore, runner: ProjectionRunner, identity: IdentityService, projections: PortalProjections, blobs: BlobStore,
         masterKey: MasterKey, settings: TutorialSettings, logger: Logger) throws {
        self.store = store
        self.runner = runner
        self.identity = identity
        self.catalog = projections.tutorials
        self.learning = projections.learning
        self.knowledge = projections.knowledge
        self.blobs = blobs
        self.settings = settings
        self.signingSeed = masterKey.derive(purpose: "certificate-ed25519/v1")
        let pair = try Sodium.ed25519KeyPair(seed: signingSeed)
        self.publicKey = pair.publicKey
        self.keyID = Self.keyID(of: pair.publicKey)
        self.logger = logger
    }

    /// The first 16 hex digits of the public key's BLAKE2b-256.
    public static func keyID(of publicKey: [UInt8]) -> String {
        Sodium.blake2b(publicKey, outputLength: 32).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public func viewer(_ account: AccountID?) -> KnowledgeViewer {
        guard let account else { return .anonymous }
        return KnowledgeViewer(account: account, roles: (try? identity.roles(of: account)) ?? [])
    }

    func requireEditor(_ account: AccountID) throws -> String {
        guard viewer(account).isEditor else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                 detail: "Editing tutorials needs the editor role (granted with `portalctl accounts grant-role ACCOUNT editor`).")
        }
        return account.stream
    }

    /// The tutorial when `viewer` may take it; editors also reach drafts. Anything else is "not found".
    public func readable(_ slug: String, viewer: KnowledgeViewer) throws -> Tutorial {
        guard KnowledgeSlug.isValid(slug), let found = catalog.tutorial(slug)?.tutorial,
              found.isReadable(by: viewer) || (viewer.isEditor && found.exists) else { throw DomainError.notFound("tutorial") }
        return found
    }

    // MARK: Editing

    @discardableResult
    public func create(slug: String, content: TutorialContent, publish: Bool, by account: AccountID) async throws -> UInt64 {
        let author = try requireEditor(account)
        return try await create(slug: slug, content: content, publish: publish, author: author)
    }

    /// Creates a tutorial as `author` (an editor's stream name, or `import` for the demo content).
    func create(slug: String, content: TutorialContent, publish: Bool, author: String) async throws -> UInt64 {
        let existing = catalog.tutorial(slug)?.tutorial ?? Tutorial()
        let created = try Tutorial.decideCreate(slug: slug, content: content, author: author, existing: existing, categoryExists: categoryExists)
        var events: [any DomainEvent] = [created]
        if publish { events.append(TutorialStatusChanged(slug: slug, from: .draft, to: .published, author: author)) }
        let position = try await append(events, stream: Tutorial.stream(slug), expected: .noStream, actor: author)
        await settle(position)
        return position
    }

    @discardableResult
    public func revise(_ slug: String, content: TutorialContent, note: String, by account: AccountID) async throws -> UInt64 {
        let author = try requireEditor(account)
        return try await retrying {
            guard let (tutorial, version) = catalog.tutorial(slug) else { throw DomainError.notFound("tutorial") }
            let event = try tutorial.decideRevise(content, author: author, note: note, categoryExists: categoryExists)
            let position = try await append([event], stream: Tutorial.stream(slug), expected: .exact(version), actor: author)
            await settle(position)
            return position
        }
    }

    @discardableResult
    public func setStatus(_ slug: String, to status: KnowledgeStatus, by account: AccountID) async throws -> UInt64 {
        let author = try requireEditor(account)
        return try await retrying {
            guard let (tutorial, version) = catalog.tutorial(slug) else { throw DomainError.notFound("tutorial") }
            let event = try tutorial.decideStatus(status, author: author)
            let position = try await append([event], stream: Tutorial.stream(slug), expected: .exact(version), actor: author)
            await settle(position)
            return position
        }
    }

    func categoryExists(_ slug: String) -> Bool { knowledge.categoryTree[slug] != nil }

    // MARK: Plumbing (appending and retrying come from ``EventWriting``)

    /// Waits until the tutorial projections have applied `position`, so a write is visible to the next read.
    func settle(_ position: UInt64) async {
        _ = await runner.waitUntil(position, projections: [catalog.name, learning.name], timeout: .seconds(5))
    }
}
