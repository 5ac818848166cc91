import Foundation

/// The kinds of self-service content. Each item is a stream of its own: `article-<slug>`, `faq-<slug>` or
/// `tutorial-<slug>`. Tutorials have their own aggregate (``Tutorial``); they are knowledge items only where
/// readers find things — the catalog's lists, search and suggestions.
public enum KnowledgeKind: String, Codable, Sendable, CaseIterable {
    case article
    case faq
    case tutorial

    /// The kinds the knowledge base itself writes (items, files, item pages); tutorials are written elsewhere.
    public static let items: [KnowledgeKind] = [.article, .faq]

    /// The item's key in read models and search: `article:<slug>` or `faq:<slug>`.
    public func key(_ slug: String) -> String { "\(rawValue):\(slug)" }

    public func stream(_ slug: String) -> String { "\(rawValue)-\(slug)" }

    /// Splits a key made by ``key(_:)``; nil for anything else.
    public static func parse(key: String) -> (kind: KnowledgeKind, slug: String)? {
        guard let colon = key.firstIndex(of: ":"), let kind = KnowledgeKind(rawValue: String(key[..<colon])) else { return nil }
        let slug = String(key[key.index(after: colon)...])
        return KnowledgeSlug.isValid(slug) ? (kind, slug) : nil
    }
}

/// Who may read an item. Checked on every route that can reveal one: by id, search, suggestions, related and popular lists.
public enum KnowledgeAudience: String, Codable, Sendable, CaseIterable, Comparable {
    /// Anyone, signed in or not.
    case `public`
    /// Signed-in customers (and staff).
    case customers
    /// Agents, editors and admins only.
    case agents

    private var rank: Int {
        switch self {
        case .public: 0
        case .customers: 1
        case .agents: 2
        }
    }

    public static func < (a: KnowledgeAudience, b: KnowledgeAudience) -> Bool { a.rank < b.rank }
}

/// Where an item is in its life. Only published items reach readers; editors see all.
public enum KnowledgeStatus: String, Codable, Sendable, CaseIterable {
    case draft
    case published
    case archived

    /// The moves an editor may make.
    public func canMove(to next: KnowledgeStatus) -> Bool {
        switch (self, next) {
        case (.draft, .published), (.draft, .archived), (.published, .draft), (.published, .archived), (.archived, .draft): true
        default: false
        }
    }
}

/// Who is reading: decides which audiences they may see. Editors and agents also see drafts and archived items
/// on the editing pages, never in the readers' lists.
public struct KnowledgeViewer: Sendable, Equatable {
    public var account: AccountID?
    public var roles: Set<Role>

    public init(account: AccountID?, roles: Set<Role> = []) {
        self.account = account
        self.roles = roles
    }

    public static let anonymous = KnowledgeViewer(account: nil)

    public var isStaff: Bool { !roles.isDisjoint(with: [.agent, .editor, .admin]) }
    public var isEditor: Bool { !roles.isDisjoint(with: [.editor, .admin]) }

    /// The audiences this viewer may read.
    public var audiences: Set<KnowledgeAudience> {
        if isStaff { return [.public, .customers, .agents] }
        return account == nil ? [.public] : [.public, .customers]
    }

    public func mayRead(_ audience: KnowledgeAudience) -> Bool { audiences.contains(audience) }
}

/// Slugs name items and categories in URLs and files: 1–80 lower-case letters, digits and dashes, not starting
/// or ending with a dash.
public enum KnowledgeSlug {
    public static let maximumLength = 80

    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= maximumLength && !text.hasPrefix("-") && !text.hasSuffix("-")
            && text.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
    }

    /// A slug made from a title: "Reset your password!" → "reset-your-password".
    public static func make(from title: String) -> String {
        var out = ""
        for scalar in title.lowercased().applyingTransform(.stripDiacritics, reverse: false)?.unicodeScalars ?? title.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
            if out.count >= maximumLength { break }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
