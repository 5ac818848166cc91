import Foundation

/// Opening a ticket from a chat: category, subject, description and the category form's required fields are
/// asked one by one, a summary is confirmed, and the caller opens the ticket through the ticket form's command.
extension DialoguePolicy {
    static let subjectSlot = "subject", descriptionSlot = "description", categorySlot = "category", fieldPrefix = "field."

    /// Starts collecting a ticket. `category` was named by the customer and is taken; `preferred` (the intent's
    /// default) is only offered first. With a single open category there is nothing to ask.
    func startTicket(category: String?, preferred: String? = nil, subject: String?, state: DialogueState, memory: DialogueMemory,
                     facts: ChatFacts) -> DialogueOutcome {
        var state = state, memory = memory
        guard facts.signedIn else {
            state.stage = .idle
            return DialogueOutcome(reply: ChatReply(kind: .notice, text: "Please sign in first, then I can open a ticket for you. Your conversation stays here.",
                                                    sources: [ReplySource(itemID: "signin", title: "Sign in", url: "/signin")]),
                                   state: state, memory: memory)
        }
        guard facts.emailVerified else {
            state.stage = .idle
            return DialogueOutcome(reply: ChatReply(kind: .notice, text: "Please confirm your e-mail address first (open the link we sent you); then I can open a ticket."),
                                   state: state, memory: memory)
        }
        memory.slots = [:]
        if let category, facts.categories.contains(where: { $0.id == category }) { memory.slots[Self.categorySlot] = category }
        if facts.categories.count == 1 { memory.slots[Self.categorySlot] = facts.categories[0].id }
        if let subject { memory.slots[Self.subjectSlot] = subject }
        state.stage = .collectingTicket
        var facts = facts
        if let preferred, let index = facts.categories.firstIndex(where: { $0.id == preferred }) {
            facts.categories.insert(facts.categories.remove(at: index), at: 0)
        }
        return nextTicketQuestion(state: state, memory: memory, facts: facts)
    }

    /// The fields still to ask, in the form's order, honouring "shown when" conditions.
    func missingFields(_ category: ChatCategory, memory: DialogueMemory) -> [FormField] {
        category.fields.filter { field in
            guard field.required, memory.slots[Self.fieldPrefix + field.id] == nil else { return false }
            if let condition = field.showWhen {
                return (memory.slots[Self.fieldPrefix + condition.field] ?? "").split(separator: "\n").contains { $0 == condition.equals }
            }
            return true
        }
    }

    func nextTicketQuestion(state: DialogueState, memory: DialogueMemory, facts: ChatFacts, prefix: String = "") -> DialogueOutcome {
        var state = state
        state.attempts = 0
        guard let id = memory.slots[Self.categorySlot], let category = facts.categories.first(where: { $0.id == id }) else {
            state.pendingSlot = Self.categorySlot
            guard !facts.categories.isEmpty else {
                state.stage = .idle
                state.pendingSlot = nil
                return DialogueOutcome(reply: ChatReply(kind: .notice, text: "Tickets can't be opened right now: no category is open. Please try again later."),
                                       state: state, memory: memory)
            }
            return DialogueOutcome(reply: ChatReply(kind: .question, text: prefix + "What is it about? Pick a category.",
                                                    quickReplies: facts.categories.prefix(DialoguePolicy.maximumButtons)
                                                        .map { QuickReply($0.name, payload: Payload.category + $0.id) }),
                                   state: state, memory: memory)
        }
        if memory.slots[Self.subjectSlot] == nil {
            state.pendingSlot = Self.subjectSlot
            return DialogueOutcome(reply: ChatReply(kind: .question, text: prefix + "In a few words, what's the problem? (This becomes the ticket's subject.)"),
                                   state: state, memory: memory)
        }
        if memory.slots[Self.descriptionSlot] == nil {
            state.pendingSlot = Self.descriptionSlot
            return DialogueOutcome(reply: ChatReply(kind: .question, text: prefix + "Please describe what happened, with any details that could help."),
                                   state: state, memory: memory)
        }
        if let field = missingFields(category, memory: memory).first {
            if field.kind == .file {
                state.stage = .idle
                state.pendingSlot = nil
                return DialogueOutcome(reply: ChatReply(kind: .notice, text: "This kind of ticket needs a file (\(field.label)), which I can't take here. Please use the ticket form.",
                                                        sources: [ReplySource(itemID: "ticket-form", title: "New ticket", url: "/tickets/new")]),
                                       state: state, memory: memory)
            }
            state.pendingSlot = Self.fieldPrefix + field.id
            let buttons = (field.kind == .singleChoice || field.kind == .multiChoice)
                ? (field.options ?? []).prefix(DialoguePolicy.maximumButtons).map { QuickReply($0) } : []
            return DialogueOutcome(reply: ChatReply(kind: .question, text: prefix + field.label + (field.help.map { " (\($0))" } ?? ""),
                                                    quickReplies: Array(buttons)),
                                   state: state, memory: memory)
        }
        state.stage = .confirmingTicket
        state.pendingSlot = nil
        return summary(state: state, memory: memory, facts: facts, prefix: prefix)
    }

