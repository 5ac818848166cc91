import Domain
import Foundation
import Testing

/// `given(events).when(decision) → then(events | error)` for an article or FAQ entry. Each recorded event carries its
/// own time, because `createdAt`, `updatedAt` and `publishedAt` are the times of the events that set them.
struct KnowledgeScenario {
    let history: [(event: any DomainEvent, at: Date)]

    static func given(_ events: (any DomainEvent)..., at: Date = KnowledgeFixtures.t0) -> KnowledgeScenario {
        KnowledgeScenario(history: events.map { ($0, at) })
    }

    /// The history plus `events` recorded at `at`.
    func and(_ events: (any DomainEvent)..., at: Date) -> KnowledgeScenario {
        KnowledgeScenario(history: history + events.map { ($0, at) })
    }

    var state: KnowledgeItem { history.reduce(KnowledgeItem()) { $0.evolve($1.event, at: $1.at) } }

    func when<Decision>(_ decide: (KnowledgeItem) throws -> Decision) -> Result<Decision, any Error> {
        let item = state
        return Result { try decide(item) }
    }
}

enum KnowledgeFixtures {
    static let t0 = FixedContext.now
    static let hour: TimeInterval = 3600
    static let editor = "account-0190f5d2-1111-7000-8000-0000000000e1"
    static let otherEditor = "account-0190f5d2-1111-7000-8000-0000000000e2"
    static let customer = AccountID(UUID(uuidString: "0190f5d2-1111-7000-8000-0000000000c1")!)

    /// The categories that exist while these specifications run.
    static let categories: Set<String> = ["account", "billing", "invoices"]
    static func categoryExists(_ slug: String) -> Bool { categories.contains(slug) }

    static let articleSlug = "understanding-your-invoice"
    static let article = KnowledgeContent(
        title: "Understanding your invoice", summary: "What each line of the invoice means.",
        body: "# Your invoice\n\nEach line is one seat.\nTaxes come last.", categoryID: "invoices", tags: ["billing", "invoices"])
    static let articleCreated = KnowledgeItemCreated(kind: .article, slug: articleSlug, content: article, author: editor)

    static let faqSlug = "reset-password"
    static let faq = KnowledgeContent(
        title: "How do I reset my password?", summary: "Use “Forgot password” on the sign-in page.", body: "", categoryID: "account",
        tags: ["passwords"], phrasings: ["forgot my password", "cannot sign in"], articleLink: "signing-in", order: 2)
    static let faqCreated = KnowledgeItemCreated(kind: .faq, slug: faqSlug, content: faq, author: editor)

    /// The article with its body replaced.
    static func article(body: String) -> KnowledgeContent {
        var c = article
        c.body = body
        return c
    }

    static func revised(_ number: Int, _ content: KnowledgeContent, by author: String = editor, significant: Bool = false, note: String = "",
                        restoredFrom: Int? = nil) -> KnowledgeItemRevised {
        KnowledgeItemRevised(kind: .article, slug: articleSlug, revision: number, content: content, author: author, significant: significant,
                             restoredFrom: restoredFrom, note: note)
    }

    static func status(_ from: KnowledgeStatus, _ to: KnowledgeStatus) -> KnowledgeItemStatusChanged {
        KnowledgeItemStatusChanged(kind: .article, slug: articleSlug, from: from, to: to, author: editor)
    }

    /// The article in `status`, reached the usual way from a draft.
    static func article(in status: KnowledgeStatus) -> KnowledgeScenario {
        switch status {
        case .draft: KnowledgeScenario.given(articleCreated)
        case .published: KnowledgeScenario.given(articleCreated, self.status(.draft, .published))
        case .archived: KnowledgeScenario.given(articleCreated, self.status(.draft, .published), self.status(.published, .archived))
        }
    }
}
