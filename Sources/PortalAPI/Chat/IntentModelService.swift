import BlobStore
import Crypto
import Domain
import EventStore
import Foundation
import Logging
import NLU
import Projections
import Semantics
import Synchronization

/// The chatbot's intents and their classifier. Editors define intents and add examples (events on `intent-<name>`);
/// every training records a model version on `intent-models` with its files in the blob store, and the version
/// promoted last is the one that classifies. Reads come from the `intent-catalog` projection. See docs/nlu.md,
/// "Intents in the log".
public final class IntentModelService: Sendable, EventWriting {
    /// The promoted version as loaded: the primary model when it can run here, and the TF-IDF fallback.
    struct LiveModel: Sendable {
        var version: Int
        var primary: IntentModel?
        var fallback: IntentModel?
    }

    let store: EventStore
    let runner: ProjectionRunner
    let identity: IdentityService
    public let catalog: IntentCatalogProjection
    let blobs: BlobStore
    /// The sentence encoder for classifying; nil without a model folder (TF-IDF alone).
    let encoder: (any TextEncoder)?
    /// The same encoder behind a cache of embeddings by text hash, for training: unchanged examples are encoded
    /// once per process. Kept in memory only, so no trace of an erased customer's message outlives the process.
    let trainingEncoder: EmbeddingCache?
    let settings: IntentSettings
    let logger: Logger
    let live = Mutex<LiveModel?>(nil)
    let queue = TrainingQueue()
    let schedule = Mutex<Task<Void, Never>?>(nil)

    /// Model files are not personal data: they live under one blob-store subject of their own.
    static let modelSubject = "intent-models"
    /// The largest model file stored.
    static let maximumModelBytes = 512 << 20

    init(store: EventStore, runner: ProjectionRunner, identity: IdentityService, catalog: IntentCatalogProjection, blobs: BlobStore,
         encoder: (any TextEncoder)?, settings: IntentSettings, logger: Logger) {
        self.store = store
        self.runner = runner
        self.identity = identity
        self.catalog = catalog
        self.blobs = blobs
        self.encoder = encoder
        self.trainingEncoder = encoder.map { EmbeddingCache(wrapping: $0) }
        self.settings = settings
        self.logger = logger
    }

    /// The live model's version, or nil before the first promotion.
    public var modelVersion: Int? { live.withLock { $0?.version } }

    /// Classifies a customer's message with the live model; nil when there is none yet. With the encoder the
    /// primary model runs; without it (or when the encoder refuses, e.g. too busy) the TF-IDF fallback answers.
    public func classify(_ text: String) async throws -> IntentPrediction? {
        guard let model = live.withLock({ $0 }) else { return nil }
        if let primary = model.primary, primary.usesEmbeddings, let encoder {
            do { return try await primary.classify(text, encoder: encoder) } catch {
                guard let fallback = model.fallback else { throw error }
                logger.debug("intent classification fell back to TF-IDF: \(error)")
                return try fallback.classify(text)
            }
        }
        if let primary = model.primary, !primary.usesEmbeddings { return try primary.classify(text) }
        return try model.fallback?.classify(text)
    }

    /// The model that answers here and the encoder it needs (nil for TF-IDF alone).
    func served(_ model: LiveModel) -> (model: IntentModel, encoder: (any TextEncoder)?)? {
        if let primary = model.primary {
            if !primary.usesEmbeddings { return (primary, nil) }
            if let trainingEncoder { return (primary, trainingEncoder) }
        }
        return model.fallback.map { ($0, nil) }
    }

    // MARK: Loading

    /// Loads the promoted version's files (checked against their SHA-256) and makes it live. Without the encoder,
    /// a version trained with embeddings serves its TF-IDF fallback.
    func loadPromoted() async {
        _ = await runner.waitUntil(store.lastPosition, projections: [catalog.name], timeout: .seconds(60))
        guard let version = catalog.models().history.promoted else { return }
        do {
            let model = try load(version.trained)
            live.withLock { $0 = model }
            logger.info("intent model version \(version.number) loaded\(model.primary?.usesEmbeddings == true && encoder != nil ? " (with the encoder)" : "")")
        } catch {
            logger.error("intent model version \(version.number) could not be loaded: \(error); the assistant classifies nothing until the next training")
        }
    }

    func load(_ trained: IntentModelTrained) throws -> LiveModel {
        var model = LiveModel(version: trained.version)
        for file in trained.files {
            if file.kind == .primary, file.usesEmbeddings, encoder == nil { continue }
            let bytes = try blobs.open(subject: Self.modelSubject, address: file.blob).readAll()
            guard Self.sha256(bytes) == file.sha256 else {
                throw ProblemDetails(type: "model-damaged", title: "Model file damaged", status: .internalServerError,
                                     detail: "The \(file.kind.rawValue) file of intent model version \(trained.version) does not match its SHA-256.")
            }
            let loaded = try IntentModel(serialized: bytes)
            switch file.kind {
            case .primary: model.primary = loaded
            case .fallback: model.fallback = loaded
            }
        }
        guard served(model) != nil else {
            throw ProblemDetails(type: "model-needs-encoder", title: "Model needs the encoder", status: .internalServerError,
                                 detail: "Intent model version \(trained.version) reads sentence embeddings and has no TF-IDF fallback.")
        }
        return model
    }

    /// Stores one model's bytes; returns its file record.
    func store(_ model: IntentModel, kind: IntentModelFile.Kind) throws -> IntentModelFile {
        let bytes = model.serialized()
        let writer = try blobs.writer(subject: Self.modelSubject, limit: max(Self.maximumModelBytes, bytes.count))
        try writer.write(bytes)
        let stored = try writer.finish()
        return IntentModelFile(kind: kind, blob: stored.address, sha256: Self.sha256(bytes), size: bytes.count, usesEmbeddings: model.usesEmbeddings)
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Roles

    func viewer(_ account: AccountID) -> KnowledgeViewer {
        KnowledgeViewer(account: account, roles: (try? identity.roles(of: account)) ?? [])
    }

    func requireEditor(_ account: AccountID) throws -> String {
        guard viewer(account).isEditor else {
            throw ProblemDetails(type: "forbidden", title: "Not allowed", status: .forbidden,
                                 detail: "Editing the assistant's intents needs the editor role (granted with `portalctl accounts grant-role ACCOUNT editor`).")
        }
        return account.stream
    }

    /// Waits until the catalog has applied `position`, so a write is visible to the next read.
    func settle(_ position: UInt64) async {
        _ = await runner.waitUntil(position, projections: [catalog.name], timeout: .seconds(5))
    }
}

/// Runs trainings one at a time, in the order they were asked for.
actor TrainingQueue {
    private var tail: Task<Void, Never>?

    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let task = Task<T, any Error> {
            await previous?.value
            return try await body()
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }
}
