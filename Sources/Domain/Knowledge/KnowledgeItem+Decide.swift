import Foundation

extension KnowledgeItem {
    /// Writes a new item as a draft. The slug is the item's permanent name in URLs and files.
    public static func decideCreate(kind: KnowledgeKind, slug: String, content: KnowledgeContent, author: String, existing: KnowledgeItem,
                                    categoryExists: (String) -> Bool) throws -> KnowledgeItemCreated {
        guard !existing.exists else { throw DomainError.rejected("a\(kind == .article ? "n article" : " FAQ entry") '\(slug)' exists already") }
        var errors: [FieldError] = []
        if !KnowledgeSlug.isValid(slug) {
            errors.append(FieldError(field: "slug", message: "A slug is 1–80 lower-case letters, digits and dashes, e.g. reset-your-password."))
        }
        do {
            let checked = try content.checked(kind: kind, categoryExists: categoryExists)
            if errors.isEmpty { return KnowledgeItemCreated(kind: kind, slug: slug, content: checked, author: author) }
        } catch let failure as ValidationFailure { errors += failure.errors }
        throw ValidationFailure(errors)
    }

    /// A new revision with `content`; rejected when nothing would change.
    public func decideRevise(_ content: KnowledgeContent, author: String, significant: Bool, note: String,
                             categoryExists: (String) -> Bool) throws -> KnowledgeItemRevised {
        guard let kind, let slug, let current = self.content else { throw DomainError.notFound("item") }
        let checked = try content.checked(kind: kind, categoryExists: categoryExists)
        guard checked != current else { throw DomainError.rejected("nothing changed") }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 500 else { throw FieldError(field: "note", message: "A revision note has at most 500 characters.") }
        return KnowledgeItemRevised(kind: kind, slug: slug, revision: revision + 1, content: checked, author: author, significant: significant, note: text)
    }

    /// Brings back revision `number` as a new revision (history is never rewritten).
    public func decideRestore(_ number: Int, author: String, categoryExists: (String) -> Bool) throws -> KnowledgeItemRevised {
        guard let kind, let slug, let current = content else { throw DomainError.notFound("item") }
        guard let old = revision(number) else { throw DomainError.notFound("revision \(number)") }
        var restored = old.content
        // A category removed since then cannot come back; keep the current one.
        if !categoryExists(restored.categoryID) { restored.categoryID = current.categoryID }
        guard restored != current else { throw DomainError.rejected("revision \(number) is the same as the current content") }
        return KnowledgeItemRevised(kind: kind, slug: slug, revision: revision + 1, content: restored, author: author,
                                    restoredFrom: number, note: "Restored revision \(number)")
    }

    public func decideStatus(_ to: KnowledgeStatus, author: String) throws -> KnowledgeItemStatusChanged {
        guard let kind, let slug else { throw DomainError.notFound("item") }
        guard status != to else { throw DomainError.rejected("it is \(to.rawValue) already") }
        guard status.canMove(to: to) else { throw DomainError.rejected("a\(status == .archived ? "n" : "") \(status.rawValue) item cannot become \(to.rawValue)") }
        return KnowledgeItemStatusChanged(kind: kind, slug: slug, from: status, to: to, author: author)
    }
}
