import Domain
import Foundation
import PortalAPI
import Testing

@Suite("Knowledge folders: import and export as files")
struct KnowledgeFolderTests {
    /// A fresh folder under the temporary directory, removed after `body`.
    private func withFolder<T>(_ body: (URL) throws -> T) rethrows -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    private func put(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private func problems(_ folder: URL) -> [String] {
        do {
            _ = try KnowledgeFolder.read(folder)
            return []
        } catch let error as KnowledgeFileError {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    static let sample = KnowledgeFolder(
        categories: [
            KnowledgeCategory(slug: "account", name: "Your account", description: "Signing in: passwords & codes.", order: 1),
            KnowledgeCategory(slug: "signing-in", name: "Signing in", parent: "account"),
            KnowledgeCategory(slug: "tickets", name: "Tickets", order: 2),
        ],
        synonyms: [["2fa", "two-factor", "mfa"], ["ticket", "case, request"]],
        files: [
            KnowledgeFile(kind: .article, slug: "reset-password", content: KnowledgeContent(
                title: "Resetting your password", summary: "Use the link.", body: "## Steps\n\nChoose *Forgot your password?*", categoryID: "signing-in",
                tags: ["password"])),
            KnowledgeFile(kind: .faq, slug: "forgot", content: KnowledgeContent(
                title: "I forgot my password", summary: "Reset it.", body: "", categoryID: "signing-in", audience: .customers,
                phrasings: ["lost password", "cannot sign in"], articleLink: "reset-password", order: 1), status: .draft),
        ])

    @Test func writingThenReadingGivesTheSameKnowledgeBase() throws {
        try withFolder { folder in
            try Self.sample.write(to: folder)
            #expect(try KnowledgeFolder.read(folder) == Self.sample)
            let categories = try String(contentsOf: folder.appendingPathComponent("categories.yml"), encoding: .utf8)
            #expect(categories.contains("- slug: signing-in\n  name: Signing in\n  parent: account\n"))
            let synonyms = try String(contentsOf: folder.appendingPathComponent("synonyms.yml"), encoding: .utf8)
            #expect(synonyms.hasSuffix("- [\"2fa\", two-factor, mfa]\n- [ticket, \"case, request\"]\n"))
        }
    }

    @Test func exportingAnImportedFolderChangesNoByte() throws {
        try withFolder { folder in
            try Self.sample.write(to: folder)
            let before = try snapshot(folder)
            try KnowledgeFolder.read(folder).write(to: folder)
            #expect(try snapshot(folder) == before)
        }
    }

    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in ["categories.yml", "synonyms.yml", "articles/reset-password.md", "faq/forgot.md"] {
            out[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return out
    }

    @Test func categoriesComeParentsFirstWhateverTheirOrderInTheFile() throws {
        try withFolder { folder in
            try put("""
                - {slug: invoices, name: Invoices, parent: billing}
                - {slug: refunds, name: Refunds, parent: billing, order: -1}
                - {slug: billing, name: Billing}
                - {slug: account, name: Account, order: -5}
                """, "categories.yml", in: folder)
            let read = try KnowledgeFolder.read(folder)
            #expect(read.categories.map(\.slug) == ["account", "billing", "refunds", "invoices"])
            #expect(read.files.isEmpty && read.synonyms.isEmpty && read.skipped.isEmpty)
        }
    }

    @Test func categoryMistakesAreNamedWithTheirLines() throws {
        try withFolder { folder in
            try put("""
                - slug: a
                  name: A
                  parent: c
                - slug: b
                  name: B
                  parent: a
                - slug: c
                  name: C
                  parent: b
                - slug: orphan
                  name: Orphan
                  parent: nowhere
                - slug: a
                  name: Again
                - slug: Bad Slug
                  name: Bad
                - slug: nameless
                - slug: typo
                  name: Typo
                  parnet: a
                """, "categories.yml", in: folder)
            #expect(problems(folder) == [
                "categories.yml, line 13: entry 5: the slug 'a' is used twice.",
                "categories.yml, line 15: entry 6: 'slug' must be a slug: lower-case letters, digits and dashes, like bad-slug.",
                "categories.yml, line 17: entry 7: 'name' is missing.",
                "categories.yml, line 20: entry 8: unknown field 'parnet'. Did you mean 'parent'?",
                "categories.yml, line 1: categories 'a' → 'c' → 'b' → 'a' are each other's parents; one of them must be at the top or under another category.",
                "categories.yml, line 10: category 'orphan': its parent 'nowhere' is not in the list.",
            ])
        }
    }

    @Test func categoriesNestAtMostFourDeep() throws {
        try withFolder { folder in
            try put("- {slug: a, name: A}\n- {slug: b, name: B, parent: a}\n- {slug: c, name: C, parent: b}\n- {slug: d, name: D, parent: c}\n- {slug: e, name: E, parent: d}\n",
                    "categories.yml", in: folder)
            #expect(problems(folder) == ["categories.yml, line 5: category 'e': 'parent': Categories nest at most 4 deep."])
        }
    }

    @Test func synonymMistakesAreNamed() throws {
        try withFolder { folder in
            try put("- [alone]\n- words\n- [ok, fine]\n", "synonyms.yml", in: folder)
            #expect(problems(folder) == [
                "synonyms.yml, line 1: the list: group 1 needs at least two different words.",
                "synonyms.yml, line 2: the list: group 2 must be a list of words, like - [ticket, case, request].",
            ])
        }
    }

