import Foundation

/// Open a ticket in a category.
public struct OpenTicket: Sendable, Equatable {
    public var requester: AccountID
    public var priority: TicketPriority
    public var subject: String
    public var description: String
    /// Raw answers to the category's form: field id → values.
    public var fields: [String: [String]]
    /// Attachments uploaded with the form.
    public var attachmentIDs: [String]
    public var followUpOf: UUID?

    public init(requester: AccountID, priority: TicketPriority, subject: String, description: String, fields: [String: [String]],
                attachmentIDs: [String] = [], followUpOf: UUID? = nil) {
        self.requester = requester
        self.priority = priority
        self.subject = subject
        self.description = description
        self.fields = fields
        self.attachmentIDs = attachmentIDs
        self.followUpOf = followUpOf
    }
}

/// Who is acting on a ticket.
public struct TicketActor: Sendable, Equatable {
    public var account: AccountID
    public var isAgent: Bool
    public init(account: AccountID, isAgent: Bool) {
        self.account = account
        self.isAgent = isAgent
    }
    var role: TicketActorRole { isAgent ? .agent : .customer }
}

extension Ticket {
    static let maximumSubject = 200
    static let maximumBody = 20_000

    /// Opens a ticket: a live category, a subject and a description within limits, and the form's
    /// answers validated against its schema. The labels are kept with the answers.
    public static func decideOpen(_ command: OpenTicket, category: Category, context: DecisionContext) throws -> TicketOpened {
        guard let categoryID = category.id else { throw FieldError(field: "category", message: "Choose a category.") }
        guard !category.retired else { throw FieldError(field: "category", message: "This category no longer takes new tickets; choose another.") }
        var errors: [FieldError] = []
        let subject = command.subject.trimmingCharacters(in: .whitespacesAndNewlines)
        let description = command.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if subject.count < 3 { errors.append(FieldError(field: "subject", message: "Say in a few words what it is about (at least 3 characters).")) }
        if subject.count > maximumSubject { errors.append(FieldError(field: "subject", message: "At most \(maximumSubject) characters.")) }
        // Any line break, not only "\n": a lone "\r" or U+2028 breaks a line just as well.
        if subject.contains(where: \.isNewline) { errors.append(FieldError(field: "subject", message: "One line only.")) }
        if description.isEmpty { errors.append(FieldError(field: "description", message: "Describe the problem or question.")) }
        if description.count > maximumBody { errors.append(FieldError(field: "description", message: "At most \(maximumBody) characters.")) }
        var values: [String: FormValue] = [:]
        do { values = try category.schema.validate(command.fields) } catch let failure as ValidationFailure { errors += failure.errors }
        for case .files(let ids) in values.values where !Set(ids).isSubset(of: Set(command.attachmentIDs)) {
            errors.append(FieldError(field: "attachments", message: "A file field names an attachment that was not uploaded with this form."))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        let answered = category.schema.fields.compactMap { f in values[f.id].map { AnsweredField(id: f.id, label: f.label, value: $0) } }
        return TicketOpened(
            ticketID: context.newID(), requester: command.requester, categoryID: categoryID, formVersion: category.formVersion,
            priority: command.priority, attachmentIDs: command.attachmentIDs, followUpOf: command.followUpOf,
            personal: .init(subject: subject, description: description, fields: answered))
    }

    /// Whether `actor` may see this ticket at all: its requester, or an agent.
    public func isVisible(to actor: TicketActor) -> Bool { id != nil && (actor.isAgent || actor.account == requester) }

    func requireVisible(_ actor: TicketActor) throws -> UUID {
        guard let id, isVisible(to: actor) else { throw DomainError.notFound("ticket") }
        return id
    }

    private func reopenable(at now: Date, policy: TicketPolicy) -> Bool {
        guard let solvedAt, !archived else { return false }
        return now.timeIntervalSince(solvedAt) <= policy.reopenWindow
    }

    /// A comment, and the status change it brings: a customer's reply reopens a pending or solved ticket
    /// (or a closed one within the reopen window); an agent's first public reply opens a new one. Only
    /// agents write internal notes. Closed tickets take no comments (reopen or follow up instead).
    public func decideComment(by actor: TicketActor, body: String, internal isInternal: Bool, attachmentIDs: [String],
                              policy: TicketPolicy, context: DecisionContext) throws -> [any DomainEvent] {
        let id = try requireVisible(actor)
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw FieldError(field: "body", message: "Write something first.") }
        guard text.count <= Self.maximumBody else { throw FieldError(field: "body", message: "At most \(Self.maximumBody) characters.") }
        guard !isInternal || actor.isAgent else { throw DomainError.notFound("ticket") }
        let comment = TicketCommented(ticketID: id, commentID: context.newID(), author: actor.account, role: actor.role, isInternal: isInternal,
                                      attachmentIDs: attachmentIDs, personal: .init(body: text))
        if isInternal { return [comment] }
        switch (status, actor.isAgent) {
        case (.closed, false):
            guard reopenable(at: context.now, policy: policy) else {
                throw DomainError.rejected("This ticket is closed. Ask for a follow-up to continue.")
            }
            return [comment, change(to: .open, by: actor, reason: "The customer replied.")]
        case (.closed, true):
            throw DomainError.rejected("This ticket is closed; reopen it first.")
        case (.pending, false), (.solved, false):
            return [comment, change(to: .open, by: actor, reason: "The customer replied.")]
        case (.new, true):
            return [comment, change(to: .open, by: actor, reason: nil)]
        default:
            return [comment]
        }
    }