    static let maximumButtons = 8

    func summary(state: DialogueState, memory: DialogueMemory, facts: ChatFacts, prefix: String) -> DialogueOutcome {
        let category = facts.categories.first { $0.id == memory.slots[Self.categorySlot] }
        var lines = [prefix + "Here is your ticket:", "Category: \(category?.name ?? "?")", "Subject: \(memory.slots[Self.subjectSlot] ?? "")",
                     "Description: \(memory.slots[Self.descriptionSlot] ?? "")"]
        for field in category?.fields ?? [] {
            if let v = memory.slots[Self.fieldPrefix + field.id] { lines.append("\(field.label): \(v.replacingOccurrences(of: "\n", with: ", "))") }
        }
        lines.append("Shall I open it?")
        return DialogueOutcome(reply: ChatReply(kind: .question, text: lines.joined(separator: "\n"),
                                                quickReplies: [QuickReply("Open the ticket", payload: Payload.yes), QuickReply("Cancel", payload: Payload.no)]),
                               state: state, memory: memory)
    }

    func cancelTicket(state: DialogueState, memory: DialogueMemory) -> DialogueOutcome {
        var state = state, memory = memory
        state.stage = .idle
        state.pendingSlot = nil
        memory.slots = [:]
        return DialogueOutcome(reply: ChatReply(kind: .smallTalk, text: "All right, I haven't opened a ticket. What else can I do for you?"),
                               state: state, memory: memory)
    }

    /// The answer to the pending ticket question, or nil when the message is about something else.
    func collectTicketAnswer(_ u: Understanding, recognised: IntentAction?, state: DialogueState, memory: DialogueMemory,
                             facts: ChatFacts) -> DialogueOutcome? {
        guard let pending = state.pendingSlot else { return nil }
        var state = state, memory = memory
        var value: String?
        var problem = ""
        switch pending {
        case Self.categorySlot:
            if let p = u.quickReply, p.hasPrefix(Payload.category) { value = String(p.dropFirst(Payload.category.count)) }
            value = value ?? u.entity(.category)?.value
                ?? facts.categories.first { $0.name.caseInsensitiveCompare(u.text.trimmingCharacters(in: .whitespacesAndNewlines)) == .orderedSame }?.id
            if let v = value, !facts.categories.contains(where: { $0.id == v }) { value = nil }
            problem = "Please pick one of the categories."
        case Self.subjectSlot, Self.descriptionSlot:
            // A clear request for something else (a greeting, the status…) is not a subject.
            if recognised != nil && recognised != .affirm && recognised != .createTicket { return nil }
            value = u.quickReply == nil ? u.text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
            let limit = pending == Self.subjectSlot ? 200 : 10_000
            if let v = value, v.count > limit { value = nil; problem = "That is too long: at most \(limit) characters." }
        default:
            let fieldID = String(pending.dropFirst(Self.fieldPrefix.count))
            guard let category = facts.categories.first(where: { $0.id == memory.slots[Self.categorySlot] }),
                  let field = category.fields.first(where: { $0.id == fieldID }) else { return nil }
            (value, problem) = Self.fieldValue(field, from: u)
        }
        guard let value, !value.isEmpty else {
            if recognised != nil && recognised != .affirm { return nil }
            state.attempts += 1
            guard state.attempts < 3 else { return nil }
            var outcome = nextTicketQuestion(state: state, memory: memory, facts: facts, prefix: problem.isEmpty ? "Sorry, I didn't get that. " : problem + " ")
            outcome.state.attempts = state.attempts
            return outcome
        }
        memory.slots[pending] = value
        return nextTicketQuestion(state: state, memory: memory, facts: facts)
    }

