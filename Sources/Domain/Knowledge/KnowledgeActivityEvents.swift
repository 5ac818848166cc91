import Foundation

/// Where a reader came from when they opened an item or searched (usage analytics).
public enum KnowledgeOrigin: String, Codable, Sendable, CaseIterable {
    /// The search page or the header's search box.
    case search
    /// Suggestions shown while typing a new ticket.
    case ticketForm = "ticket-form"
    case related
    case popular
    case category
    case chat
    /// A link from a ticket reply.
    case ticket
    case direct
}

/// A search was run (the query as typed, trimmed, lower-cased and with e-mail addresses and long digit runs
/// masked, since analysts read it). Stream `kb-activity-<yyyymmdd>`.
public struct KnowledgeSearched: DomainEvent {
    public static let eventType = "KnowledgeSearched"
    public var searchID: UUID
    public var query: String
    public var results: Int
    /// The keys of the first results shown, so a click can be tied to its rank.
    public var shown: [String]
    public var origin: KnowledgeOrigin
    public var visitor: KnowledgeVisitor?
    public var corrected: Bool
    public init(searchID: UUID, query: String, results: Int, shown: [String], origin: KnowledgeOrigin, visitor: KnowledgeVisitor?, corrected: Bool) {
        self.searchID = searchID
        self.query = query
        self.results = results
        self.shown = shown
        self.origin = origin
        self.visitor = visitor
        self.corrected = corrected
    }

    /// What of a typed query is kept: at most 120 characters, lower case, single spaces, with e-mail addresses
    /// and runs of 6 or more digits replaced by "…" (they are personal more often than they are content gaps).
    public static func scrub(_ query: String) -> String {
        var words: [String] = []
        for word in query.lowercased().split(whereSeparator: { $0.isWhitespace }) {
            let w = String(word)
            if w.contains("@") && w.contains(".") { words.append("…"); continue }
            var out = "", digits = ""
            for ch in w {
                if ch.isNumber { digits.append(ch); continue }
                out += digits.count >= 6 ? "…" : digits
                digits = ""
                out.append(ch)
            }
            out += digits.count >= 6 ? "…" : digits
            words.append(out)
        }
        return String(words.joined(separator: " ").prefix(120))
    }
}

/// A reader opened an article or FAQ entry.
public struct KnowledgeItemViewed: DomainEvent {
    public static let eventType = "KnowledgeItemViewed"
    public var itemKey: String
    public var visitor: KnowledgeVisitor?
    public var origin: KnowledgeOrigin
    /// The search it was opened from (click-through).
    public var searchID: UUID?
    /// The ticket-form suggestions it was opened from (deflection).
    public var suggestionID: UUID?
    public init(itemKey: String, visitor: KnowledgeVisitor?, origin: KnowledgeOrigin, searchID: UUID? = nil, suggestionID: UUID? = nil) {
        self.itemKey = itemKey
        self.visitor = visitor
        self.origin = origin
        self.searchID = searchID
        self.suggestionID = suggestionID
    }
}

/// The new-ticket form showed a customer matching articles and FAQ entries.
public struct KnowledgeSuggestionsShown: DomainEvent {
    public static let eventType = "KnowledgeSuggestionsShown"
    public var suggestionID: UUID
    public var itemKeys: [String]
    public var visitor: KnowledgeVisitor?
    public var origin: KnowledgeOrigin
    public init(suggestionID: UUID, itemKeys: [String], visitor: KnowledgeVisitor?, origin: KnowledgeOrigin) {
        self.suggestionID = suggestionID
        self.itemKeys = itemKeys
        self.visitor = visitor
        self.origin = origin
    }
}

/// An agent linked an article or FAQ entry in a ticket reply.
public struct KnowledgeLinkedInTicket: DomainEvent {
    public static let eventType = "KnowledgeLinkedInTicket"
    public var ticketID: UUID
    public var itemKey: String
    public var agent: AccountID
    public init(ticketID: UUID, itemKey: String, agent: AccountID) {
        self.ticketID = ticketID
        self.itemKey = itemKey
        self.agent = agent
    }
}

/// A reader bookmarked something (stream `bookmarks-<account>`); `target` is an item key such as `article:<slug>`.
public struct BookmarkAdded: DomainEvent {
    public static let eventType = "BookmarkAdded"
    public var account: AccountID
    public var target: String
    public init(account: AccountID, target: String) {
        self.account = account
        self.target = target
    }
}

public struct BookmarkRemoved: DomainEvent {
    public static let eventType = "BookmarkRemoved"
    public var account: AccountID
    public var target: String
    public init(account: AccountID, target: String) {
        self.account = account
        self.target = target
    }
}

/// A reader's bookmarks, folded from their stream.
public struct Bookmarks: Sendable, Equatable {
    public var targets: [String] = []
    public init() {}

    public static func stream(_ account: AccountID) -> String { "bookmarks-\(account)" }
    static let maximum = 1_000

    public func evolve(_ event: any DomainEvent) -> Bookmarks {
        var b = self
        switch event {
        case let e as BookmarkAdded: if !b.targets.contains(e.target) { b.targets.append(e.target) }
        case let e as BookmarkRemoved: b.targets.removeAll { $0 == e.target }
        default: break
        }
        return b
    }

    public func decideAdd(_ target: String, by account: AccountID) throws -> BookmarkAdded {
        guard !targets.contains(target) else { throw DomainError.rejected("already bookmarked") }
        guard targets.count < Self.maximum else { throw DomainError.rejected("at most \(Self.maximum) bookmarks; remove some first") }
        return BookmarkAdded(account: account, target: target)
    }

    public func decideRemove(_ target: String, by account: AccountID) throws -> BookmarkRemoved {
        guard targets.contains(target) else { throw DomainError.notFound("bookmark") }
        return BookmarkRemoved(account: account, target: target)
    }
}

/// Links to the knowledge base in a text (an agent's reply): `/kb/articles/<slug>` and `/kb/faq/<slug>`,
/// with or without the portal's address in front. Each item once, in order of appearance.
public enum KnowledgeLinks {
    public static func keys(in text: String) -> [String] {
        var keys: [String] = []
        for (marker, kind) in [("/kb/articles/", KnowledgeKind.article), ("/kb/faq/", KnowledgeKind.faq)] {
            var rest = text[...]
            while let range = rest.range(of: marker) {
                let slug = String(rest[range.upperBound...].prefix { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" })
                rest = rest[range.upperBound...]
                if KnowledgeSlug.isValid(slug), !keys.contains(kind.key(slug)) { keys.append(kind.key(slug)) }
            }
        }
        return keys
    }
}
