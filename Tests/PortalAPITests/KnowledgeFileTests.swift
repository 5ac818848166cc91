import Domain
import Foundation
import PortalAPI
import Testing

@Suite("Knowledge files: Markdown with front matter")
struct KnowledgeFileTests {
    static let faq = """
        ---
        question: How do I reset my password?
        answer: Choose “Forgot your password?” on the sign-in page and open the link we e-mail you.
        category: signing-in
        tags:
          - password
          - reset
        audience: customers
        phrasings:
          - I forgot my password
          - Password reset link
        article: sign-in-and-reset-password
        order: 2
        ---

        The link works **once**, within an hour.

        """

    @Test func aRealisticFAQEntryReadsIntoItsContent() throws {
        let file = try KnowledgeFile.parse(Self.faq, kind: .faq, slug: "forgot-password")
        #expect(file.kind == .faq && file.slug == "forgot-password" && file.status == .published)
        #expect(file.path == "faq/forgot-password.md")
        #expect(file.content == KnowledgeContent(
            title: "How do I reset my password?", summary: "Choose “Forgot your password?” on the sign-in page and open the link we e-mail you.",
            body: "The link works **once**, within an hour.", categoryID: "signing-in", tags: ["password", "reset"], audience: .customers,
            phrasings: ["I forgot my password", "Password reset link"], articleLink: "sign-in-and-reset-password", order: 2))
        #expect(file.render() == Self.faq.trimmingCharacters(in: .newlines) + "\n")
    }

    @Test func anArticleRendersInAFixedFormLeavingDefaultsOut() {
        let file = KnowledgeFile(kind: .article, slug: "opening-a-ticket", content: KnowledgeContent(
            title: "Opening a ticket", summary: "", body: "## Steps\n\nChoose a category.", categoryID: "tickets", tags: ["tickets"]))
        #expect(file.render() == """
            ---
            title: Opening a ticket
            category: tickets
            tags:
              - tickets
            ---

            ## Steps

            Choose a category.

            """)
    }

    @Test func everyValueSurvivesARoundTrip() throws {
        let tricky = ["yes", "No", "null", "~", "123", "1.5", "a: b", "a #b", "#tag", "- item", "\"quoted\"", "'single'", "it's",
                      "ends with colon:", "[bracket]", "{brace}", "emoji 😀 and ünïcödé", "back\\slash", "trailing ", " leading", "@at", "%percent",
                      "!bang", "&anchor", "*alias", "|pipe", ">fold", "`tick", "?question", "comma, inside", "tab\there", "true", "On"]
        for (n, text) in tricky.enumerated() {
            let content = KnowledgeContent(title: "Title \(text)", summary: "Line one \(text)\nline two", body: "Body with `\(text)`", categoryID: "c\(n)",
                                           tags: ["tag-\(n)"], audience: .agents, phrasings: [text.trimmingCharacters(in: .whitespaces) + " ok", "Say \(text)"],
                                           articleLink: "a\(n)", order: -n)
            let file = KnowledgeFile(kind: .faq, slug: "item-\(n)", content: try content.checked(kind: .faq, categoryExists: { _ in true }), status: .draft)
            let parsed = try KnowledgeFile.parse(file.render(), kind: .faq, slug: file.slug)
            #expect(parsed == file, "\(text)")
            #expect(parsed.render() == file.render())
        }
        for status in KnowledgeStatus.allCases {
            for audience in KnowledgeAudience.allCases {
                let article = KnowledgeFile(kind: .article, slug: "a", content: KnowledgeContent(title: "An article", summary: "Short.", body: "Text.",
                                                                                                   categoryID: "billing", audience: audience, order: 7), status: status)
                #expect(try KnowledgeFile.parse(article.render(), kind: .article, slug: "a") == article)
            }
        }
    }

    @Test func faqEntriesMayUseTitleAndSummaryAndCRLFLineEnds() throws {
        let text = "---\r\ntitle: Can I change my rating?\r\nsummary: Yes.\r\ncategory: tickets\r\n---\r\n"
        let file = try KnowledgeFile.parse(text, kind: .faq, slug: "rating")
        #expect(file.content.title == "Can I change my rating?" && file.content.summary == "Yes." && file.content.body.isEmpty)
        #expect(file.render() == "---\nquestion: Can I change my rating?\nanswer: Yes.\ncategory: tickets\n---\n")
    }

    @Test func tagsAreStoredAsTheImporterWouldStoreThem() throws {
        let file = try KnowledgeFile.parse("---\ntitle: About tags\ncategory: misc\ntags: [Two Factor, two-factor, Billing]\n---\nText", kind: .article, slug: "tags")
        #expect(file.content.tags == ["two-factor", "billing"])
    }

    // MARK: - Every error says where and what

    private func problems(_ text: String, kind: KnowledgeKind = .faq, slug: String = "reset") -> [String] {
        do {
            _ = try KnowledgeFile.parse(text, kind: kind, slug: slug)
            return []
        } catch let error as KnowledgeFileError {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aMissingOrUnclosedFrontMatterIsNamed() {
        #expect(problems("question: x\n") == [
            "faq/reset.md, line 1: the file must start with front matter: a line '---', the fields (like title: …), and another '---' line.",
        ])
        #expect(problems("---\nquestion: Where is the end?\ncategory: x\n") == ["faq/reset.md: front matter: the closing '---' line is missing."])
    }

    @Test func invalidYAMLNamesItsLine() {
        let found = problems("---\nquestion: Why?\ncategory: tickets\nanswer: Because: no quotes\n---\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("faq/reset.md, line 4: front matter is not valid YAML (mapping values are not allowed in this context).") == true)
        #expect(problems("---\nquestion: One?\nquestion: Two?\ncategory: x\n---\n") == ["faq/reset.md, line 2: front matter: 'question' appears more than once."])
        #expect(problems("---\n- a list\n---\n") == ["faq/reset.md, line 2: front matter: write one field a line, like title: Reset your password."])
    }

    @Test func unknownFieldsAreTyposUntilProvenOtherwise() {
        #expect(problems("---\nquestion: Why?\ncategory: x\ntag: [a]\n---\n") == ["faq/reset.md, line 4: front matter: unknown field 'tag'. Did you mean 'tags'?"])
        #expect(problems("---\nquestion: Why?\ncategory: x\ncolour: red\n---\n") == [
            "faq/reset.md, line 4: front matter: unknown field 'colour'. Known fields: question, title, answer, summary, category, tags, audience, status, phrasings, article, order.",
        ])
        #expect(problems("---\ntitle: An article\ncategory: x\nphrasings: [a, b]\narticle: y\n---\nBody", kind: .article) == [
            "articles/reset.md, line 4: front matter: 'phrasings' are for FAQ entries (in faq/).",
            "articles/reset.md, line 5: front matter: 'article' links a FAQ entry to an article; an article cannot have one.",
        ])
    }

    @Test func valuesOfTheWrongKindAreExplained() {
        #expect(problems("---\nquestion: Why?\ncategory: x\naudience: everyone\n---\n") == [
            "faq/reset.md, line 4: front matter: 'audience' must be public, customers or agents, not 'everyone'.",
        ])
        #expect(problems("---\nquestion: Why?\ncategory: x\nstatus: live\n---\n") == [
            "faq/reset.md, line 4: front matter: 'status' must be draft, published or archived, not 'live'.",
        ])
        #expect(problems("---\nquestion: Why?\ncategory: x\ntags: password\n---\n") == [
            "faq/reset.md, line 4: front matter: 'tags' must be a list, like tags: [password, sign-in].",
        ])
        #expect(problems("---\nquestion: Why?\ncategory: x\nphrasings:\n  - [nested]\n---\n") == [
            "faq/reset.md, line 5: front matter: each item of 'phrasings' must be text.",
        ])
        #expect(problems("---\nquestion: Why?\ncategory: x\norder: first\n---\n") == [
            "faq/reset.md, line 4: front matter: 'order' must be a whole number, like order: 10.",
        ])
        #expect(problems("---\nquestion: Why?\ncategory: Signing In\n---\n") == [
            "faq/reset.md, line 3: front matter: 'category' must be a slug: lower-case letters, digits and dashes, like signing-in.",
        ])
        #expect(problems("---\nquestion: [a, b]\ncategory: x\n---\n") == [
            "faq/reset.md, line 2: front matter: 'question' must be text, not a list or a set of fields.",
        ])
    }

    @Test func requiredFieldsAreNamedWhenMissing() {
        #expect(problems("---\nanswer: Yes.\n---\n") == [
            "faq/reset.md: front matter: 'question' is missing: the question this entry answers.",
            "faq/reset.md: front matter: 'category' is missing: the slug of a category in categories.yml.",
        ])
        #expect(problems("---\ncategory: x\n---\nBody", kind: .article) == ["articles/reset.md: front matter: 'title' is missing."])
        #expect(problems("---\ntitle: Why?\nquestion: Why?\ncategory: x\n---\n") == ["faq/reset.md, line 3: front matter: write either 'title' or 'question', not both."])
    }

    @Test func contentRulesNameTheFieldAsTheFileSpellsIt() {
        #expect(problems("---\nquestion: Hi\nanswer: Yes.\ncategory: x\n---\n") == ["faq/reset.md, line 2: 'question': The question needs at least 3 characters."])
        #expect(problems("---\ntitle: An article\ncategory: x\n---\n", kind: .article) == ["articles/reset.md: body: An article needs a body."])
        #expect(problems("---\nquestion: Why?\ncategory: x\n---\n") == ["faq/reset.md: 'answer': A FAQ entry needs a quick answer."])
        let long = String(repeating: "word ", count: 100)
        #expect(problems("---\nquestion: Why?\nanswer: \(long)\ncategory: x\n---\n") == [
            "faq/reset.md, line 3: 'answer': A quick answer has at most 400 characters; put the rest in the longer answer.",
        ])
    }

    @Test func theFileNameMustBeASlugAndTheFileSmall() {
        #expect(problems("---\nquestion: Why?\nanswer: Yes.\ncategory: x\n---\n", slug: "Reset Password") == [
            "faq/Reset Password.md: the file name must be a slug: lower-case letters, digits and dashes, like reset-password.md.",
        ])
        let huge = "---\nquestion: Why?\nanswer: Yes.\ncategory: x\n---\n" + String(repeating: "a", count: KnowledgeFile.maximumSize)
        #expect(problems(huge) == ["faq/reset.md: the file has \(huge.utf8.count) bytes; a knowledge file has at most 1 MiB."])
    }

    @Test func allProblemsOfAFileAreReportedTogether() throws {
        let error = try #require(throws: KnowledgeFileError.self) {
            try KnowledgeFile.parse("---\nquestion: Why?\naudience: all\nstatus: gone\ntagz: []\n---\n", kind: .faq, slug: "reset")
        }
        #expect(error.problems.map(\.field) == ["tagz", "audience", "status", "category"])
        #expect(error.problems.map(\.line) == [5, 3, 4, nil])
        #expect(error.description.split(separator: "\n").count == 4)
    }
}
