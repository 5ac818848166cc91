import Foundation

/// A knowledge base of support articles made up from fixed word lists (the same every run): titles like
/// "Reset the password of a shared mailbox", bodies of a few paragraphs of how-to sentences, about 300–600
/// words each, in a dozen categories, so that a word search touches thousands of postings and passages split.
struct KnowledgeCorpus {
    struct Article {
        var slug: String
        var title: String
        var summary: String
        var body: String
        var category: String
        var tags: [String]
    }

    /// Changes whenever the word lists or the way articles are made change (a cached seeding is then redone).
    static let version = 1

    static let categories = ["account", "billing", "invoices", "security", "two-factor", "tickets", "mobile-app", "integrations", "exports",
                             "notifications", "privacy", "teams"]
    static let verbs = ["reset", "change", "export", "import", "connect", "verify", "delete", "restore", "share", "renew", "cancel", "update",
                        "download", "configure", "enable", "disable", "transfer", "merge", "archive", "recover"]
    static let objects = ["password", "invoice", "payment method", "two-factor code", "recovery code", "ticket", "attachment", "mailbox",
                          "subscription", "team member", "api key", "webhook", "calendar", "report", "profile photo", "billing address",
                          "phone number", "session", "device", "notification", "refund", "receipt", "workspace", "license", "backup"]
    static let qualifiers = ["of a shared mailbox", "on the mobile app", "for a team", "after a failed payment", "without access to e-mail",
                             "on a new phone", "for an old order", "in bulk", "from another provider", "for a closed account", "by the admin",
                             "with single sign-on", "when travelling", "on a tablet", "for accounting", "in another currency"]
    static let sentenceParts = [
        ("Open", "settings and choose", "from the menu"), ("Select", "the entry you want and press", "to continue"),
        ("If", "does not appear, sign out and", "then try again"), ("Make sure", "is up to date before you", "anything else"),
        ("You can", "at any time; the change applies to", "within a few minutes"), ("Admins", "may restrict who can", "in the team settings"),
        ("When", "fails, the portal shows an error and keeps", "unchanged"), ("We e-mail you", "as soon as", "is done"),
    ]

    let articles: [Article]

    init(count: Int, seed: UInt64 = 2026) {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
        var out: [Article] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let verb = pick(Self.verbs), object = pick(Self.objects), qualifier = pick(Self.qualifiers)
            let title = "\(verb.prefix(1).uppercased())\(verb.dropFirst()) the \(object) \(qualifier)"
            var paragraphs: [String] = []
            for _ in 0..<(3 + Int(rng.next() % 4)) {
                var sentences: [String] = []
                for _ in 0..<(4 + Int(rng.next() % 4)) {
                    let (a, b, c) = pick(Self.sentenceParts)
                    sentences.append("\(a) the \(pick(Self.objects)) \(b) \(pick(Self.verbs)) the \(pick(Self.objects)) \(c).")
                }
                paragraphs.append(sentences.joined(separator: " "))
            }
            let category = Self.categories[i % Self.categories.count]
            out.append(Article(slug: "a\(i)-\(verb)-\(object.replacingOccurrences(of: " ", with: "-"))", title: title,
                               summary: "How to \(verb) the \(object) \(qualifier).", body: paragraphs.joined(separator: "\n\n"),
                               category: category, tags: [verb, category]))
        }
        articles = out
    }

    /// Queries as customers type them: a verb and an object, sometimes a qualifier word, sometimes a typo.
    func queries(_ count: Int, seed: UInt64 = 7) -> [String] {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
        return (0..<count).map { i in
            var q = "how do i \(pick(Self.verbs)) my \(pick(Self.objects))"
            if i % 3 == 0 { q += " " + pick(Self.qualifiers) }
            if i % 5 == 0, let r = q.range(of: "the") ?? q.range(of: "my") { q.replaceSubrange(r, with: "teh") }
            return q
        }
    }

    /// What someone has typed so far into the search box: a title's first words, the last one cut short.
    func prefixes(_ count: Int, seed: UInt64 = 11) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let title = articles[Int(rng.next() % UInt64(articles.count))].title
            let words = title.split(separator: " ")
            let n = 1 + Int(rng.next() % UInt64(min(4, words.count)))
            var typed = words.prefix(n).joined(separator: " ")
            let cut = Int(rng.next() % 3)
            if cut > 0, typed.count > cut + 2 { typed.removeLast(cut) }
            return typed
        }
    }
}
