import Foundation

/// A private note was written or rewritten (stream `notes-<account>`). The text is sealed under the owner's key,
/// so erasing the person erases their notes.
public struct NoteSaved: DomainEvent {
    public static let eventType = "NoteSaved"
    public struct Personal: Codable, Sendable, Equatable {
        public var text: String
        public init(text: String) { self.text = text }
    }
    public var noteID: UUID
    public var owner: AccountID
    /// What the note is on: `step:<tutorial>/<step>`, `article:<slug>` or `faq:<slug>`.
    public var target: String
    public var personal: Personal?
    enum CodingKeys: String, CodingKey { case noteID, owner, target }
    public init(noteID: UUID, owner: AccountID, target: String, text: String) {
        self.noteID = noteID
        self.owner = owner
        self.target = target
        self.personal = Personal(text: text)
    }
}

public struct NoteDeleted: DomainEvent {
    public static let eventType = "NoteDeleted"
    public var noteID: UUID
    public var owner: AccountID
    public init(noteID: UUID, owner: AccountID) {
        self.noteID = noteID
        self.owner = owner
    }
}

/// One learner's notes, folded from their stream.
public struct LearnerNotes: Sendable, Equatable {
    public struct Note: Sendable, Equatable {
        public var id: UUID
        public var target: String
        /// Nil once the owner's key is erased.
        public var text: String?
        public var createdAt: Date
        public var updatedAt: Date
    }

    public var notes: [UUID: Note] = [:]
    public init() {}

    public static func stream(_ owner: AccountID) -> String { "notes-\(owner)" }
    static let maximumNotes = 2_000
    static let maximumText = 20_000

    public func evolve(_ event: any DomainEvent, at: Date) -> LearnerNotes {
        var n = self
        switch event {
        case let e as NoteSaved:
            let created = n.notes[e.noteID]?.createdAt ?? at
            n.notes[e.noteID] = Note(id: e.noteID, target: e.target, text: e.personal?.text, createdAt: created, updatedAt: at)
        case let e as NoteDeleted:
            n.notes[e.noteID] = nil
        default:
            break
        }
        return n
    }

    /// Whether `target` names something a note can be on.
    public static func isValidTarget(_ target: String) -> Bool {
        if KnowledgeKind.parse(key: target) != nil { return true }
        guard target.hasPrefix("step:") else { return false }
        let parts = target.dropFirst(5).split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && KnowledgeSlug.isValid(String(parts[0])) && KnowledgeSlug.isValid(String(parts[1]))
    }

    /// Writes a new note (`id` nil) or rewrites one of the owner's.
    public func decideSave(_ id: UUID?, target: String, text: String, by owner: AccountID, context: DecisionContext) throws -> NoteSaved {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if body.isEmpty { errors.append(FieldError(field: "text", message: "A note needs some text.")) }
        if body.count > Self.maximumText { errors.append(FieldError(field: "text", message: "A note has at most \(Self.maximumText) characters.")) }
        if !Self.isValidTarget(target) { errors.append(FieldError(field: "target", message: "Notes go on a tutorial step or an article.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        if let id {
            guard let note = notes[id] else { throw DomainError.notFound("note") }
            guard note.target == target else { throw FieldError(field: "target", message: "A note stays on what it was written on.") }
            guard note.text != body else { throw DomainError.rejected("nothing changed") }
            return NoteSaved(noteID: id, owner: owner, target: target, text: body)
        }
        guard notes.count < Self.maximumNotes else { throw DomainError.rejected("at most \(Self.maximumNotes) notes; delete some first") }
        return NoteSaved(noteID: context.newID(), owner: owner, target: target, text: body)
    }

    public func decideDelete(_ id: UUID, by owner: AccountID) throws -> NoteDeleted {
        guard notes[id] != nil else { throw DomainError.notFound("note") }
        return NoteDeleted(noteID: id, owner: owner)
    }
}
