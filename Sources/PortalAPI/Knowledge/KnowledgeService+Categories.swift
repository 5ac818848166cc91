import Domain
import EventStore
import Foundation
import Projections

extension KnowledgeService {
    /// Creates a category (editors).
    @discardableResult
    public func createCategory(_ category: KnowledgeCategory, by actor: String) async throws -> UInt64 {
        let event = try KnowledgeCategory.decideCreate(category, tree: catalog.categoryTree)
        let position = try await append([event], stream: KnowledgeCategory.stream(category.slug), expected: .noStream, actor: actor)
        await settle(position)
        return position
    }

    /// Renames, moves or reorders a category.
    @discardableResult
    public func changeCategory(_ category: KnowledgeCategory, by actor: String) async throws -> UInt64 {
        try await retrying {
            let version = catalog.categoryVersion(category.slug)
            let event = try KnowledgeCategory.decideChange(category, tree: catalog.categoryTree)
            let position = try await append([event], stream: KnowledgeCategory.stream(category.slug), expected: .exact(version), actor: actor)
            await settle(position)
            return position
        }
    }

    static let synonymsStream = "kb-synonyms"

    /// Replaces the synonym groups search uses. Words are lower-cased; groups of fewer than two words are dropped.
    @discardableResult
    public func setSynonyms(_ groups: [[String]], by actor: String) async throws -> UInt64 {
        var cleaned: [[String]] = []
        for group in groups {
            var words: [String] = []
            for raw in group {
                let w = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                guard !w.isEmpty else { continue }
                guard w.count <= 60, !w.contains(where: \.isNewline) else {
                    throw FieldError(field: "synonyms", message: "A synonym is one line of at most 60 characters ('\(raw.prefix(60))…' is not).")
                }
                if !words.contains(w) { words.append(w) }
            }
            if words.count >= 2 { cleaned.append(words) }
        }
        guard cleaned.count <= 500 else { throw FieldError(field: "synonyms", message: "At most 500 synonym groups.") }
        return try await retrying {
            let current = catalog.synonyms
            guard cleaned != current.groups else { throw DomainError.rejected("the synonyms are unchanged") }
            let position = try await append([KnowledgeSynonymsChanged(groups: cleaned, author: actor)], stream: Self.synonymsStream,
                                            expected: current.version == 0 ? .noStream : .exact(current.version), actor: actor)
            await settle(position)
            return position
        }
    }
}