    @Test func itemsMustPointAtWhatTheFolderHolds() throws {
        try withFolder { folder in
            try put("- {slug: tickets, name: Tickets}\n", "categories.yml", in: folder)
            try put("---\nquestion: Where?\nanswer: Here.\ncategory: billing\narticle: missing\n---\n", "faq/where.md", in: folder)
            #expect(problems(folder) == [
                "faq/where.md, line 4: 'category': there is no category 'billing' in categories.yml.",
                "faq/where.md, line 5: 'article': there is no article 'missing' (articles/missing.md).",
            ])
        }
    }

    @Test func fileNamesMustBeSlugsAndOtherFilesAreSkipped() throws {
        try withFolder { folder in
            try put("- {slug: tickets, name: Tickets}\n", "categories.yml", in: folder)
            try put("---\ntitle: Fine\ncategory: tickets\n---\nBody", "articles/fine.md", in: folder)
            try put("---\ntitle: Not fine\ncategory: tickets\n---\nBody", "articles/Not Fine.md", in: folder)
            #expect(problems(folder) == ["articles/Not Fine.md: the file name must be a slug: lower-case letters, digits and dashes, like not-fine.md."])
            try FileManager.default.removeItem(at: folder.appendingPathComponent("articles/Not Fine.md"))
            try put("notes", "articles/notes.txt", in: folder)
            try put("x", "articles/.hidden.md", in: folder)
            try put("# Read me", "README.md", in: folder)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("faq/drafts"), withIntermediateDirectories: true)
            let read = try KnowledgeFolder.read(folder)
            #expect(read.files.map(\.path) == ["articles/fine.md"])
            #expect(read.skipped == ["README.md", "articles/.hidden.md", "articles/notes.txt", "faq/drafts"])
        }
    }

    @Test func symbolicLinksMayNotLeaveTheFolder() throws {
        try withFolder { outside in
            try put("---\ntitle: Secret\ncategory: tickets\n---\nroot:x:0:0", "secret.md", in: outside)
            try withFolder { folder in
                try put("- {slug: tickets, name: Tickets}\n", "categories.yml", in: folder)
                try put("---\ntitle: Inside\ncategory: tickets\n---\nBody", "shared/inside.md", in: folder)
                try FileManager.default.createDirectory(at: folder.appendingPathComponent("articles"), withIntermediateDirectories: true)
                let manager = FileManager.default
                try manager.createSymbolicLink(at: folder.appendingPathComponent("articles/inside.md"), withDestinationURL: folder.appendingPathComponent("shared/inside.md"))
                #expect(try KnowledgeFolder.read(folder).files.map(\.slug) == ["inside"])

                try manager.createSymbolicLink(at: folder.appendingPathComponent("articles/secret.md"), withDestinationURL: outside.appendingPathComponent("secret.md"))
                let found = problems(folder)
                #expect(found.count == 1)
                #expect(found.first?.hasPrefix("articles/secret.md: is a symbolic link to ") == true)
                #expect(found.first?.hasSuffix("secret.md, outside the folder; copy what it points to into the folder instead.") == true)

                try manager.removeItem(at: folder.appendingPathComponent("articles/secret.md"))
                try manager.createSymbolicLink(at: folder.appendingPathComponent("faq"), withDestinationURL: outside)
                #expect(problems(folder).first?.hasPrefix("faq: is a symbolic link to ") == true)
            }
        }
    }

    @Test func aFolderThatIsNotThereIsSaidSo() {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
        #expect(problems(missing) == [".: \(missing.path) is not a folder."])
    }

    @Test func writingRemovesStaleItemsAndLeavesOtherFilesAlone() throws {
        try withFolder { folder in
            try put("old", "articles/old.md", in: folder)
            try put("keep", "articles/notes.txt", in: folder)
            try put("keep", "README.md", in: folder)
            try Self.sample.write(to: folder)
            let manager = FileManager.default
            #expect(!manager.fileExists(atPath: folder.appendingPathComponent("articles/old.md").path))
            #expect(manager.fileExists(atPath: folder.appendingPathComponent("articles/notes.txt").path))
            #expect(manager.fileExists(atPath: folder.appendingPathComponent("README.md").path))
        }
    }

    @Test func writingRefusesSlugsThatAreNoFileNames() throws {
        try withFolder { folder in
            var bad = Self.sample
            bad.files[0].slug = "../escape"
            bad.files.append(Self.sample.files[1])
            let error = try #require(throws: KnowledgeFileError.self) { try bad.write(to: folder) }
            #expect(error.problems.map(\.description) == [
                "articles/../escape.md: '../escape' is not a slug, so it cannot name a file.",
                "faq/forgot.md: appears twice.",
            ])
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }
}