    /// A status change by a customer or an agent. Customers may close a solved ticket and reopen a
    /// solved one (or a closed one within the reopen window); agents move tickets through the workflow.
    public func decideStatus(_ to: TicketStatus, by actor: TicketActor, reason: String?, policy: TicketPolicy, now: Date) throws -> TicketStatusChanged {
        _ = try requireVisible(actor)
        guard to != status else { throw DomainError.rejected("The ticket is \(status.rawValue) already.") }
        let allowed: Bool
        if actor.isAgent {
            switch (status, to) {
            case (.new, .open), (.new, .pending), (.new, .solved), (.open, .pending), (.open, .solved), (.pending, .open), (.pending, .solved),
                 (.solved, .open), (.solved, .closed):
                allowed = true
            case (.closed, .open):
                allowed = reopenable(at: now, policy: policy)
            default:
                allowed = false
            }
        } else {
            switch (status, to) {
            case (.solved, .closed), (.solved, .open): allowed = true
            case (.closed, .open): allowed = reopenable(at: now, policy: policy)
            default: allowed = false
            }
        }
        guard allowed else {
            if status == .closed && to == .open { throw DomainError.rejected("This ticket was closed too long ago to reopen. Ask for a follow-up instead.") }
            throw DomainError.rejected("A \(status.rawValue) ticket cannot be set to \(to.rawValue)\(actor.isAgent ? "" : " by its requester").")
        }
        if let reason, reason.count > 1000 { throw FieldError(field: "reason", message: "At most 1,000 characters.") }
        return change(to: to, by: actor, reason: reason)
    }

    private func change(to: TicketStatus, by actor: TicketActor, reason: String?) -> TicketStatusChanged {
        TicketStatusChanged(ticketID: id!, from: status, to: to, by: actor.account, role: actor.role,
                            personal: reason.map { .init(reason: $0) } ?? .init(reason: ""))
    }

    /// Closes a solved ticket that got no reply within `closeAfterSolved` (the housekeeping reactor asks).
    public func decideAutoClose(policy: TicketPolicy, now: Date) -> TicketStatusChanged? {
        guard let id, status == .solved, let solvedAt, now.timeIntervalSince(solvedAt) >= policy.closeAfterSolved else { return nil }
        return TicketStatusChanged(ticketID: id, from: .solved, to: .closed, by: nil, role: .system, personal: .init(reason: "Closed after \(Int(policy.closeAfterSolved / 86400)) days without a reply."))
    }

