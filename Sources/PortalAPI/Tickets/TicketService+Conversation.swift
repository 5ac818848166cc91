import BlobStore
import Domain
import EventStore
import Foundation
import Projections

extension TicketService {
    /// One ticket as `account` may see it: the timeline (no internal notes or SLA events for customers)
    /// and the SLA clocks.
    public func timeline(_ id: UUID, for account: AccountID) throws -> (TicketTimeline, TicketActor) {
        let actor = try actor(account)
        let loaded = try visibleTicket(id, to: actor)
        let timeline = try TicketTimeline.build(from: loaded.records, viewer: actor.isAgent ? .agent : .customer(account), policy: settings.sla, now: Date())
        return (timeline, actor)
    }

    /// A reply (or, for agents, an internal note) with attachments. A customer's reply reopens a
    /// pending or solved ticket; an agent's first public reply opens a new one.
    ///
    /// An agent may set a status with the reply (`then`): one action, one mail to the customer.
    public func comment(on id: UUID, body: String, internal isInternal: Bool, attachments: [UploadedAttachment], then status: String? = nil,
                        by account: AccountID, client: ClientContext) async throws -> UInt64 {
        try limit(account)
        let actor = try actor(account)
        let target = try status.flatMap { $0.isEmpty ? nil : $0 }.map { raw -> TicketStatus in
            guard let s = TicketStatus(rawValue: raw) else {
                throw FieldError(field: "status", message: "Choose a status: \(TicketStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard actor.isAgent else { throw FieldError(field: "status", message: "Only agents set a status with a reply; use the status action instead.") }
            guard !isInternal else { throw FieldError(field: "status", message: "An internal note cannot change the status.") }
            return s
        }
        return try await retrying {
            let loaded = try visibleTicket(id, to: actor)
            guard let requester = loaded.ticket.requester else { throw DomainError.notFound("ticket") }
            if !attachments.isEmpty {
                let existing = try loaded.records.filter { $0.type == AttachmentAdded.eventType }.map { try $0.decode(as: AttachmentAdded.self) }
                try checkAttachments(attachments, alreadyOnTicket: existing)
            }
            let ctx = context()
            var events = try loaded.ticket.decideComment(by: actor, body: body, internal: isInternal, attachmentIDs: attachments.map(\.attachmentID),
                                                         policy: settings.policy, context: ctx)
            if let target, target != loaded.ticket.status {
                // The requested status replaces the automatic new → open of a first reply.
                events = events.filter { !($0 is TicketStatusChanged) }
                let comment = events[0]
                events.append(try loaded.ticket.evolve(comment, at: ctx.now).decideStatus(target, by: actor, reason: nil, policy: settings.policy, now: ctx.now))
            }
            events += attachments.map { added($0, ticket: id, by: account) }
            let position = try await append(events, to: id, version: loaded.version, requester: requester, client: client, actor: account.description)
            if actor.isAgent, !isInternal { await recordKnowledgeLinks(in: body, ticket: id, agent: account) }
            return position
        }
    }

    /// An agent's public reply that links knowledge-base items: one `KnowledgeLinkedInTicket` each, for the
    /// self-service analytics. Best effort: the reply is already stored.
    private func recordKnowledgeLinks(in body: String, ticket: UUID, agent: AccountID) async {
        let keys = KnowledgeLinks.keys(in: body).prefix(20)
        guard !keys.isEmpty else { return }
        do {
            let events = try keys.map { try EventEnvelope.make(KnowledgeLinkedInTicket(ticketID: ticket, itemKey: $0, agent: agent), subject: nil,
                                                               metadata: EventMetadata(actor: agent.description)) }
            _ = try await store.append([StreamAppend(stream: KnowledgeService.activityStream(Date()), expected: .any, events: Array(events))])
        } catch {
            logger.warning("knowledge links of a reply not recorded: \(error)")
        }
    }

    /// A status change with an optional reason (for a solved ticket, the resolution summary).
    public func setStatus(_ id: UUID, to raw: String, reason: String?, by account: AccountID, client: ClientContext) async throws -> UInt64 {
        try limit(account)
        guard let status = TicketStatus(rawValue: raw) else {
            throw FieldError(field: "status", message: "Choose a status: \(TicketStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let actor = try actor(account)
        let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await retrying {
            let loaded = try visibleTicket(id, to: actor)
            let change = try loaded.ticket.decideStatus(status, by: actor, reason: trimmed?.isEmpty == false ? trimmed : nil, policy: settings.policy, now: Date())
            return try await append([change], to: id, version: loaded.version, requester: loaded.ticket.requester!, client: client, actor: account.description)
        }
    }

    /// Assigns the ticket to an agent (nil: unassigns). Only agents may, and only to agents.
    public func assign(_ id: UUID, to agent: AccountID?, by account: AccountID, client: ClientContext) async throws -> UInt64 {
        let actor = try actor(account)
        return try await retrying {
            // Who may assign is settled before whom: a customer learns nothing about other accounts here.
            let loaded = try visibleTicket(id, to: actor)
            let assigned = try loaded.ticket.decideAssign(agent, by: actor)
            if let agent {
                let roles = try identity.roles(of: agent)
                guard roles.contains(.agent) || roles.contains(.admin) else {
                    throw FieldError(field: "agent", message: "That account is not an agent; grant the role first (portalctl accounts grant-role ACCOUNT agent).")
                }
            }
            return try await append([assigned], to: id, version: loaded.version, requester: loaded.ticket.requester!, client: client, actor: account.description)
        }
    }

    public func setPriority(_ id: UUID, to raw: String, by account: AccountID, client: ClientContext) async throws -> UInt64 {
        let priority = try Self.priority(raw)
        let actor = try actor(account)
        return try await retrying {
            let loaded = try visibleTicket(id, to: actor)
            let change = try loaded.ticket.decidePriority(priority, by: actor)
            return try await append([change], to: id, version: loaded.version, requester: loaded.ticket.requester!, client: client, actor: account.description)
        }
    }

    /// An attachment's metadata and an open reader, for someone who may see the ticket. A stranger, an
    /// unknown id and an internal note's file (for customers) all look like "not found".
    public func attachment(_ attachmentID: String, of id: UUID, for account: AccountID) throws -> (AttachmentAdded, BlobReader) {
        let actor = try actor(account)
        let (timeline, _) = try timeline(id, for: account)
        // The timeline already leaves out what a customer may not see (internal notes and their files).
        guard timeline.entries.contains(where: { $0.attachment?.id == attachmentID }) else { throw DomainError.notFound("attachment") }
        let loaded = try visibleTicket(id, to: actor)
        guard let record = try loaded.records.first(where: { r in
            try r.type == AttachmentAdded.eventType && r.decode(as: AttachmentAdded.self).attachmentID == attachmentID
        }) else { throw DomainError.notFound("attachment") }
        let added = try record.decode(as: AttachmentAdded.self)
        guard let requester = loaded.ticket.requester else { throw DomainError.notFound("attachment") }
        do {
            return (added, try blobs.open(subject: requester.stream, address: added.blobHash))
        } catch BlobStoreError.notFound {
            throw DomainError.notFound("attachment")
        }
    }
}
