import Domain
import EventStore
import Foundation
import Projections

/// The stream of a customer's unfinished ticket form.
enum TicketDrafts {
    static func stream(_ account: AccountID) -> String { "ticket-draft-\(account.uuid.uuidString.lowercased())" }
}

/// A saved, unfinished ticket form.
public struct TicketDraft: Codable, Sendable, Equatable {
    public var categoryID: String?
    public var priority: String?
    public var subject: String
    public var description: String
    public var fields: [String: [String]]
    public var savedAt: Date?
}

extension TicketService {
    static let maxDraftText = 20_000

    /// The customer's draft, if one is saved (the last save wins; a sent or discarded draft is gone).
    public func loadDraft(_ account: AccountID) throws -> TicketDraft? {
        let last = try store.read(stream: TicketDrafts.stream(account), direction: .backwards, limit: 1).first
        guard let last, last.type == TicketDraftSaved.eventType else { return nil }
        let saved = try last.decode(as: TicketDraftSaved.self)
        guard let personal = saved.personal else { return nil }
        return TicketDraft(categoryID: saved.categoryID, priority: saved.priority?.rawValue, subject: personal.subject,
                           description: personal.description, fields: personal.fields, savedAt: last.recordedAt)
    }

    /// Saves the form as typed so far (the page saves a few seconds after the last keystroke). Only
    /// sizes are checked: a draft may be incomplete. An unchanged draft writes nothing.
    public func saveDraft(_ draft: TicketDraft, by account: AccountID, client: ClientContext) async throws -> Date {
        try limit(account, drafts: true)
        var errors: [FieldError] = []
        if draft.subject.count > 1000 { errors.append(FieldError(field: "subject", message: "At most 1,000 characters in a draft.")) }
        if draft.description.count > Self.maxDraftText { errors.append(FieldError(field: "description", message: "At most 20,000 characters.")) }
        if draft.fields.count > 100 || draft.fields.contains(where: { $0.key.count > 64 || $0.value.count > 50 || $0.value.contains { $0.count > 10_000 } }) {
            errors.append(FieldError(field: "fields", message: "Too many or too long field values for a draft."))
        }
        if let c = draft.categoryID, categories.entry(c) == nil { errors.append(FieldError(field: "categoryID", message: "Choose one of the categories offered.")) }
        let priority = try draft.priority.flatMap { $0.isEmpty ? nil : $0 }.map { try Self.priority($0) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        if let current = try loadDraft(account), current.categoryID == draft.categoryID, current.priority == priority?.rawValue,
           current.subject == draft.subject, current.description == draft.description, current.fields == draft.fields {
            return current.savedAt ?? Date()
        }
        let event = TicketDraftSaved(account: account, categoryID: draft.categoryID, priority: priority,
                                     personal: .init(subject: draft.subject, description: draft.description, fields: draft.fields))
        _ = try await store.append([StreamAppend(stream: TicketDrafts.stream(account), expected: .any,
                                                 events: [try EventEnvelope.make(event, subject: account.stream, metadata: client.metadata(actor: account.description))])])
        return try loadDraft(account)?.savedAt ?? Date()
    }

    public func discardDraft(by account: AccountID, client: ClientContext) async throws {
        guard try loadDraft(account) != nil else { return }
        _ = try await store.append([StreamAppend(stream: TicketDrafts.stream(account), expected: .any,
                                                 events: [try EventEnvelope.make(TicketDraftCleared(account: account, ticketID: nil), subject: nil,
                                                                                 metadata: client.metadata(actor: account.description))])])
    }
}
