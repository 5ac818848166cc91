import Domain
import EventStore
import Foundation
import Semantics
import Synchronization

/// One embedding per searchable thing — each ticket's subject and description, and each passage of the
/// knowledge base's articles and FAQ entries — for nearest-neighbour search by meaning.
///
/// ## Content-hash cache
/// Vectors are kept by a keyed BLAKE2b hash of the text they were computed from (the key comes from
/// the master key, so a hash cannot be tested against guessed texts). The snapshot holds
/// hash → vector and each item's hash, never the text; on a rebuild or replay a text whose hash is
/// known gets its vector back without the encoder. ``reset()`` keeps the cache for the same reason.
///
/// ## Encoding off the runner
/// `apply` never waits for the encoder: an item whose text is not in the cache is queued (text in
/// memory only) and a background task encodes the queue in batches through the ``TextEncoder``.
/// Until then the item has no vector and searches fall back to words for it. Without an encoder
/// items stay queued; the portal registers this projection only when a model is loaded.
///
/// ## Personal data
/// The texts come from sealed event parts. When a requester's personal data is erased, their items,
/// queued texts and the cache entries only they used are dropped.
public final class SemanticVectorsProjection: Projection {
    /// What an item is, for filters.
    public enum Kind {
        public static let ticket = "ticket"
        /// A passage of an article or FAQ entry; its key is `<item key>#<passage number>`.
        public static let knowledge = "kb"
    }

    struct Item: Equatable {
        /// The customer whose text it is; nil for the knowledge base's own content.
        var owner: AccountID?
        var kind: String
        var status: String
        /// Knowledge-base passages: who may read them (a ``KnowledgeAudience`` raw value).
        var audience: String?
        var hash: ContentHash

        var tags: [String: String] {
            var t = ["kind": kind, "status": status]
            if let owner { t["owner"] = owner.description }
            if let audience { t["audience"] = audience }
            return t
        }
    }

    struct State {
        var items: [String: Item] = [:]
        var cache: [ContentHash: [Float]] = [:]
        var index: VectorIndex
        /// Texts waiting for the encoder, by item key (memory only, never in a snapshot).
        var queued: [String: String] = [:]
        /// Texts handed to the encoder and not yet back.
        var inFlight = 0
        /// How many of those are knowledge-base passages.
        var inFlightKnowledge = 0
        /// Counts vectors the encoder added between events, and the count the last snapshot saw.
        var encodedGeneration = 0
        var snapshotGeneration = 0
        var encoding = false
        /// Texts sent to the encoder since start (for status and tests).
        var encodedTexts = 0
        var lastFailure: String?
        /// How many passages each knowledge item has, to drop them all when it changes.
        var passages: [String: Int] = [:]
    }

    public let name = "semantic-vectors"
    public let version = 2
    public let needsPersonalData = true
    /// The encoder adds vectors between events: those are checkpointed too (see ``hasUnsavedChanges``).
    public let changesWithoutEvents = true
    public let eventTypes: Set<String>? = [
        TicketOpened.eventType, TicketStatusChanged.eventType, PersonalDataErased.eventType,
        KnowledgeItemCreated.eventType, KnowledgeItemRevised.eventType, KnowledgeItemStatusChanged.eventType,
        TutorialCreated.eventType, TutorialRevised.eventType, TutorialStatusChanged.eventType,
    ]
    /// Splits an article or FAQ entry into the passages the encoder reads (title first in each); nil leaves
    /// the knowledge base out.
    public typealias PassageMaker = @Sendable (KnowledgeKind, KnowledgeContent) -> [String]
    /// Texts per encoder call.
    public let batchSize: Int
    public let dimension: Int
    let encoder: (any TextEncoder)?
    let contentKey: [UInt8]
    let passageMaker: PassageMaker?
    let state: Mutex<State>
    let worker = Mutex<Task<Void, Never>?>(nil)

    /// `contentKey` (16–64 bytes, derived from the master key) keys the content hashes; `encoder`
    /// computes missing vectors (nil: items wait, searches use words only).
    public init(contentKey: [UInt8], encoder: (any TextEncoder)?, dimension: Int = 384, batchSize: Int = 16, passages: PassageMaker? = nil) {
        precondition((16...64).contains(contentKey.count), "a content key has 16 to 64 bytes")
        self.contentKey = contentKey
        self.passageMaker = passages
        self.encoder = encoder
        self.dimension = encoder?.dimension ?? dimension
        self.batchSize = max(1, batchSize)
        state = Mutex(State(index: VectorIndex(dimension: encoder?.dimension ?? dimension)))
    }

