import Domain
import Foundation
import Testing

@Suite("Knowledge-base categories")
struct KnowledgeCategoryTests {
    /// billing › invoices › corrections › credit-notes (four deep), and account at the top.
    static let tree: [String: KnowledgeCategory] = [
        "billing": KnowledgeCategory(slug: "billing", name: "Billing"),
        "invoices": KnowledgeCategory(slug: "invoices", name: "Invoices", parent: "billing"),
        "corrections": KnowledgeCategory(slug: "corrections", name: "Corrections", parent: "invoices"),
        "credit-notes": KnowledgeCategory(slug: "credit-notes", name: "Credit notes", parent: "corrections"),
        "account": KnowledgeCategory(slug: "account", name: "Your account"),
    ]

    func create(_ c: KnowledgeCategory, in tree: [String: KnowledgeCategory] = tree) -> Result<KnowledgeCategoryCreated, any Error> {
        Result { try KnowledgeCategory.decideCreate(c, tree: tree) }
    }

    func change(_ c: KnowledgeCategory, in tree: [String: KnowledgeCategory] = tree) -> Result<KnowledgeCategoryChanged, any Error> {
        Result { try KnowledgeCategory.decideChange(c, tree: tree) }
    }

    func moved(_ slug: String, under parent: String?) -> KnowledgeCategory {
        var c = Self.tree[slug]!
        c.parent = parent
        return c
    }

    // MARK: Creating

    @Test func aTopCategoryIsCreatedWithItsTextTrimmed() {
        create(KnowledgeCategory(slug: "security", name: "  Security \n", description: " Two-factor and passwords. ", order: 3))
            .then(KnowledgeCategoryCreated(slug: "security", name: "Security", description: "Two-factor and passwords.", parent: nil, order: 3))
        #expect(KnowledgeCategory.stream("security") == "kb-category-security")
    }

    @Test func aSubcategoryIsCreatedUnderAnExistingParent() {
        create(KnowledgeCategory(slug: "refunds", name: "Refunds", parent: "billing"))
            .then(KnowledgeCategoryCreated(slug: "refunds", name: "Refunds", description: "", parent: "billing", order: 0))
    }

    @Test func aCategoryIsCreatedOnce() {
        create(KnowledgeCategory(slug: "billing", name: "Billing again")).thenError(.rejected("a category 'billing' exists already"))
    }

    @Test func anUnknownParentIsAFieldError() {
        create(KnowledgeCategory(slug: "refunds", name: "Refunds", parent: "nowhere")).thenInvalid(["parent"])
    }

    @Test func categoriesNestAtMostFourDeep() {
        create(KnowledgeCategory(slug: "too-deep", name: "Too deep", parent: "credit-notes")).thenInvalid(["parent"])
        #expect((try? create(KnowledgeCategory(slug: "fourth", name: "Fourth", parent: "corrections")).get()) != nil)
    }

    @Test(arguments: ["", "Billing", "bill ing", "-billing", "billing-", String(repeating: "b", count: 81)])
    func aSlugIsLowerCaseLettersDigitsAndDashes(slug: String) {
        create(KnowledgeCategory(slug: slug, name: "Name")).thenInvalid(["slug"])
    }

    @Test func nameDescriptionAndOrderAreChecked() {
        create(KnowledgeCategory(slug: "x", name: " ")).thenInvalid(["name"])
        create(KnowledgeCategory(slug: "x", name: "Two\nlines")).thenInvalid(["name"])
        create(KnowledgeCategory(slug: "x", name: String(repeating: "n", count: 81))).thenInvalid(["name"])
        create(KnowledgeCategory(slug: "x", name: "X", description: String(repeating: "d", count: 501))).thenInvalid(["description"])
        create(KnowledgeCategory(slug: "x", name: "X", order: 1_000_001)).thenInvalid(["order"])
        create(KnowledgeCategory(slug: "Bad!", name: "", parent: "nowhere", order: -1_000_001)).thenInvalid(["slug", "name", "parent", "order"])
    }

    // MARK: Changing and moving

    @Test func aCategoryIsRenamedAndMoved() {
        var c = moved("invoices", under: "account")
        c.name = " Invoices and receipts "
        change(c).then(KnowledgeCategoryChanged(slug: "invoices", name: "Invoices and receipts", description: "", parent: "account", order: 0))
        change(moved("invoices", under: nil)).then(KnowledgeCategoryChanged(slug: "invoices", name: "Invoices", description: "", parent: nil, order: 0))
    }

    @Test func aChangeThatChangesNothingIsRejected() {
        change(Self.tree["invoices"]!).thenError(.rejected("nothing changed"))
    }

    @Test func onlyAnExistingCategoryIsChanged() {
        change(KnowledgeCategory(slug: "nowhere", name: "Nowhere")).thenError(.notFound("category"))
    }

    @Test func aCategoryCannotSitInsideItselfOrItsDescendants() {
        change(moved("billing", under: "billing")).thenInvalid(["parent"])
        change(moved("billing", under: "invoices")).thenInvalid(["parent"])
        change(moved("billing", under: "credit-notes")).thenInvalid(["parent"])
        change(moved("invoices", under: "corrections")).thenInvalid(["parent"])
    }

    @Test func aMoveMayNotPushTheSubtreeBelowFourDeep() {
        // invoices carries two levels below it; under account it would reach depth 5.
        var tree = Self.tree
        tree["help"] = KnowledgeCategory(slug: "help", name: "Help", parent: "account")
        change(moved("invoices", under: "help"), in: tree).thenInvalid(["parent"])
        // corrections carries one level: under help its child is four deep, which is fine; one level lower it is not.
        #expect((try? change(moved("corrections", under: "help"), in: tree).get()) != nil)
        tree["deep"] = KnowledgeCategory(slug: "deep", name: "Deep", parent: "help")
        change(moved("corrections", under: "deep"), in: tree).thenInvalid(["parent"])
    }

    // MARK: Paths

    @Test func aPathRunsFromTheRootDown() {
        #expect(KnowledgeCategory.path("credit-notes", tree: Self.tree) == ["billing", "invoices", "corrections", "credit-notes"])
        #expect(KnowledgeCategory.path("invoices", tree: Self.tree) == ["billing", "invoices"])
        #expect(KnowledgeCategory.path("account", tree: Self.tree) == ["account"])
        #expect(KnowledgeCategory.path("nowhere", tree: Self.tree) == [])
    }

    @Test func aPathEndsAtAMissingParentAndNeverLoops() {
        var broken = Self.tree
        broken["orphan"] = KnowledgeCategory(slug: "orphan", name: "Orphan", parent: "gone")
        broken["a"] = KnowledgeCategory(slug: "a", name: "A", parent: "b")
        broken["b"] = KnowledgeCategory(slug: "b", name: "B", parent: "a")
        #expect(KnowledgeCategory.path("orphan", tree: broken) == ["orphan"])
        #expect(KnowledgeCategory.path("a", tree: broken) == ["b", "a"])
    }
}
