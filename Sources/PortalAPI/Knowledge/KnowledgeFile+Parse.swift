import Domain
import Foundation
import Yams

extension KnowledgeFile {
    /// Reads a file's text. `slug` comes from the file name; the errors name the file as
    /// ``path(kind:slug:)`` spells it.
    ///
    /// Strict on purpose, because a typo should fail the import rather than publish something unintended:
    /// unknown fields are errors (with the field that was probably meant), values must have the right type and
    /// spelling, and the content must pass ``KnowledgeContent/checked(kind:categoryExists:)`` (except that the
    /// category's existence is the folder's business). Every problem of the file is reported at once.
    ///
    /// - Throws: ``KnowledgeFileError``.
    public static func parse(_ text: String, kind: KnowledgeKind, slug: String) throws -> KnowledgeFile {
        let file = path(kind: kind, slug: slug)
        guard text.utf8.count <= maximumSize else {
            throw KnowledgeFileError([KnowledgeFileProblem(file: file, message: "the file has \(text.utf8.count) bytes; a knowledge file has at most 1 MiB.")])
        }
        guard KnowledgeSlug.isValid(slug) else { throw KnowledgeFileError([slugProblem(file: file, slug: slug)]) }
        let (yaml, body) = try split(text, file: file)
        let root: Node?
        switch KnowledgeYAML.compose(yaml, file: file, lineOffset: 1, what: "front matter") {
        case let .success(node): root = node
        case let .failure(problem): throw KnowledgeFileError([problem])
        }
        var reader = KnowledgeFieldReader(file: file, lineOffset: 1, what: "front matter")
        let mapping: Node.Mapping
        switch root {
        case let .mapping(m)?: mapping = m
        case nil: mapping = Node.Mapping([])
        case let node?:
            reader.problem(node, field: nil, "write one field a line, like title: Reset your password.")
            throw KnowledgeFileError(reader.problems)
        }

        var content = KnowledgeContent(title: "", summary: "", body: body, categoryID: "")
        var status = KnowledgeStatus.published
        var titleKey: String?, summaryKey: String?
        var lines: [String: Int] = [:]
        for (key, keyNode, value) in reader.fields(mapping, known: knownFields(kind), elsewhere: faqOnlyFields(kind)) {
            lines[key] = reader.line(keyNode)
            switch key {
            case "title", "question":
                if let first = titleKey { reader.problem(keyNode, field: key, "write either '\(first)' or '\(key)', not both.") }
                titleKey = key
                content.title = reader.text(value, field: key) ?? ""
            case "summary", "answer":
                if let first = summaryKey { reader.problem(keyNode, field: key, "write either '\(first)' or '\(key)', not both.") }
                summaryKey = key
                content.summary = reader.text(value, field: key) ?? ""
            case "category": content.categoryID = reader.slug(value, field: key) ?? ""
            case "tags": content.tags = reader.texts(value, field: key, example: "password, sign-in") ?? []
            case "audience": content.audience = reader.choice(value, field: key, as: KnowledgeAudience.self) ?? .public
            case "status": status = reader.choice(value, field: key, as: KnowledgeStatus.self) ?? .published
            case "phrasings": content.phrasings = reader.texts(value, field: key, example: "I forgot my password, cannot log in") ?? []
            case "article": content.articleLink = KnowledgeFieldReader.isNull(value) ? nil : reader.slug(value, field: key)
            case "order": content.order = reader.number(value, field: key) ?? 0
            default: break
            }
        }
        let titleName = titleKey ?? (kind == .faq ? "question" : "title")
        if titleKey == nil {
            reader.problem(nil, field: titleName, kind == .faq ? "'question' is missing: the question this entry answers." : "'title' is missing.")
        }
        if lines["category"] == nil { reader.problem(nil, field: "category", "'category' is missing: the slug of a category in categories.yml.") }
        guard reader.problems.isEmpty else { throw KnowledgeFileError(reader.problems) }

        do {
            content = try content.checked(kind: kind, categoryExists: { _ in true })
        } catch let failure as ValidationFailure {
            let summaryName = summaryKey ?? (kind == .faq ? "answer" : "summary")
            let names = ["title": titleName, "summary": summaryName, "categoryID": "category", "articleLink": "article"]
            throw KnowledgeFileError(failure.errors.map { error in
                let field = names[error.field] ?? error.field
                return KnowledgeFileProblem(file: file, line: lines[field], field: field,
                                            message: field == "body" ? "body: \(error.message)" : "'\(field)': \(error.message)")
            })
        }
        return KnowledgeFile(kind: kind, slug: slug, content: content, status: status)
    }

    static func knownFields(_ kind: KnowledgeKind) -> [String] {
        switch kind {
        case .article: ["title", "summary", "category", "tags", "audience", "status", "order"]
        case .faq: ["question", "title", "answer", "summary", "category", "tags", "audience", "status", "phrasings", "article", "order"]
        case .tutorial: []
        }
    }

    /// Fields an article may not have, with what to do instead.
    static func faqOnlyFields(_ kind: KnowledgeKind) -> [String: String] {
        guard kind == .article else { return [:] }
        return [
            "question": "'question' is for FAQ entries (in faq/); an article has a 'title'.",
            "answer": "'answer' is for FAQ entries (in faq/); an article has a 'summary'.",
            "phrasings": "'phrasings' are for FAQ entries (in faq/).",
            "article": "'article' links a FAQ entry to an article; an article cannot have one.",
        ]
    }

    static func slugProblem(file: String, slug: String) -> KnowledgeFileProblem {
        let suggestion = KnowledgeSlug.make(from: slug)
        return KnowledgeFileProblem(file: file, message: "the file name must be a slug: lower-case letters, digits and dashes"
            + (suggestion.isEmpty ? "." : ", like \(suggestion).md."))
    }

    /// The YAML between the opening and closing `---` lines, and the body after them (trimmed, as stored).
    static func split(_ text: String, file: String) throws -> (yaml: String, body: String) {
        var text = text.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func isDelimiter(_ line: Substring) -> Bool {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed == "---"
        }
        guard let first = lines.first, isDelimiter(first) else {
            throw KnowledgeFileError([KnowledgeFileProblem(file: file, line: 1, message:
                "the file must start with front matter: a line '---', the fields (like title: …), and another '---' line.")])
        }
        guard let close = lines.indices.dropFirst().first(where: { isDelimiter(lines[$0]) }) else {
            throw KnowledgeFileError([KnowledgeFileProblem(file: file, message: "front matter: the closing '---' line is missing.")])
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (yaml, body)
    }
}
