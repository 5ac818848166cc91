import Domain
import Foundation
import Testing

private typealias K = KnowledgeFixtures

@Suite("Writing an article or FAQ entry")
struct KnowledgeItemCreationTests {
    func create(_ content: KnowledgeContent = K.article, slug: String = K.articleSlug, given history: KnowledgeScenario = .given())
        -> Result<KnowledgeItemCreated, any Error> {
        history.when { try KnowledgeItem.decideCreate(kind: .article, slug: slug, content: content, author: K.editor, existing: $0, categoryExists: K.categoryExists) }
    }

    func createFAQ(_ content: KnowledgeContent = K.faq, slug: String = K.faqSlug, given history: KnowledgeScenario = .given())
        -> Result<KnowledgeItemCreated, any Error> {
        history.when { try KnowledgeItem.decideCreate(kind: .faq, slug: slug, content: content, author: K.editor, existing: $0, categoryExists: K.categoryExists) }
    }

    func article(_ change: (inout KnowledgeContent) -> Void) -> KnowledgeContent {
        var c = K.article
        change(&c)
        return c
    }

    func faq(_ change: (inout KnowledgeContent) -> Void) -> KnowledgeContent {
        var c = K.faq
        change(&c)
        return c
    }

    /// The message of the only error for `field`.
    func message(_ result: Result<KnowledgeItemCreated, any Error>, _ field: String) -> String? {
        (result.failure as? ValidationFailure)?.errors.first { $0.field == field }?.message
    }

    // MARK: Creating

    @Test func anArticleIsWrittenAsADraftWithItsTextTrimmed() throws {
        let untidy = article {
            $0.title = "  Understanding your invoice \n"
            $0.summary = " What each line of the invoice means.\n"
            $0.body = "\n\n# Your invoice\n\nEach line is one seat.\nTaxes come last.  \n"
        }
        create(untidy).then(K.articleCreated)

        let item = KnowledgeScenario.given(K.articleCreated).state
        #expect(item.exists)
        #expect(item.kind == .article)
        #expect(item.slug == K.articleSlug)
        #expect(item.status == .draft)
        #expect(item.revision == 1)
        #expect(item.content == K.article)
        #expect(item.createdAt == K.t0)
        #expect(item.updatedAt == K.t0)
        #expect(item.publishedAt == nil)
        #expect(item.revision(1)?.author == K.editor)
        #expect(item.revision(1)?.restoredFrom == nil)
        #expect(item.revision(1)?.significant == false)
    }

    @Test func aFAQEntryKeepsItsQuickAnswerPhrasingsAndArticleLink() {
        createFAQ().then(K.faqCreated)
    }

    @Test func anItemIsWrittenOnce() {
        create(given: .given(K.articleCreated)).thenError(.rejected("an article 'understanding-your-invoice' exists already"))
        createFAQ(given: .given(K.faqCreated)).thenError(.rejected("a FAQ entry 'reset-password' exists already"))
    }

    @Test(arguments: ["", "Reset", "reset password", "reset_password", "reset/password", "-reset", "reset-", "passwört",
                      String(repeating: "a", count: 81)])
    func aSlugIsLowerCaseLettersDigitsAndDashes(slug: String) {
        create(slug: slug).thenInvalid(["slug"])
    }

    @Test(arguments: ["a", "2fa", "reset-your-password", "a--b", String(repeating: "a", count: 80)])
    func goodSlugs(slug: String) {
        #expect((try? create(slug: slug).get())?.slug == slug)
    }

    // MARK: Content by kind

    @Test func aFAQEntryNeedsAQuickAnswerOfAtMost400Characters() {
        createFAQ(faq { $0.summary = " \n " }).thenInvalid(["summary"])
        createFAQ(faq { $0.summary = String(repeating: "q", count: 401) }).thenInvalid(["summary"])
        #expect((try? createFAQ(faq { $0.summary = String(repeating: "q", count: 400) }).get()) != nil)
        // The longer answer is optional.
        #expect((try? createFAQ(faq { $0.body = "" }).get())?.content.body == "")
    }

    @Test func anArticleNeedsABodyAndMayDoWithoutASummary() {
        create(article { $0.body = " \n\t" }).thenInvalid(["body"])
        #expect(message(create(article { $0.body = "" }), "body") == "An article needs a body.")
        #expect((try? create(article { $0.summary = "" }).get())?.content.summary == "")
        create(article { $0.summary = String(repeating: "s", count: 601) }).thenInvalid(["summary"])
        #expect((try? create(article { $0.summary = String(repeating: "s", count: 600) }).get()) != nil)
    }