    /// A form field's value from a message, or the reason it isn't one.
    static func fieldValue(_ field: FormField, from u: Understanding) -> (String?, String) {
        let text = u.text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch field.kind {
        case .text, .longText:
            let limit = field.maxLength ?? (field.kind == .text ? 200 : 10_000)
            return text.count <= limit ? (text, "") : (nil, "That is too long: at most \(limit) characters.")
        case .number:
            if let n = u.entity(.number)?.value ?? u.entity(.money)?.value.split(separator: " ").first.map(String.init) { return (n, "") }
            return (Double(text.replacingOccurrences(of: ",", with: ".")).map { _ in text }, "Please give a number.")
        case .date:
            return (value(for: .date, in: u), "Please give a date, for example “3 March”.")
        case .email:
            return (u.entity(.email)?.value, "Please give an e-mail address.")
        case .singleChoice:
            let pick = (field.options ?? []).first { $0.caseInsensitiveCompare(text) == .orderedSame }
            return (pick, "Please pick one of the options.")
        case .multiChoice:
            let lower = text.lowercased()
            let picks = (field.options ?? []).filter { lower.contains($0.lowercased()) }
            return (picks.isEmpty ? nil : picks.joined(separator: "\n"), "Please pick one or more of the options.")
        case .file:
            return (nil, "")
        }
    }

    /// The collected ticket, or nil when a required value is missing.
    func ticketRequest(_ memory: DialogueMemory, facts: ChatFacts) -> ChatTicketRequest? {
        guard let id = memory.slots[Self.categorySlot], let category = facts.categories.first(where: { $0.id == id }),
              let subject = memory.slots[Self.subjectSlot], let description = memory.slots[Self.descriptionSlot] else { return nil }
        var fields: [String: [String]] = [:]
        for field in category.fields {
            if let v = memory.slots[Self.fieldPrefix + field.id] { fields[field.id] = v.split(separator: "\n").map(String.init) }
        }
        return ChatTicketRequest(categoryID: id, subject: subject, description: description, fields: fields)
    }

    /// The ticket was opened: the turn's reply, and the dialogue back at rest.
    public func ticketOpened(_ ticketID: UUID, in outcome: DialogueOutcome) -> DialogueOutcome {
        var o = outcome
        o.state = DialogueState(lowConfidenceStreak: 0, notHelpful: o.state.notHelpful)
        o.memory.slots = [:]
        let ref = TicketFact.reference(ticketID)
        o.reply = ChatReply(kind: .ticketCreated, text: "Done: ticket \(ref) is open, and this conversation is linked to it. You'll get an e-mail when the team replies.",
                            sources: [ReplySource(itemID: ticketID.uuidString.lowercased(), title: "Ticket \(ref)", url: "/tickets/\(ticketID.uuidString.lowercased())")])
        o.effect = nil
        return o
    }

    /// The ticket form's validation refused a value: ask for it again with the form's message.
    public func ticketRefused(_ errors: [FieldError], in outcome: DialogueOutcome, facts: ChatFacts) -> DialogueOutcome {
        var state = outcome.state, memory = outcome.memory
        state.stage = .collectingTicket
        let message = errors.map(\.message).joined(separator: " ")
        for error in errors {
            switch error.field {
            case "subject", "description", "categoryID": memory.slots[error.field == "categoryID" ? Self.categorySlot : error.field] = nil
            default:
                let id = error.field.hasPrefix("fields.") ? String(error.field.dropFirst("fields.".count)) : error.field
                memory.slots[Self.fieldPrefix + id] = nil
            }
        }
        var o = nextTicketQuestion(state: state, memory: memory, facts: facts, prefix: message.isEmpty ? "" : message + " ")
        if o.state.stage == .confirmingTicket {
            // Nothing to ask again: the refusal was about something the chat cannot change.
            o = DialogueOutcome(reply: ChatReply(kind: .notice, text: "The ticket could not be opened: \(message) Please use the ticket form.",
                                                 sources: [ReplySource(itemID: "ticket-form", title: "New ticket", url: "/tickets/new")]),
                                state: DialogueState(notHelpful: state.notHelpful), memory: DialogueMemory(lastQuestion: memory.lastQuestion))
        }
        return o
    }
}
