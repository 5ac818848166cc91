import Domain
import Foundation
import Projections
import Semantics

/// How a search ranks: both sides fused (the default), words only (the mode without a model), or the
/// encoder only (for evaluation).
public enum KnowledgeSearchMode: String, Sendable, CaseIterable {
    case hybrid
    case lexical
    case semantic
}

/// One result: the item, its title and a snippet with the matching words marked.
public struct KnowledgeSearchHit: Sendable {
    public var entry: KnowledgeCatalogProjection.Entry
    public var title: [KnowledgeSnippetPart]
    public var snippet: [KnowledgeSnippetPart]
    public var score: Double
    /// The cosine of the item's passage nearest the query, when the meaning side ranked (a calibrated 0–1 measure
    /// of how well the item answers, unlike the fused score).
    public var similarity: Float?
}

/// One page of results.
public struct KnowledgeSearchPage: Sendable {
    public var hits: [KnowledgeSearchHit]
    /// How many results there are in all (at most ``KnowledgeService/maximumResults``).
    public var total: Int
    /// The query with its misspelt words corrected, when any was.
    public var didYouMean: String?
    /// The recorded search's id, for click-through; nil when the search was not recorded.
    public var searchID: UUID?
    /// "hybrid", "lexical" (no model, or asked for) or "semantic".
    public var mode: String
}

extension KnowledgeService {
    /// Results beyond this are not ranked (nobody pages that far; the encoder's side returns this many passages).
    public static let maximumResults = 100
    /// A passage less like the query than this (cosine) is not a result on its own: without the floor every
    /// query would find something, and "searches that found nothing" would never show a content gap.
    static let semanticFloor: Float = 0.3

    func filter(viewer: KnowledgeViewer, kinds: Set<KnowledgeKind>?, category: String?, tag: String?) -> KnowledgeFilter {
        KnowledgeFilter(kinds: kinds.map { Set($0.map(\.rawValue)) }, category: category, tag: tag, audiences: Set(viewer.audiences.map(\.rawValue)))
    }

    /// Searches what `viewer` may read. Records the search (for analytics and click-through) when `record` is set.
    public func search(_ query: String, kinds: Set<KnowledgeKind>? = nil, category: String? = nil, tag: String? = nil, viewer: KnowledgeViewer,
                       visitor: KnowledgeVisitor? = nil, limit: Int = 10, offset: Int = 0, origin: KnowledgeOrigin = .search, record: Bool = false,
                       mode requested: KnowledgeSearchMode = .hybrid, queryVector: [Float]? = nil) async -> KnowledgeSearchPage {
        let text = String(query.trimmingCharacters(in: .whitespacesAndNewlines).prefix(500))
        let limit = max(1, min(limit, 50)), offset = max(0, min(offset, Self.maximumResults))
        guard !text.isEmpty else { return KnowledgeSearchPage(hits: [], total: 0, didYouMean: nil, searchID: nil, mode: requested.rawValue) }
        let f = filter(viewer: viewer, kinds: kinds, category: category, tag: tag)
        let index = search.index
        // While passages wait for the encoder, the meaning side is partial: words alone rank more fairly then.
        let backlog = requested == .hybrid && semantic.vectors?.knowledgeBacklog == true
        let mode = requested == .lexical || !semantic.isAvailable || backlog ? KnowledgeSearchMode.lexical : requested
        // The encoder works on its own thread: the query as typed is encoded while the words are searched.
        // A caller that encoded the text already (the chat, for its classifier too) hands the vector in.
        let encoding: Task<[Float]?, Never>? = mode == .lexical ? nil : Task { [semantic] in
            if let queryVector { return queryVector }
            return try? await semantic.encode([text]).first
        }
        let lexical = mode == .semantic ? KnowledgeResults() : index.search(text, limit: Self.maximumResults, filter: f)
        var ranked = lexical.hits
        // The encoder reads the corrected query when a word was misspelt: measured on StackFAQ, +0.017 nDCG@10 with
        // one typo for -0.002 on clean queries (docs/search.md). Then the query as typed was encoded for nothing.
        let meaning = mode == .semantic ? index.search(text, limit: 1, filter: f).didYouMean ?? text : lexical.didYouMean ?? text
        var vector: [Float]?
        if let encoding {
            if meaning == text {
                vector = await encoding.value
            } else {
                encoding.cancel()
                vector = try? await semantic.encode([meaning]).first
            }
        }
        var similarity: [String: Float] = [:]
        if let vector, let passages = nearestPassages(vector, filter: f, index: index) {
            for p in passages { similarity[p.key] = max(similarity[p.key] ?? 0, p.score) }
            ranked = KnowledgeFusion.fuse(lexical: lexical.hits, passages: passages, semanticWeight: mode == .semantic ? 1 : KnowledgeFusion.semanticWeight,
                                          limit: Self.maximumResults)
        }
        let highlightQuery = lexical.didYouMean ?? text
        let page = ranked.dropFirst(offset).prefix(limit).compactMap { hit -> KnowledgeSearchHit? in
            guard let entry = catalog.readable(hit.key, by: viewer) else { return nil }
            let title = index.highlightedTitle(for: hit.key, query: highlightQuery, filter: f)
            return KnowledgeSearchHit(entry: entry, title: title.isEmpty ? [KnowledgeSnippetPart(entry.content.title)] : title,
                                      snippet: index.snippet(for: hit.key, query: highlightQuery, filter: f), score: hit.score,
                                      similarity: vector == nil ? nil : similarity[hit.key] ?? 0)
        }
        var searchID: UUID?
        if record {
            searchID = await recordSearch(text, results: ranked.count, shown: page.map(\.entry.key), origin: origin, visitor: visitor, corrected: lexical.didYouMean != nil)
        }
        return KnowledgeSearchPage(hits: page, total: ranked.count, didYouMean: lexical.didYouMean, searchID: searchID, mode: mode.rawValue)
    }

