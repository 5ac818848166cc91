import Domain
import Foundation
import Testing

private typealias K = KnowledgeFixtures

@Suite("Who may read what")
struct KnowledgeAudienceTests {
    static let customer = KnowledgeViewer(account: K.customer)
    static let analyst = KnowledgeViewer(account: K.customer, roles: [.analyst])
    static func staff(_ role: Role) -> KnowledgeViewer { KnowledgeViewer(account: K.customer, roles: [role]) }

    /// The article published for `audience`, or left in `status`.
    func article(for audience: KnowledgeAudience, status: KnowledgeStatus = .published) -> KnowledgeItem {
        var content = K.article
        content.audience = audience
        let created = KnowledgeItemCreated(kind: .article, slug: K.articleSlug, content: content, author: K.editor)
        switch status {
        case .draft: return KnowledgeScenario.given(created).state
        case .published: return KnowledgeScenario.given(created, K.status(.draft, .published)).state
        case .archived: return KnowledgeScenario.given(created, K.status(.draft, .published), K.status(.published, .archived)).state
        }
    }

    @Test func anAnonymousReaderSeesPublicContentOnly() {
        #expect(KnowledgeViewer.anonymous.audiences == [.public])
        #expect(!KnowledgeViewer.anonymous.isStaff)
        #expect(!KnowledgeViewer.anonymous.isEditor)
    }

    @Test func aSignedInCustomerAlsoSeesCustomerContent() {
        #expect(Self.customer.audiences == [.public, .customers])
        // Analysts read figures, not agent-only content.
        #expect(Self.analyst.audiences == [.public, .customers])
    }

    @Test(arguments: [Role.agent, .editor, .admin])
    func staffSeeEveryAudience(role: Role) {
        #expect(Self.staff(role).audiences == Set(KnowledgeAudience.allCases))
        #expect(Self.staff(role).isStaff)
    }

    @Test func editorsAndAdminsEditAgentsDoNot() {
        #expect(Self.staff(.editor).isEditor)
        #expect(Self.staff(.admin).isEditor)
        #expect(!Self.staff(.agent).isEditor)
        #expect(!Self.customer.isEditor)
    }

    @Test func publishedItemsAreReadableWithinTheirAudience() {
        #expect(article(for: .public).isReadable(by: .anonymous))
        #expect(!article(for: .customers).isReadable(by: .anonymous))
        #expect(article(for: .customers).isReadable(by: Self.customer))
        #expect(!article(for: .agents).isReadable(by: Self.customer))
        #expect(!article(for: .agents).isReadable(by: Self.analyst))
        #expect(article(for: .agents).isReadable(by: Self.staff(.agent)))
    }

    @Test(arguments: [KnowledgeStatus.draft, .archived], [Role.agent, .editor, .admin])
    func draftsAndArchivedItemsAreNotReadableEvenForStaff(status: KnowledgeStatus, role: Role) {
        #expect(!article(for: .public, status: status).isReadable(by: Self.staff(role)))
        #expect(!article(for: .public, status: status).isReadable(by: .anonymous))
    }

    @Test func anItemThatDoesNotExistIsNotReadable() {
        #expect(!KnowledgeItem().isReadable(by: Self.staff(.admin)))
    }

    @Test func audiencesAreOrderedFromWidestToNarrowest() {
        #expect(KnowledgeAudience.public < .customers)
        #expect(KnowledgeAudience.customers < .agents)
        #expect(KnowledgeAudience.allCases.sorted() == [.public, .customers, .agents])
    }
}
