import Foundation

/// Who gave a vote or generated a view: a signed-in account, or a browser's device id (hashed by the caller,
/// never the raw cookie).
public enum KnowledgeVisitor: Codable, Sendable, Hashable, CustomStringConvertible {
    case account(AccountID)
    case device(String)

    public var description: String {
        switch self {
        case .account(let id): "account:\(id)"
        case .device(let hash): "device:\(hash)"
        }
    }

    public var account: AccountID? {
        if case .account(let id) = self { return id }
        return nil
    }
}

/// Why a reader said an item did not help (optional).
public enum UnhelpfulReason: String, Codable, Sendable, CaseIterable {
    case unclear
    case incomplete
    case outdated
    case notWhatISearched = "not-what-i-searched"
    case other
}

/// "Was this helpful?" — one vote per person (or device) and item; voting again replaces the earlier vote.
/// Stream `kb-vote-<kind>-<slug>-<visitor hash>`, so the stream's last event is the visitor's current vote.
public struct KnowledgeVoteCast: DomainEvent {
    public static let eventType = "KnowledgeVoteCast"
    /// Optional inside too: a signed-in voter's event is always sealed, with or without a comment.
    public struct Personal: Codable, Sendable, Equatable {
        public var comment: String?
        public init(comment: String?) { self.comment = comment }
    }
    public var itemKey: String
    public var voter: KnowledgeVisitor
    public var helpful: Bool
    public var reason: UnhelpfulReason?
    /// The helpful value this vote replaces, when the voter had voted before.
    public var replaces: Bool?
    /// The comment, sealed under the voter's key (signed-in voters only).
    public var personal: Personal?

    enum CodingKeys: String, CodingKey { case itemKey, voter, helpful, reason, replaces }

    public init(itemKey: String, voter: KnowledgeVisitor, helpful: Bool, reason: UnhelpfulReason?, replaces: Bool?, comment: String?) {
        self.itemKey = itemKey
        self.voter = voter
        self.helpful = helpful
        self.reason = reason
        self.replaces = replaces
        self.personal = comment.map { Personal(comment: $0) }
    }
}

/// A reader's own vote on one item, folded from their vote stream.
public struct KnowledgeVote: Sendable, Equatable {
    public var helpful: Bool?
    public var reason: UnhelpfulReason?
    public var comment: String?

    public init() {}

    public func evolve(_ event: any DomainEvent) -> KnowledgeVote {
        guard let e = event as? KnowledgeVoteCast else { return self }
        var v = self
        v.helpful = e.helpful
        v.reason = e.reason
        v.comment = e.personal?.comment ?? nil
        return v
    }

    static let maximumComment = 2_000

    /// Casts or changes a vote. Voting the same again is rejected (nothing to record); a reason only goes with "no";
    /// a comment needs a signed-in voter, whose key seals it.
    public func decideVote(item: String, by voter: KnowledgeVisitor, helpful: Bool, reason: UnhelpfulReason?, comment: String?) throws -> KnowledgeVoteCast {
        let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        let note = (text?.isEmpty ?? true) ? nil : text
        var errors: [FieldError] = []
        if helpful, reason != nil { errors.append(FieldError(field: "reason", message: "A reason goes with a \"no\" vote only.")) }
        if let note, note.count > Self.maximumComment { errors.append(FieldError(field: "comment", message: "At most \(Self.maximumComment) characters.")) }
        if note != nil, voter.account == nil { errors.append(FieldError(field: "comment", message: "Sign in to leave a comment; your vote counts without one.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        if self.helpful == helpful, self.reason == reason, self.comment == note { throw DomainError.rejected("your vote is already recorded") }
        return KnowledgeVoteCast(itemKey: item, voter: voter, helpful: helpful, reason: reason, replaces: self.helpful, comment: note)
    }
}
