import Domain
import Foundation

/// A whole knowledge base as a folder, the unit of import and export:
///
/// ```
/// categories.yml        - slug: account
///                         name: Your account
/// synonyms.yml          - [2fa, two-factor, mfa]           (optional)
/// articles/<slug>.md    one article each (see KnowledgeFile)
/// faq/<slug>.md         one FAQ entry each
/// ```
///
/// Reading checks the folder as a whole — every file, every category, links between them — and reports every
/// problem at once. Writing gives the same bytes for the same knowledge base, so an export kept in version
/// control only changes where the content did.
public struct KnowledgeFolder: Sendable, Equatable {
    /// Parents before children; siblings by their order, then slug.
    public var categories: [KnowledgeCategory]
    /// Groups of words that search treats alike.
    public var synonyms: [[String]]
    /// Articles, then FAQ entries, each by slug.
    public var files: [KnowledgeFile]
    /// What reading left alone, as paths inside the folder: files that are not `.md` in `articles/` and `faq/`,
    /// hidden files, subfolders, and anything at the top besides the known names.
    public var skipped: [String]

    public init(categories: [KnowledgeCategory] = [], synonyms: [[String]] = [], files: [KnowledgeFile] = [], skipped: [String] = []) {
        self.categories = categories
        self.synonyms = synonyms
        self.files = files
        self.skipped = skipped
    }

    /// The demo knowledge base that ships with the portal (`Resources/knowledge`): help for the portal itself.
    public static var demo: URL? {
        Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("knowledge", isDirectory: true)
    }

    /// Reads and checks the folder at `url`.
    ///
    /// A file or folder that is a symbolic link leading outside `url` is refused, so a folder from elsewhere
    /// cannot make the portal read `/etc/passwd` into an article. Slugs come from the file names. Each item's
    /// category must be in `categories.yml` and each FAQ entry's `article` in `articles/`.
    ///
    /// - Throws: ``KnowledgeFileError`` with every problem found.
    public static func read(_ url: URL) throws -> KnowledgeFolder {
        var reader = FolderReader(url)
        var problems: [KnowledgeFileProblem] = []
        var folder = KnowledgeFolder()
        guard reader.isFolder("") else {
            throw KnowledgeFileError([KnowledgeFileProblem(file: ".", message: "\(url.path) is not a folder.")])
        }
        folder.skipped = reader.names("").filter { ![categoriesFile, synonymsFile, "articles", "faq"].contains($0) }

        var categoryLines: [String: Int] = [:]
        if let text = reader.text(categoriesFile) {
            let parsed = parseCategories(text)
            let ordered = parentsFirst(parsed.categories, lines: parsed.lines)
            folder.categories = canonicalOrder(ordered.categories)
            categoryLines = parsed.lines
            problems += parsed.problems + ordered.problems
        }
        if let text = reader.text(synonymsFile) {
            let parsed = parseSynonyms(text)
            folder.synonyms = parsed.groups
            problems += parsed.problems
        }
        var texts: [String: String] = [:]
        for kind in KnowledgeKind.items {
            let directory = KnowledgeFile.folder(kind)
            guard reader.isFolder(directory) else { continue }
            for name in reader.names(directory) {
                let path = "\(directory)/\(name)"
                guard name.hasSuffix(".md"), !name.hasPrefix("."), reader.isFile(path) else {
                    folder.skipped.append(path)
                    continue
                }
                let slug = String(name.dropLast(3))
                guard KnowledgeSlug.isValid(slug) else {
                    problems.append(KnowledgeFile.slugProblem(file: path, slug: slug))
                    continue
                }
                guard let text = reader.text(path) else { continue }
                texts[path] = text
                do {
                    folder.files.append(try KnowledgeFile.parse(text, kind: kind, slug: slug))
                } catch let error as KnowledgeFileError {
                    problems += error.problems
                }
            }
        }
        let categories = Set(categoryLines.keys)
        let articles = Set(folder.files.filter { $0.kind == .article }.map(\.slug))
        for file in folder.files {
            let text = texts[file.path] ?? ""
            if !categories.contains(file.content.categoryID) {
                problems.append(KnowledgeFileProblem(file: file.path, line: frontMatterLine("category", in: text), field: "category",
                                                     message: "'category': there is no category '\(file.content.categoryID)' in \(categoriesFile)."))
            }
            if let article = file.content.articleLink, !articles.contains(article) {
                problems.append(KnowledgeFileProblem(file: file.path, line: frontMatterLine("article", in: text), field: "article",
                                                     message: "'article': there is no article '\(article)' (articles/\(article).md)."))
            }
        }
        problems += reader.problems
        guard problems.isEmpty else { throw KnowledgeFileError(problems) }
        return folder
    }