    @Test func phrasingsAndAnArticleLinkBelongToFAQEntries() {
        create(article { $0.phrasings = ["how do invoices work"] }).thenInvalid(["phrasings"])
        create(article { $0.articleLink = "signing-in" }).thenInvalid(["articleLink"])
    }

    @Test func phrasingsAreTrimmedAndDeduplicatedAndBlankOnesDropped() throws {
        let made = try createFAQ(faq { $0.phrasings = [" forgot my password ", "forgot my password", "", "  ", "cannot sign in"] }).get()
        #expect(made.content.phrasings == ["forgot my password", "cannot sign in"])
        createFAQ(faq { $0.phrasings = ["forgot\nmy password"] }).thenInvalid(["phrasings"])
        createFAQ(faq { $0.phrasings = (1...31).map { "phrasing \($0)" } }).thenInvalid(["phrasings"])
    }

    @Test func anArticleLinkIsASlugAndABlankOneIsNone() throws {
        createFAQ(faq { $0.articleLink = "Signing In" }).thenInvalid(["articleLink"])
        #expect(try createFAQ(faq { $0.articleLink = "  " }).get().content.articleLink == nil)
        #expect(try createFAQ(faq { $0.articleLink = " signing-in " }).get().content.articleLink == "signing-in")
    }

    // MARK: Shared rules

    @Test func tagsAreNormalisedToSlugsWithoutDuplicates() throws {
        let made = try create(article { $0.tags = ["Billing", " Invoices & Payments ", "billing", "Überweisung"] }).get()
        #expect(made.content.tags == ["billing", "invoices-payments", "uberweisung"])
        create(article { $0.tags = ["!!!"] }).thenInvalid(["tags"])
        create(article { $0.tags = [String(repeating: "t", count: 41)] }).thenInvalid(["tags"])
        create(article { $0.tags = (1...21).map { "tag-\($0)" } }).thenInvalid(["tags"])
        // Twenty-one written, twenty after duplicates are folded: fine.
        #expect(try create(article { $0.tags = (1...20).map { "tag-\($0)" } + ["TAG 1"] }).get().content.tags.count == 20)
    }

    @Test func anUnknownCategoryIsAFieldError() {
        let result = create(article { $0.categoryID = "nowhere" })
        result.thenInvalid(["categoryID"])
        #expect(message(result, "categoryID") == "Choose an existing category.")
    }

    @Test func aTitleOrQuestionIsOneLineOf3To200Characters() {
        create(article { $0.title = " ab " }).thenInvalid(["title"])
        create(article { $0.title = String(repeating: "t", count: 201) }).thenInvalid(["title"])
        create(article { $0.title = "Line one\nline two" }).thenInvalid(["title"])
        #expect(message(createFAQ(faq { $0.title = "?" }), "title") == "The question needs at least 3 characters.")
        #expect(message(create(article { $0.title = "?" }), "title") == "The title needs at least 3 characters.")
    }

    @Test func theOrderStaysWithinAMillion() {
        createFAQ(faq { $0.order = 1_000_001 }).thenInvalid(["order"])
        #expect((try? createFAQ(faq { $0.order = -1_000_000 }).get()) != nil)
    }

    @Test func everyProblemIsReportedAtOnceInFieldOrder() {
        let bad = article {
            $0.title = ""
            $0.body = ""
            $0.categoryID = "nowhere"
        }
        create(bad, slug: "Bad Slug").thenInvalid(["slug", "title", "body", "categoryID"])
    }

    // MARK: Keys and streams

    @Test func keysAndStreamsNameTheKindAndSlug() {
        #expect(KnowledgeKind.article.key("reset") == "article:reset")
        #expect(KnowledgeKind.faq.stream("reset") == "faq-reset")
        #expect(KnowledgeKind.parse(key: "faq:reset-password")?.kind == .faq)
        #expect(KnowledgeKind.parse(key: "faq:reset-password")?.slug == "reset-password")
        #expect(KnowledgeKind.parse(key: "ticket:reset") == nil)
        #expect(KnowledgeKind.parse(key: "article:Reset") == nil)
        #expect(KnowledgeKind.parse(key: "article") == nil)
        #expect(KnowledgeSlug.make(from: "Reset your password!") == "reset-your-password")
        #expect(KnowledgeSlug.make(from: "  --Ärger mit  Rechnungen-- ") == "arger-mit-rechnungen")
    }
}
