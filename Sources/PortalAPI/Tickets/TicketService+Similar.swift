import Domain
import Foundation
import Projections
import Semantics

extension TicketService {
    /// Cosine below which a ticket does not count as alike in meaning. all-MiniLM-L6-v2 puts
    /// unrelated support texts around 0–0.25 and paraphrases from about 0.4 up.
    static let semanticThreshold: Float = 0.35
    /// Candidates taken from each side before fusion.
    static let similarCandidates = 50

    /// The customer's own open tickets that look like `text` (while they type a subject), best first.
    ///
    /// With a model, the typed text is encoded and compared with each open ticket's subject and
    /// description (cosine, above ``semanticThreshold``), and that ranking is fused with the word
    /// overlap of the lexical method (``HybridRanker``), so a paraphrase sharing no word is found and
    /// a ticket whose vector is not computed yet is still found by its words. Without a model, or
    /// when the encoder is busy, the answer is the lexical one.
    public func similar(to text: String, for account: AccountID, limit: Int = 5) async throws -> [SimilarTicket] {
        guard text.trimmingCharacters(in: .whitespacesAndNewlines).count >= 3, limit > 0 else { return [] }
        let query = String(text.prefix(500))
        let lexical = directory.similar(to: query, requester: account, openOnly: true, limit: Self.similarCandidates)
        var ranked = lexical.map { (summary: $0.summary, score: $0.score) }
        if semantic.isAvailable, let vector = try? await semantic.encode([query]).first {
            let hits = semantic.nearest(vector, k: Self.similarCandidates,
                                        filter: SemanticFilter(owner: account, kind: SemanticVectorsProjection.Kind.ticket, status: "open"))
                .filter { $0.score >= Self.semanticThreshold }
            let fused = HybridRanker.fuse(
                lexical: lexical.map { .init(key: SemanticVectorsProjection.ticketKey($0.summary.id), score: $0.score) },
                semantic: hits.map { .init(key: $0.key, score: Double($0.score)) },
                limit: Self.similarCandidates)
            ranked = fused.compactMap { item in
                // The directory has the last word on who owns a ticket and whether it is open.
                guard let id = UUID(uuidString: String(item.key.dropFirst("ticket:".count))), let summary = directory.summary(id),
                      summary.requester == account, [.new, .open, .pending].contains(summary.status) else { return nil }
                return (summary: summary, score: item.score)
            }
        }
        return try ranked.prefix(limit).map { match in
            SimilarTicket(id: match.summary.id, subject: try subject(of: match.summary.id) ?? "", status: match.summary.status.rawValue,
                          updatedAt: match.summary.updatedAt, score: (match.score * 100).rounded() / 100)
        }
    }
}

public struct SimilarTicket: Codable, Sendable, Equatable {
    public var id: UUID
    public var subject: String
    public var status: String
    public var updatedAt: Date
    public var score: Double
}
