import Domain
import Semantics

/// Which items a nearest-neighbour search may return; nil fields do not filter.
public struct SemanticFilter: Sendable, Equatable {
    public var owner: AccountID?
    public var kind: String?
    public var status: String?
    /// Knowledge-base passages: only those whose audience is in the set (a reader's ``KnowledgeViewer/audiences``).
    public var audiences: Set<String>?

    public init(owner: AccountID? = nil, kind: String? = nil, status: String? = nil, audiences: Set<String>? = nil) {
        self.owner = owner
        self.kind = kind
        self.status = status
        self.audiences = audiences
    }

    /// The filter as the vector index's tag query: every set field must match the item's tag of that name.
    var tagQuery: VectorIndex.TagQuery {
        var required: [String: Set<String>] = [:]
        if let owner { required["owner"] = [owner.description] }
        if let kind { required["kind"] = [kind] }
        if let status { required["status"] = [status] }
        if let audiences { required["audience"] = audiences }
        return VectorIndex.TagQuery(required)
    }
}

extension SemanticVectorsProjection {
    /// The `k` items with vectors most like `vector` (cosine, best first) among those `filter` accepts.
    /// Exact search: the filter runs first, then one dot product per remaining item.
    public func nearest(_ vector: [Float], k: Int, filter: SemanticFilter = .init()) -> [VectorIndex.Hit] {
        guard vector.count == dimension else { return [] }
        return state.withLock { s in s.index.nearest(vector, k: k, matching: filter.tagQuery) }
    }

    /// Whether knowledge-base passages are waiting for the encoder or being encoded. While they are, the
    /// passages' side of a search is incomplete: an item whose passages are not in yet cannot be found by meaning,
    /// and fusing a partial side would rank by what happens to be encoded.
    public var knowledgeBacklog: Bool {
        state.withLock { s in s.inFlightKnowledge > 0 || s.queued.keys.contains { s.items[$0]?.kind == Kind.knowledge } }
    }

    /// Whether `key` has its vector yet.
    public func hasVector(_ key: String) -> Bool { state.withLock { $0.index.contains(key) } }

    /// Counts for status pages: items known, items with a vector, texts waiting, cached vectors,
    /// texts encoded since start, and the last encoder failure (nil once a batch succeeds again).
    public var counts: (items: Int, vectors: Int, queued: Int, cached: Int, encoded: Int, lastFailure: String?) {
        state.withLock { s in (s.items.count, s.index.count, s.queued.count + s.inFlight, s.cache.count, s.encodedTexts, s.lastFailure) }
    }
}