    /// Writes the knowledge base into `url`, creating the folder and its `articles/` and `faq/` as needed. Each
    /// file is written atomically (a reader never sees half a file) and only when its bytes change.
    /// Afterwards the folder holds exactly this knowledge base: other `.md` files in `articles/` and `faq/` are
    /// removed; nothing else is touched.
    ///
    /// - Throws: ``KnowledgeFileError`` for an item whose slug is not a valid file name or that appears twice,
    ///   before anything is written; file-system errors as they come.
    public func write(to url: URL) throws {
        var paths: Set<String> = []
        var problems: [KnowledgeFileProblem] = []
        for file in files {
            if !KnowledgeSlug.isValid(file.slug) {
                problems.append(KnowledgeFileProblem(file: file.path, message: "'\(file.slug.prefix(80))' is not a slug, so it cannot name a file."))
            } else if !paths.insert(file.path).inserted {
                problems.append(KnowledgeFileProblem(file: file.path, message: "appears twice."))
            }
        }
        guard problems.isEmpty else { throw KnowledgeFileError(problems) }

        let manager = FileManager.default
        for kind in KnowledgeKind.items {
            try manager.createDirectory(at: url.appendingPathComponent(KnowledgeFile.folder(kind)), withIntermediateDirectories: true)
        }
        try Self.write(Self.renderCategories(Self.canonicalOrder(categories)), to: url.appendingPathComponent(Self.categoriesFile))
        try Self.write(Self.renderSynonyms(synonyms), to: url.appendingPathComponent(Self.synonymsFile))
        for file in files { try Self.write(file.render(), to: url.appendingPathComponent(file.path)) }
        for kind in KnowledgeKind.items {
            let directory = url.appendingPathComponent(KnowledgeFile.folder(kind))
            for name in try manager.contentsOfDirectory(atPath: directory.path)
            where name.hasSuffix(".md") && !name.hasPrefix(".") && !paths.contains("\(KnowledgeFile.folder(kind))/\(name)") {
                try manager.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }

    private static func write(_ text: String, to url: URL) throws {
        let data = Data(text.utf8)
        if FileManager.default.contents(atPath: url.path) == data { return }
        try data.write(to: url, options: .atomic)
    }

    /// Depth first from the top, siblings by order then slug: parents always come before their children, and
    /// the order does not depend on how the list was written.
    static func canonicalOrder(_ categories: [KnowledgeCategory]) -> [KnowledgeCategory] {
        let slugs = Set(categories.map(\.slug))
        let children = Dictionary(grouping: categories) { $0.parent.flatMap { slugs.contains($0) ? $0 : nil } ?? "" }
            .mapValues { $0.sorted { ($0.order, $0.slug) < ($1.order, $1.slug) } }
        var out: [KnowledgeCategory] = []
        var visited: Set<String> = []
        func visit(_ parent: String) {
            for child in children[parent] ?? [] where visited.insert(child.slug).inserted {
                out.append(child)
                visit(child.slug)
            }
        }
        visit("")
        // Whatever a cycle kept out of the walk keeps its place at the end.
        return out + categories.filter { !visited.contains($0.slug) }
    }

    /// The line of `key:` in a file's front matter, for problems found after parsing.
    static func frontMatterLine(_ key: String, in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst() {
            if line.trimmingCharacters(in: .whitespaces) == "---" { return nil }
            if line.hasPrefix("\(key):") { return index + 1 }
        }
        return nil
    }
}
