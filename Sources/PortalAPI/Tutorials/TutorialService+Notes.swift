import Domain
import EventStore
import Foundation
import Projections

extension TutorialService {
    /// Writes or rewrites one of the owner's notes on a step of a tutorial they may take, or on an article or FAQ entry.
    @discardableResult
    public func saveNote(_ id: UUID?, target: String, text: String, owner: AccountID, now: Date = Date()) async throws -> LearnerNotes.Note {
        try checkNoteTarget(target, owner: owner)
        var saved: UUID?
        try await retrying {
            let (notes, version) = learning.notes(of: owner)
            let event = try notes.decideSave(id, target: target, text: text, by: owner, context: DecisionContext(now: now, newID: { UUID() }))
            saved = event.noteID
            let position = try await append([event], stream: LearnerNotes.stream(owner), expected: version == 0 ? .noStream : .exact(version),
                                            actor: owner.stream, subject: owner.stream)
            await settle(position)
        }
        guard let saved, let note = learning.notes(of: owner).notes.notes[saved] else { throw DomainError.notFound("note") }
        return note
    }

    public func deleteNote(_ id: UUID, owner: AccountID) async throws {
        try await retrying {
            let (notes, version) = learning.notes(of: owner)
            let event = try notes.decideDelete(id, by: owner)
            let position = try await append([event], stream: LearnerNotes.stream(owner), expected: .exact(version), actor: owner.stream)
            await settle(position)
        }
    }

    /// The owner's notes, newest first; with a query, those containing every word of it. Only ever the owner's.
    public func notes(of owner: AccountID, query: String? = nil, target: String? = nil) -> [LearnerNotes.Note] {
        let q = query?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let all = q.isEmpty ? learning.notes(of: owner).notes.notes.values.sorted { $0.updatedAt > $1.updatedAt }
            : learning.searchNotes(of: owner, query: String(q.prefix(200)))
        return all.filter { target == nil || $0.target == target }
    }

    /// A note goes on something the owner may read: a step of a tutorial, or an article or FAQ entry.
    func checkNoteTarget(_ target: String, owner: AccountID) throws {
        guard LearnerNotes.isValidTarget(target) else { throw FieldError(field: "target", message: "Notes go on a tutorial step or an article.") }
        let v = viewer(owner)
        if target.hasPrefix("step:") {
            let parts = target.dropFirst(5).split(separator: "/")
            let tutorial = try readable(String(parts[0]), viewer: v)
            guard tutorial.content?.step(String(parts[1])) != nil else { throw DomainError.notFound("step") }
        } else if knowledge.readable(target, by: v) == nil {
            throw DomainError.notFound("item")
        }
    }
}