    public func apply(_ event: RecordedEvent) throws {
        // Tutorials are encoded in passages like articles.
        switch TutorialAsKnowledge.translate(try event.domainEvent()) {
        case let e as TicketOpened:
            guard let p = e.personal else { return }
            let text = Self.ticketText(subject: p.subject, description: p.description)
            upsert(Self.ticketKey(e.ticketID), text: text, item: Item(owner: e.requester, kind: Kind.ticket, status: "open", audience: nil, hash: hash(text)))
        case let e as TicketStatusChanged:
            setStatus(Self.ticketKey(e.ticketID), to: Self.statusTag(e.to))
        case let e as PersonalDataErased:
            erase(e.accountID)
        case let e as KnowledgeItemCreated:
            setPassages(e.kind.key(e.slug), kind: e.kind, content: e.content, status: KnowledgeStatus.draft.rawValue)
        case let e as KnowledgeItemRevised:
            let key = e.kind.key(e.slug)
            let status = state.withLock { $0.items[key + "#0"]?.status } ?? KnowledgeStatus.draft.rawValue
            setPassages(key, kind: e.kind, content: e.content, status: status)
        case let e as KnowledgeItemStatusChanged:
            let key = e.kind.key(e.slug)
            let count = state.withLock { $0.passages[key] ?? 0 }
            for n in 0..<count { setStatus("\(key)#\(n)", to: e.to.rawValue) }
        default:
            break
        }
    }

    /// The key of a ticket's vector.
    public static func ticketKey(_ id: UUID) -> String { "ticket:" + id.uuidString.lowercased() }

    /// The text a ticket is encoded from.
    public static func ticketText(subject: String, description: String) -> String { subject + "\n" + description }

    /// Tickets waiting for someone (new, open, pending) are "open"; solved and closed ones "closed".
    public static func statusTag(_ status: TicketStatus) -> String {
        switch status {
        case .new, .open, .pending: "open"
        case .solved, .closed: "closed"
        }
    }

    func hash(_ text: String) -> ContentHash {
        ContentHash(Sodium.blake2b(Array(text.utf8), key: contentKey, outputLength: ContentHash.length))
    }

    private func upsert(_ key: String, text: String, item: Item) {
        let queued: Bool = state.withLock { s in
            s.items[key] = item
            if let vector = s.cache[item.hash] {
                s.queued[key] = nil
                s.index.upsert(key, vector: vector, tags: item.tags)
                return false
            }
            s.index.remove(key)
            s.queued[key] = text
            return true
        }
        if queued { startEncoding() }
    }

    /// Replaces an item's passages (a shorter revision drops its extra ones).
    private func setPassages(_ key: String, kind: KnowledgeKind, content: KnowledgeContent, status: String) {
        guard let passageMaker else { return }
        let texts = passageMaker(kind, content)
        let old = state.withLock { s in
            let count = s.passages[key] ?? 0
            s.passages[key] = texts.count
            return count
        }
        for n in texts.count..<max(old, texts.count) {
            state.withLock { s in
                s.items["\(key)#\(n)"] = nil
                s.index.remove("\(key)#\(n)")
                s.queued["\(key)#\(n)"] = nil
            }
        }
        for (n, text) in texts.enumerated() {
            upsert("\(key)#\(n)", text: text, item: Item(owner: nil, kind: Kind.knowledge, status: status, audience: content.audience.rawValue, hash: hash(text)))
        }
    }

    private func setStatus(_ key: String, to status: String) {
        state.withLock { s in
            guard var item = s.items[key], item.status != status else { return }
            item.status = status
            s.items[key] = item
            if let vector = s.cache[item.hash], s.index.contains(key) { s.index.upsert(key, vector: vector, tags: item.tags) }
        }
    }

    private func erase(_ account: AccountID) {
        state.withLock { s in
            let keys = s.items.filter { $0.value.owner == account }.map { $0.key }
            var hashes = Set<ContentHash>()
            for key in keys {
                if let item = s.items.removeValue(forKey: key) { hashes.insert(item.hash) }
                s.index.remove(key)
                s.queued[key] = nil
            }
            guard !hashes.isEmpty else { return }
            // A text another requester wrote word for word keeps its vector.
            let stillUsed = Set(s.items.values.lazy.map(\.hash).filter { hashes.contains($0) })
            for h in hashes.subtracting(stillUsed) { s.cache[h] = nil }
        }
    }

    /// Drops the items, the index and the queue but keeps the content-hash cache, so a rebuild
    /// finds the vectors of unchanged texts again.
    public func reset() {
        state.withLock { s in
            let cache = s.cache, encoded = s.encodedTexts, inFlight = s.inFlight, inFlightKnowledge = s.inFlightKnowledge, encoding = s.encoding
            s = State(index: VectorIndex(dimension: dimension))
            s.cache = cache
            s.encodedTexts = encoded
            s.inFlight = inFlight
            s.inFlightKnowledge = inFlightKnowledge
            s.encoding = encoding
        }
    }
}

/// A keyed BLAKE2b hash of a text (32 bytes).
struct ContentHash: Hashable, Sendable {
    static let length = 32
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}
