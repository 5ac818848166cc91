import Domain
import Foundation
import Yams

/// `categories.yml` and `synonyms.yml`: reading them with a problem per mistake, and writing them stably.
extension KnowledgeFolder {
    static let categoriesFile = "categories.yml"
    static let synonymsFile = "synonyms.yml"

    /// The categories in `categories.yml`: a list of `{slug, name, description?, parent?, order?}`. Empty text
    /// is no categories.
    static func parseCategories(_ text: String) -> (categories: [KnowledgeCategory], lines: [String: Int], problems: [KnowledgeFileProblem]) {
        let root: Node?
        switch KnowledgeYAML.compose(text, file: categoriesFile, lineOffset: 0, what: "the list") {
        case let .success(node): root = node
        case let .failure(problem): return ([], [:], [problem])
        }
        var reader = KnowledgeFieldReader(file: categoriesFile, lineOffset: 0, what: "the list")
        guard let root, !KnowledgeFieldReader.isNull(root) else { return ([], [:], []) }
        guard case let .sequence(items) = root else {
            reader.problem(root, field: nil, "write one entry per category, each starting with '- slug: …'.")
            return ([], [:], reader.problems)
        }
        var categories: [KnowledgeCategory] = []
        var lines: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard case let .mapping(mapping) = item else {
                reader.problem(item, field: nil, "entry \(index + 1) must be fields (slug, name, …), not a single value.")
                continue
            }
            var entry = KnowledgeFieldReader(file: categoriesFile, lineOffset: 0, what: "entry \(index + 1)")
            var category = KnowledgeCategory(slug: "", name: "")
            for (key, _, value) in entry.fields(mapping, known: ["slug", "name", "description", "parent", "order"]) {
                switch key {
                case "slug": category.slug = entry.slug(value, field: key) ?? ""
                case "name": category.name = entry.text(value, field: key) ?? ""
                case "description": category.description = entry.text(value, field: key) ?? ""
                case "parent": category.parent = KnowledgeFieldReader.isNull(value) ? nil : entry.slug(value, field: key)
                case "order": category.order = entry.number(value, field: key) ?? 0
                default: break
                }
            }
            for (field, value) in [("slug", category.slug), ("name", category.name)] where value.isEmpty && !entry.problems.contains(where: { $0.field == field }) {
                entry.problem(item, field: field, "'\(field)' is missing.")
            }
            if !category.slug.isEmpty, lines[category.slug] != nil {
                entry.problem(item, field: "slug", "the slug '\(category.slug)' is used twice.")
            }
            if entry.problems.isEmpty {
                categories.append(category)
                lines[category.slug] = reader.line(item)
            }
            reader.problems += entry.problems
        }
        return (categories, lines, reader.problems)
    }

    /// Parents before their children, otherwise in the order given, so an importer can create them one by one.
    /// A missing parent, a cycle or a tree deeper than ``KnowledgeCategory/maximumDepth`` is a problem, and so is
    /// anything ``KnowledgeCategory/decideCreate(_:tree:)`` would refuse.
    static func parentsFirst(_ categories: [KnowledgeCategory], lines: [String: Int]) -> (categories: [KnowledgeCategory], problems: [KnowledgeFileProblem]) {
        let bySlug = Dictionary(categories.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        var sorted: [KnowledgeCategory] = []
        var tree: [String: KnowledgeCategory] = [:]
        var problems: [KnowledgeFileProblem] = []
        var waiting = categories
        while true {
            let ready = waiting.filter { $0.parent.map { tree[$0] != nil } ?? true }
            guard !ready.isEmpty else { break }
            for category in ready {
                do {
                    let created = try KnowledgeCategory.decideCreate(category, tree: tree)
                    let checked = KnowledgeCategory(slug: created.slug, name: created.name, description: created.description,
                                                    parent: created.parent, order: created.order)
                    tree[checked.slug] = checked
                    sorted.append(checked)
                } catch let failure as ValidationFailure {
                    problems += failure.errors.map {
                        KnowledgeFileProblem(file: categoriesFile, line: lines[category.slug], field: $0.field,
                                             message: "category '\(category.slug)': '\($0.field)': \($0.message)")
                    }
                    tree[category.slug] = category
                } catch {
                    problems.append(KnowledgeFileProblem(file: categoriesFile, line: lines[category.slug], message: "category '\(category.slug)': \(error)"))
                    tree[category.slug] = category
                }
            }
            waiting.removeAll { tree[$0.slug] != nil }
        }
        var reported: Set<String> = []
        for category in waiting where !reported.contains(category.slug) {
            guard let parent = category.parent, bySlug[parent] != nil else {
                problems.append(KnowledgeFileProblem(file: categoriesFile, line: lines[category.slug], field: "parent",
                                                     message: "category '\(category.slug)': its parent '\(category.parent ?? "")' is not in the list."))
                reported.insert(category.slug)
                continue
            }
            // Walk up until a category repeats: from there on, the walk is the cycle.
            var path: [String] = [category.slug]
            while let next = bySlug[path.last!]?.parent, bySlug[next] != nil, !path.contains(next) { path.append(next) }
            guard let last = path.last, let back = bySlug[last]?.parent, let start = path.firstIndex(of: back) else { continue }
            let cycle = Array(path[start...])
            if cycle.contains(where: reported.contains) { continue }
            reported.formUnion(cycle)
            problems.append(KnowledgeFileProblem(file: categoriesFile, line: lines[cycle[0]], field: "parent", message:
                "categories " + (cycle + [cycle[0]]).map { "'\($0)'" }.joined(separator: " → ") + " are each other's parents; one of them must be at the top or under another category."))
        }
        return (sorted, problems)
    }

    static func renderCategories(_ categories: [KnowledgeCategory]) -> String {
        var out = "# Categories, parents before children: slug, name, and optionally description, parent (a slug) and order.\n"
        if categories.isEmpty { return out + "[]\n" }
        for c in categories {
            out += "- slug: \(KnowledgeYAML.scalar(c.slug))\n  name: \(KnowledgeYAML.scalar(c.name))\n"
            if !c.description.isEmpty { out += "  description: \(KnowledgeYAML.scalar(c.description))\n" }
            if let parent = c.parent { out += "  parent: \(KnowledgeYAML.scalar(parent))\n" }
            if c.order != 0 { out += "  order: \(c.order)\n" }
        }
        return out
    }

    /// `synonyms.yml`: a list of groups, each a list of at least two words or phrases that search treats alike.
    static func parseSynonyms(_ text: String) -> (groups: [[String]], problems: [KnowledgeFileProblem]) {
        let root: Node?
        switch KnowledgeYAML.compose(text, file: synonymsFile, lineOffset: 0, what: "the list") {
        case let .success(node): root = node
        case let .failure(problem): return ([], [problem])
        }
        var reader = KnowledgeFieldReader(file: synonymsFile, lineOffset: 0, what: "the list")
        guard let root, !KnowledgeFieldReader.isNull(root) else { return ([], []) }
        guard case let .sequence(items) = root else {
            reader.problem(root, field: nil, "write one group a line, like - [ticket, case, request].")
            return ([], reader.problems)
        }
        var groups: [[String]] = []
        for (index, item) in items.enumerated() {
            guard case .sequence = item else {
                reader.problem(item, field: nil, "group \(index + 1) must be a list of words, like - [ticket, case, request].")
                continue
            }
            guard let words = reader.texts(item, field: "group \(index + 1)", example: "ticket, case, request") else { continue }
            var group: [String] = []
            for word in words where !word.isEmpty && !group.contains(word) { group.append(word) }
            guard group.count >= 2 else {
                reader.problem(item, field: nil, "group \(index + 1) needs at least two different words.")
                continue
            }
            groups.append(group)
        }
        return (groups, reader.problems)
    }

    static func renderSynonyms(_ groups: [[String]]) -> String {
        var out = "# Words and phrases that search treats as the same, one group a line.\n"
        if groups.isEmpty { return out + "[]\n" }
        for group in groups { out += "- [" + group.map(KnowledgeYAML.flowScalar).joined(separator: ", ") + "]\n" }
        return out
    }
}