    /// Archives a ticket closed for `archiveAfterClosed` (the housekeeping reactor asks).
    public func decideArchive(policy: TicketPolicy, now: Date) -> TicketArchived? {
        guard let id, status == .closed, !archived, let closedAt, now.timeIntervalSince(closedAt) >= policy.archiveAfterClosed else { return nil }
        return TicketArchived(ticketID: id)
    }

    public func decideAssign(_ agent: AccountID?, by actor: TicketActor) throws -> TicketAssigned {
        let id = try requireVisible(actor)
        guard actor.isAgent else { throw DomainError.notFound("ticket") }
        guard agent != assignee else { throw DomainError.rejected(agent == nil ? "The ticket is not assigned." : "The ticket is assigned to that agent already.") }
        guard status != .closed else { throw DomainError.rejected("This ticket is closed.") }
        return TicketAssigned(ticketID: id, agent: agent, by: actor.account)
    }

    public func decidePriority(_ to: TicketPriority, by actor: TicketActor) throws -> TicketPriorityChanged {
        let id = try requireVisible(actor)
        guard actor.isAgent else { throw DomainError.notFound("ticket") }
        guard to != priority else { throw DomainError.rejected("The priority is \(to.rawValue) already.") }
        return TicketPriorityChanged(ticketID: id, from: priority, to: to, by: actor.account)
    }

    /// The requester rates a solved or closed ticket, 1 to 5 (a later rating replaces an earlier one).
    public func decideRate(_ rating: Int, by actor: TicketActor) throws -> TicketRated {
        let id = try requireVisible(actor)
        guard actor.account == requester else { throw DomainError.notFound("ticket") }
        guard status == .solved || status == .closed else { throw DomainError.rejected("Tickets can be rated once they are solved.") }
        guard (1...5).contains(rating) else { throw FieldError(field: "rating", message: "Choose a rating from 1 to 5.") }
        return TicketRated(ticketID: id, rating: rating, agent: assignee, categoryID: categoryID)
    }

    public func decideSurvey(resolution: Int?, agentRating: Int?, speed: Int?, comment: String?, agentFeedback: String?, by actor: TicketActor) throws -> SurveyAnswered {
        let id = try requireVisible(actor)
        guard actor.account == requester else { throw DomainError.notFound("ticket") }
        guard rating != nil else { throw DomainError.rejected("Rate the ticket first.") }
        var errors: [FieldError] = []
        for (name, value) in [("resolution", resolution), ("agentRating", agentRating), ("speed", speed)] where value.map({ !(1...5).contains($0) }) ?? false {
            errors.append(FieldError(field: name, message: "Choose from 1 to 5."))
        }
        for (name, value) in [("comment", comment), ("agentFeedback", agentFeedback)] where (value?.count ?? 0) > 5000 {
            errors.append(FieldError(field: name, message: "At most 5,000 characters."))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        let trimmed = { (s: String?) in s.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } }
        guard resolution != nil || agentRating != nil || speed != nil || trimmed(comment) != nil || trimmed(agentFeedback) != nil else {
            throw FieldError(field: "survey", message: "Answer at least one question, or skip the survey.")
        }
        return SurveyAnswered(ticketID: id, resolution: resolution, agentRating: agentRating, speed: speed,
                              personal: .init(comment: trimmed(comment), agentFeedback: trimmed(agentFeedback)))
    }

    /// A follow-up of a solved or closed ticket: the new ticket's id is recorded here.
    public func decideFollowUp(_ newTicket: UUID, by actor: TicketActor) throws -> FollowUpRequested {
        let id = try requireVisible(actor)
        guard actor.account == requester else { throw DomainError.notFound("ticket") }
        guard status == .solved || status == .closed else { throw DomainError.rejected("Reply to the ticket instead: it is still open.") }
        return FollowUpRequested(ticketID: id, followUp: newTicket)
    }
}