@Suite("The knowledge base shipped with the portal")
struct DemoKnowledgeTests {
    @Test func itReadsWithoutAProblem() throws {
        let url = try #require(KnowledgeFolder.demo)
        let folder = try KnowledgeFolder.read(url)
        #expect(folder.skipped.isEmpty)
        let articles = folder.files.filter { $0.kind == .article }, faq = folder.files.filter { $0.kind == .faq }
        #expect((10...14).contains(articles.count))
        #expect((12...16).contains(faq.count))
        #expect(Set(articles.map(\.content.audience)) == [.public, .customers, .agents])
        #expect(folder.files.allSatisfy { $0.status == .published })
        for entry in faq {
            #expect((2...4).contains(entry.content.phrasings.count), "\(entry.slug)")
        }
        #expect(faq.contains { $0.content.articleLink != nil })
        #expect(folder.synonyms.contains { $0.contains("2fa") && $0.contains("two-factor") })
        for file in folder.files where !file.content.body.isEmpty {
            let html = MarkdownRenderer.html(file.content.body)
            #expect(InertHTML.violations(html).isEmpty, "\(file.path)")
            #expect(!html.contains("&lt;"), "\(file.path) shows raw markup")
            #expect(!MarkdownText.plainText(file.content.body).isEmpty)
        }
    }

    /// The shipped files are written exactly as an export would write them, so importing and exporting the
    /// demo leaves it unchanged.
    @Test func itIsInTheFormAnExportWrites() throws {
        let url = try #require(KnowledgeFolder.demo)
        let folder = try KnowledgeFolder.read(url)
        for file in folder.files {
            let text = try String(contentsOf: url.appendingPathComponent(file.path), encoding: .utf8)
            #expect(text == file.render(), "\(file.path)")
        }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("kb-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try folder.write(to: copy)
        for name in ["categories.yml", "synonyms.yml"] {
            #expect(try Data(contentsOf: copy.appendingPathComponent(name)) == Data(contentsOf: url.appendingPathComponent(name)), "\(name)")
        }
    }
}
