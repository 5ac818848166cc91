import BlobStore
import Domain
import EventStore
import Foundation
import Projections

/// What a customer filled in on a category's form.
public struct TicketForm: Sendable, Equatable {
    public var categoryID: String
    public var priority: String?
    public var subject: String
    public var description: String
    /// Field id → values (several for a multi-choice field).
    public var fields: [String: [String]]

    public init(categoryID: String, priority: String?, subject: String, description: String, fields: [String: [String]]) {
        self.categoryID = categoryID
        self.priority = priority
        self.subject = subject
        self.description = description
        self.fields = fields
    }
}

/// A file received with a form or comment, already in the blob store.
public struct UploadedAttachment: Sendable, Equatable {
    public var attachmentID: String
    /// The form's file field it answers; nil for attachments of the ticket or comment as a whole.
    public var fieldID: String?
    public var blob: StoredBlob
    public var filename: String
    public var contentType: String
}

extension TicketService {
    public struct Opened: Sendable, Codable, Equatable {
        public var id: UUID
        public var position: UInt64
    }

    /// Opens a ticket from a category's form, with its attachments; clears the customer's draft and,
    /// for a follow-up, links the solved ticket to the new one — all in one transaction.
    public func open(_ form: TicketForm, attachments: [UploadedAttachment], followUpOf: UUID? = nil, by account: AccountID,
                     client: ClientContext) async throws -> Opened {
        try limit(account)
        let (customer, _) = try identity.repository.load(account)
        guard customer.status == .active else { throw DomainError.notFound("account") }
        guard customer.emailVerified else {
            throw DomainError.rejected("Confirm your e-mail address first: open the link we sent you (or ask for a new one on your account page).")
        }
        guard let category = categories.entry(form.categoryID)?.category else {
            throw FieldError(field: "categoryID", message: "Choose one of the categories offered.")
        }
        let priority = try Self.priority(form.priority)
        try checkAttachments(attachments, alreadyOnTicket: [])
        var fields = form.fields
        for (field, uploads) in Dictionary(grouping: attachments.filter { $0.fieldID != nil }, by: { $0.fieldID! }) {
            fields[field] = uploads.map(\.attachmentID)
        }
        return try await retrying {
            var original: TicketRepository.Loaded?
            if let followUpOf {
                original = try visibleTicket(followUpOf, to: TicketActor(account: account, isAgent: false))
            }
            let ctx = context()
            let opened = try Ticket.decideOpen(
                OpenTicket(requester: account, priority: priority, subject: form.subject, description: form.description, fields: fields,
                           attachmentIDs: attachments.map(\.attachmentID), followUpOf: followUpOf),
                category: category, context: ctx)
            var events: [any DomainEvent] = [opened]
            events += attachments.map { added($0, ticket: opened.ticketID, by: account) }
            var extra: [StreamAppend] = []
            let metadata = client.metadata(actor: account.description)
            if let original, let followUpOf {
                let linked = try original.ticket.decideFollowUp(opened.ticketID, by: TicketActor(account: account, isAgent: false))
                extra.append(StreamAppend(stream: Ticket.stream(followUpOf), expected: .exact(original.version),
                                          events: [try EventEnvelope.make(linked, subject: account.stream, metadata: metadata)]))
            }
            if try store.streamVersion(TicketDrafts.stream(account)) != nil, try loadDraft(account) != nil {
                extra.append(StreamAppend(stream: TicketDrafts.stream(account), expected: .any,
                                          events: [try EventEnvelope.make(TicketDraftCleared(account: account, ticketID: opened.ticketID), subject: nil, metadata: metadata)]))
            }
            let position = try await append(events, to: opened.ticketID, version: 0, requester: account, client: client, actor: account.description, extra: extra)
            logger.info("ticket \(opened.ticketID) opened in \(category.id ?? "?")")
            return Opened(id: opened.ticketID, position: position)
        }
    }

    static func priority(_ raw: String?) throws -> TicketPriority {
        guard let raw, !raw.isEmpty else { return .normal }
        guard let p = TicketPriority(rawValue: raw) else {
            throw FieldError(field: "priority", message: "Choose a priority: \(TicketPriority.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return p
    }

    func added(_ upload: UploadedAttachment, ticket: UUID, by account: AccountID) -> AttachmentAdded {
        AttachmentAdded(ticketID: ticket, attachmentID: upload.attachmentID, blobHash: upload.blob.address, size: upload.blob.size,
                        contentType: upload.contentType, uploadedBy: account, personal: .init(filename: upload.filename))
    }

    /// The per-ticket limits: how many files and how many bytes a ticket may carry in all.
    func checkAttachments(_ uploads: [UploadedAttachment], alreadyOnTicket existing: [AttachmentAdded]) throws {
        let policy = settings.attachments
        let count = existing.count + uploads.count
        if count > policy.maxFilesPerTicket {
            throw FieldError(field: "attachments", message: "A ticket can carry at most \(policy.maxFilesPerTicket) files; this one would have \(count).")
        }
        let bytes = existing.reduce(0) { $0 + $1.size } + uploads.reduce(0) { $0 + $1.blob.size }
        if bytes > policy.maxTicketBytes {
            throw FieldError(field: "attachments", message: "A ticket's files may add up to \(policy.maxTicketBytes >> 20) MiB; these would make \(Self.megabytes(bytes)).")
        }
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

    /// A ticket's subject, from its opening event (nil once the requester was erased).
    func subject(of id: UUID) throws -> String? {
        guard let first = try repository.load(id).records.first else { return nil }
        return (try first.domainEvent() as? TicketOpened)?.personal?.subject
    }
}

extension TicketService {
    var uploadReader: TicketUploadReader { TicketUploadReader(blobs: blobs, policy: settings.attachments) }

    /// The requester of a ticket the caller may see (whose key seals the files stored for it).
    public func requester(of id: UUID, for account: AccountID) throws -> AccountID {
        guard let requester = try visibleTicket(id, to: try actor(account)).ticket.requester else { throw DomainError.notFound("ticket") }
        return requester
    }

    /// A follow-up of a solved or closed ticket: a new ticket in the same category with the original's
    /// answers (files aside), overridden by `fields`; both tickets point at each other.
    public func followUp(of id: UUID, subject: String, description: String, priority: String?, fields: [String: [String]] = [:],
                         by account: AccountID, client: ClientContext) async throws -> Opened {
        let loaded = try visibleTicket(id, to: TicketActor(account: account, isAgent: false))
        guard loaded.ticket.requester == account else { throw DomainError.notFound("ticket") }
        _ = try loaded.ticket.decideFollowUp(UUID(), by: TicketActor(account: account, isAgent: false))
        var answers: [String: [String]] = [:]
        if let opened = try loaded.records.first?.domainEvent() as? TicketOpened {
            for field in opened.personal?.fields ?? [] {
                switch field.value {
                case .text(let t): answers[field.id] = [t]
                case .number, .date: answers[field.id] = [field.value.display]
                case .choices(let c): answers[field.id] = c
                case .files: break
                }
            }
        }
        answers.merge(fields) { $1 }
        let form = TicketForm(categoryID: loaded.ticket.categoryID, priority: priority ?? loaded.ticket.priority.rawValue, subject: subject,
                              description: description, fields: answers)
        return try await open(form, attachments: [], followUpOf: id, by: account, client: client)
    }
}