    /// The passages nearest the query among the published ones `filter` admits, as (item key, cosine); nil when
    /// the encoder is unavailable or busy (the search then answers with words alone).
    func nearestPassages(_ text: String, filter f: KnowledgeFilter, index: KnowledgeIndex) async -> [(key: String, score: Float)]? {
        guard let vector = try? await semantic.encode([text]).first else { return nil }
        return nearestPassages(vector, filter: f, index: index)
    }

    /// The passages nearest an already encoded query, filtered as above.
    func nearestPassages(_ vector: [Float], filter f: KnowledgeFilter, index: KnowledgeIndex) -> [(key: String, score: Float)]? {
        let hits = semantic.nearest(vector, k: Self.maximumResults * 2,
                                    filter: SemanticFilter(kind: SemanticVectorsProjection.Kind.knowledge, status: KnowledgeStatus.published.rawValue,
                                                           audiences: f.audiences))
        var out: [(key: String, score: Float)] = []
        for hit in hits where hit.score >= Self.semanticFloor {
            guard let mark = hit.key.lastIndex(of: "#") else { continue }
            let key = String(hit.key[..<mark])
            // Kind, category and tag filters: the word index knows each published item's facets.
            guard let document = index.document(key), f.accepts(document.facets) else { continue }
            out.append((key, hit.score))
        }
        return out
    }

    /// Titles and questions completing what the reader is typing (not recorded: every keystroke would be a search).
    public func suggest(_ text: String, viewer: KnowledgeViewer, limit: Int = 8) -> [KnowledgeCatalogProjection.Entry] {
        let input = String(text.prefix(200))
        guard !input.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        var seen = Set<String>()
        return search.index.suggest(input, limit: limit * 2, filter: filter(viewer: viewer, kinds: nil, category: nil, tag: nil))
            .filter { seen.insert($0.key).inserted }
            .compactMap { catalog.readable($0.key, by: viewer) }
            .prefix(limit).map { $0 }
    }

    /// Articles and questions like the one shown ("related"), blended with what its readers also read.
    ///
    /// Content similarity (words; with a model, the nearest passages too) counts 70 %, co-views 30 %, each
    /// normalised to its best; an item found by only one side still competes.
    public func related(to key: String, viewer: KnowledgeViewer, limit: Int = 5) async -> [KnowledgeCatalogProjection.Entry] {
        guard catalog.readable(key, by: viewer) != nil else { return [] }
        let f = filter(viewer: viewer, kinds: nil, category: nil, tag: nil)
        let index = search.index
        var content = index.related(to: key, limit: 20, filter: f)
        if semantic.isAvailable, semantic.vectors?.knowledgeBacklog != true, let document = index.document(key),
           let passages = await nearestPassages(document.title + "\n" + document.summary, filter: f, index: index) {
            content = KnowledgeFusion.fuse(lexical: content, passages: passages.filter { $0.key != key }, semanticWeight: 0.5, limit: 20)
        }
        var blended: [String: Double] = [:]
        let best = content.map(\.score).max() ?? 1
        for hit in content where hit.key != key { blended[hit.key, default: 0] += 0.7 * hit.score / max(best, 1e-9) }
        if let analytics {
            let also = analytics.alsoViewed(key, limit: 20, visible: { catalog.readable($0, by: viewer) != nil })
            let top = Double(also.map(\.score).max() ?? 1)
            for item in also where item.key != key { blended[item.key, default: 0] += 0.3 * Double(item.score) / max(top, 1e-9) }
        }
        return blended.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .compactMap { catalog.readable($0.key, by: viewer) }
            .prefix(limit).map { $0 }
    }

    /// The most viewed items and tags over the last `days` days, among what the viewer may read.
    public func popular(days: Int, viewer: KnowledgeViewer, limit: Int = 5, now: Date = Date())
        -> (items: [(entry: KnowledgeCatalogProjection.Entry, views: Int)], tags: [(tag: String, views: Int)]) {
        guard let analytics else { return ([], []) }
        let result = analytics.popular(window: TimeInterval(days) * 86400, now: now, limit: limit, visible: { catalog.readable($0, by: viewer) != nil })
        let items = result.items.compactMap { item in catalog.readable(item.key, by: viewer).map { (entry: $0, views: item.views) } }
        return (items, result.tags.map { (tag: $0.tag, views: $0.views) })
    }

    /// What the new-ticket form suggests while the customer types: the best few articles and FAQ entries for the
    /// subject and description. The shown set is recorded (deflection starts from it) when there is one.
    public func ticketFormSuggestions(subject: String, description: String, viewer: KnowledgeViewer, visitor: KnowledgeVisitor?) async
        -> (suggestionID: UUID?, hits: [KnowledgeSearchHit]) {
        let text = (subject + "\n" + description.prefix(1000)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= 3 else { return (nil, []) }
        let page = await search(text, viewer: viewer, limit: 5, record: false)
        guard !page.hits.isEmpty else { return (nil, []) }
        let id = await recordSuggestions(page.hits.map(\.entry.key), visitor: visitor, origin: .ticketForm)
        return (id, page.hits)
    }
}
