import Domain
import EventStore
import Foundation

extension TicketTimeline {
    /// Folds one ticket stream (its records in any order; they are put in log order) for `viewer`.
    ///
    /// Throws ``DomainError/notFound(_:)`` when the records hold no opened ticket, or when the viewer
    /// is a customer other than the requester (the same answer as for a ticket that does not exist, so
    /// ticket ids cannot be probed); `rejected` when the records come from more than one stream; and
    /// a decoding error for a record that does not decode.
    public static func build(from records: [RecordedEvent], viewer: Viewer, policy: SLAPolicy, now: Date) throws -> TicketTimeline {
        let ordered = records.sorted { $0.position < $1.position }
        guard let first = ordered.first else { throw DomainError.notFound("ticket") }
        guard ordered.allSatisfy({ $0.stream == first.stream }) else { throw DomainError.rejected("a timeline folds one ticket stream") }
        let events = try ordered.map { (record: $0, event: try $0.domainEvent()) }
        guard let opening = events.first?.event as? TicketOpened else { throw DomainError.notFound("ticket") }
        if case .customer(let account) = viewer, account != opening.requester { throw DomainError.notFound("ticket") }

        var ticket = Ticket()
        var clock = SLAClock()
        for (record, event) in events {
            ticket = ticket.evolve(event, at: record.recordedAt)
            clock.apply(event, at: record.recordedAt, policy: policy)
        }
        let isCustomer = viewer != .agent
        let publicFiles = Self.publicFiles(events.map(\.event), requester: opening.requester)
        var entries: [Entry] = []
        for (record, event) in events {
            guard let entry = Self.entry(event, record: record, requester: opening.requester) else { continue }
            if isCustomer {
                if [.internalNote, .slaWarning, .slaBreach].contains(entry.kind) { continue }
                if let file = entry.attachment, !publicFiles.contains(file.id) { continue }
            }
            entries.append(entry)
        }
        if isCustomer { ticket.attachmentIDs = ticket.attachmentIDs.intersection(publicFiles) }
        let personal = opening.personal
        return TicketTimeline(
            viewer: viewer,
            opened: Opened(subject: personal?.subject, description: personal?.description, fields: personal?.fields ?? [], formVersion: opening.formVersion),
            entries: entries, ticket: ticket, sla: isCustomer ? [] : clock.readings(at: now, policy: policy),
            personalDataErased: ordered.contains { if case .erased = $0.sealed { true } else { false } },
            streamVersion: ordered.last?.streamVersion ?? 0)
    }

    /// Files a customer may see: theirs, those opened with the ticket, and those a public comment named.
    static func publicFiles(_ events: [any DomainEvent], requester: AccountID) -> Set<String> {
        var files = Set<String>()
        for event in events {
            switch event {
            case let e as TicketOpened: files.formUnion(e.attachmentIDs)
            case let e as TicketCommented where !e.isInternal: files.formUnion(e.attachmentIDs)
            case let e as AttachmentAdded where e.uploadedBy == requester: files.insert(e.attachmentID)
            default: break
            }
        }
        return files
    }

    static func entry(_ event: any DomainEvent, record: RecordedEvent, requester: AccountID) -> Entry? {
        var entry = Entry(id: record.position, at: record.recordedAt, kind: .opened, actor: nil, role: .system)
        switch event {
        case is TicketOpened:
            entry.actor = requester
            entry.role = .customer
        case let e as TicketCommented:
            entry.kind = e.isInternal ? .internalNote : .comment
            entry.actor = e.author
            entry.role = e.role
            entry.text = e.personal?.body
            entry.commentID = e.commentID
            entry.attachmentIDs = e.attachmentIDs
        case let e as TicketStatusChanged:
            entry.kind = .statusChanged
            entry.actor = e.by
            entry.role = e.role
            entry.text = e.personal.flatMap { $0.reason.isEmpty ? nil : $0.reason }
            entry.fromStatus = e.from
            entry.toStatus = e.to
        case let e as TicketAssigned:
            entry.kind = .assigned
            entry.actor = e.by
            entry.role = .agent
            entry.assignee = e.agent
        case let e as TicketPriorityChanged:
            entry.kind = .priorityChanged
            entry.actor = e.by
            entry.role = .agent
            entry.fromPriority = e.from
            entry.toPriority = e.to
        case let e as AttachmentAdded:
            entry.kind = .attachment
            entry.actor = e.uploadedBy
            entry.role = e.uploadedBy == requester ? .customer : .agent
            entry.attachment = Attachment(id: e.attachmentID, size: e.size, contentType: e.contentType, filename: e.personal?.filename)
        case let e as SLABreachWarned:
            entry.kind = .slaWarning
            entry.slaTarget = e.target
            entry.dueAt = e.dueAt
        case let e as SLABreached:
            entry.kind = .slaBreach
            entry.slaTarget = e.target
            entry.dueAt = e.dueAt
        case let e as TicketRated:
            entry.kind = .rated
            entry.actor = requester
            entry.role = .customer
            entry.rating = e.rating
        case let e as SurveyAnswered:
            entry.kind = .survey
            entry.actor = requester
            entry.role = .customer
            entry.text = e.personal?.comment
            entry.survey = Survey(resolution: e.resolution, agentRating: e.agentRating, speed: e.speed, agentFeedback: e.personal?.agentFeedback)
        case let e as FollowUpRequested:
            entry.kind = .followUp
            entry.actor = requester
            entry.role = .customer
            entry.followUp = e.followUp
        case is TicketArchived:
            entry.kind = .archived
        default:
            return nil
        }
        return entry
    }
}
