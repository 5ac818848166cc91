import Foundation

/// A knowledge-base category, a node in a tree (Billing › Invoices). Stream `kb-category-<slug>`.
public struct KnowledgeCategory: Sendable, Equatable, Codable {
    public var slug: String
    public var name: String
    public var description: String
    public var parent: String?
    public var order: Int

    public init(slug: String, name: String, description: String = "", parent: String? = nil, order: Int = 0) {
        self.slug = slug
        self.name = name
        self.description = description
        self.parent = parent
        self.order = order
    }

    public static func stream(_ slug: String) -> String { "kb-category-\(slug)" }

    /// How deep the tree may grow.
    public static let maximumDepth = 4

    /// Creates a category under `parent` (nil: at the top). `tree` is every existing category by slug.
    public static func decideCreate(_ c: KnowledgeCategory, tree: [String: KnowledgeCategory]) throws -> KnowledgeCategoryCreated {
        guard tree[c.slug] == nil else { throw DomainError.rejected("a category '\(c.slug)' exists already") }
        let checked = try check(c, tree: tree)
        return KnowledgeCategoryCreated(slug: checked.slug, name: checked.name, description: checked.description, parent: checked.parent, order: checked.order)
    }

    /// Renames, moves or reorders; a move may not put a category under itself or its own descendants.
    public static func decideChange(_ c: KnowledgeCategory, tree: [String: KnowledgeCategory]) throws -> KnowledgeCategoryChanged {
        guard let current = tree[c.slug] else { throw DomainError.notFound("category") }
        let checked = try check(c, tree: tree)
        guard checked != current else { throw DomainError.rejected("nothing changed") }
        return KnowledgeCategoryChanged(slug: checked.slug, name: checked.name, description: checked.description, parent: checked.parent, order: checked.order)
    }

    static func check(_ c: KnowledgeCategory, tree: [String: KnowledgeCategory]) throws -> KnowledgeCategory {
        var out = c
        var errors: [FieldError] = []
        if !KnowledgeSlug.isValid(c.slug) { errors.append(FieldError(field: "slug", message: "A slug is 1–80 lower-case letters, digits and dashes, e.g. billing.")) }
        out.name = c.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if out.name.isEmpty || out.name.count > 80 || out.name.contains(where: \.isNewline) {
            errors.append(FieldError(field: "name", message: "A category needs a one-line name of at most 80 characters."))
        }
        out.description = c.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if out.description.count > 500 { errors.append(FieldError(field: "description", message: "At most 500 characters.")) }
        if let parent = c.parent {
            if tree[parent] == nil {
                errors.append(FieldError(field: "parent", message: "The parent category '\(parent.prefix(80))' does not exist."))
            } else {
                // Walk up from the parent: meeting the category itself means a cycle.
                var depth = 1, cursor: String? = parent, cycle = false
                while let slug = cursor {
                    if slug == c.slug {
                        errors.append(FieldError(field: "parent", message: "A category cannot sit inside itself."))
                        cycle = true
                        break
                    }
                    depth += 1
                    cursor = tree[slug]?.parent
                    if depth > maximumDepth + 1 { break }
                }
                // A move takes the category's subcategories along: the deepest of them must stay within the limit too.
                if !cycle, depth + levelsBelow(c.slug, tree: tree) > maximumDepth {
                    errors.append(FieldError(field: "parent", message: "Categories nest at most \(maximumDepth) deep."))
                }
            }
        }
        if !(-1_000_000...1_000_000).contains(c.order) { errors.append(FieldError(field: "order", message: "The order is a number between -1000000 and 1000000.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return out
    }

    /// How many levels of subcategories `slug` has below it (0 for a leaf or a category not created yet).
    static func levelsBelow(_ slug: String, tree: [String: KnowledgeCategory]) -> Int {
        var deepest = 0
        for start in tree.keys {
            var steps = 0, cursor: String? = start
            while let s = cursor, s != slug, steps <= maximumDepth {
                steps += 1
                cursor = tree[s]?.parent
            }
            if cursor == slug { deepest = max(deepest, steps) }
        }
        return deepest
    }

    /// The slugs from the root down to `slug` (just `[slug]` for a top category; empty for an unknown one).
    public static func path(_ slug: String, tree: [String: KnowledgeCategory]) -> [String] {
        var path: [String] = []
        var cursor: String? = slug
        while let s = cursor, let node = tree[s], !path.contains(s), path.count <= maximumDepth {
            path.insert(s, at: 0)
            cursor = node.parent
        }
        return path
    }
}
