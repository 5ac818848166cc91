import Foundation

extension DialoguePolicy {
    /// The value a message gives for a slot of this kind: the first entity of the kind, or the text for free text.
    static func value(for kind: SlotKind, in u: Understanding) -> String? {
        if kind == .text {
            let t = u.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty || u.quickReply != nil ? nil : t
        }
        if let e = u.entity(kind) { return e.value }
        // A date range answers a date question with its first day ("last week" → the week's Monday is too precise
        // to guess, so only a single-day range counts).
        if kind == .date, let r = u.entity(.dateRange), let (from, to) = Self.splitRange(r.value), from == to { return from }
        if kind == .date, let dt = u.entity(.dateTime) { return String(dt.value.prefix(10)) }
        return nil
    }

    static func splitRange(_ value: String) -> (String, String)? {
        let parts = value.split(separator: "/")
        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }

    /// A recognised `.answer` intent: ask its missing slots first (values in the same message count), then answer.
    func beginAnswer(_ definition: IntentDefinition, u: Understanding, state: DialogueState, memory: DialogueMemory,
                     facts: ChatFacts) -> DialogueOutcome {
        var state = state, memory = memory
        state.topic = definition.name
        // A new topic starts with no values from an older one.
        memory.slots = [:]
        for slot in definition.slots { if let v = Self.value(for: slot.kind, in: u), slot.kind != .text { memory.slots[slot.name] = v } }
        memory.lastQuestion = u.text
        return nextSlotOrAnswer(definition, state: state, memory: memory, facts: facts)
    }

    func nextSlotOrAnswer(_ definition: IntentDefinition, state: DialogueState, memory: DialogueMemory, facts: ChatFacts) -> DialogueOutcome {
        var state = state
        if let missing = definition.slots.first(where: { $0.required && memory.slots[$0.name] == nil }) {
            state.stage = .fillingSlots
            state.pendingSlot = missing.name
            state.attempts = 0
            return DialogueOutcome(reply: ChatReply(kind: .question, text: missing.prompt), state: state, memory: memory)
        }
        state.stage = .idle
        state.pendingSlot = nil
        state.attempts = 0
        let text = render(definition.answer ?? definition.title, slots: memory.slots, kinds: definition.slots, timeZone: facts.timeZone)
        var buttons = definition.quickReplies.map { QuickReply($0) }
        if buttons.isEmpty { buttons = [QuickReply("Open a ticket", payload: Payload.ticket), QuickReply("Talk to a person", payload: Payload.human)] }
        return DialogueOutcome(reply: ChatReply(kind: .answer, text: text, quickReplies: buttons, asksFeedback: true), state: state, memory: memory)
    }

    /// The answer to the pending slot's question, or nil when the message is about something else.
    func fillSlotAnswer(_ u: Understanding, recognised: IntentAction?, state: DialogueState, memory: DialogueMemory,
                        facts: ChatFacts) -> DialogueOutcome? {
        guard let topic = state.topic, let definition = intents[topic], let name = state.pendingSlot,
              let slot = definition.slots.first(where: { $0.name == name }) else { return nil }
        var state = state, memory = memory
        if let v = Self.value(for: slot.kind, in: u) {
            memory.slots[name] = v
            // Other slots answered in passing count too.
            for other in definition.slots where memory.slots[other.name] == nil && other.kind != .text {
                if let w = Self.value(for: other.kind, in: u) { memory.slots[other.name] = w }
            }
            return nextSlotOrAnswer(definition, state: state, memory: memory, facts: facts)
        }
        // A clear new request leaves the question behind; anything else is another try at it.
        if recognised != nil && recognised != .affirm { return nil }
        state.attempts += 1
        guard state.attempts < 2 else { return nil }
        return DialogueOutcome(reply: ChatReply(kind: .question, text: "Sorry, I didn't get that. \(slot.prompt) \(Self.hint(slot.kind))"),
                               state: state, memory: memory)
    }

    static func hint(_ kind: SlotKind) -> String {
        switch kind {
        case .date, .dateRange, .dateTime: "For example “last Tuesday” or “3 March”."
        case .time: "For example “at 3 pm”."
        case .money: "For example “€25” or “40 pounds”."
        case .email: "An e-mail address, please."
        case .phone: "A phone number, please."
        case .ticket: "Your ticket's reference looks like #1f3a9c2b."
        case .number, .duration, .url, .category, .text: ""
        }
    }

    /// Puts slot values into an answer: `{order_date}` becomes "Tuesday 15 March".
    func render(_ template: String, slots: [String: String], kinds: [SlotDefinition], timeZone: TimeZone) -> String {
        var text = template
        for slot in kinds {
            guard let v = slots[slot.name] else { continue }
            text = text.replacingOccurrences(of: "{\(slot.name)}", with: Self.display(v, kind: slot.kind, timeZone: timeZone))
        }
        return text
    }

    static func display(_ value: String, kind: SlotKind, timeZone: TimeZone) -> String {
        guard kind == .date, value.count == 10 else { return value }
        let parse = DateFormatter()
        parse.locale = Locale(identifier: "en_US_POSIX")
        parse.timeZone = timeZone
        parse.dateFormat = "yyyy-MM-dd"
        guard let date = parse.date(from: value) else { return value }
        let show = DateFormatter()
        show.locale = Locale(identifier: "en_GB")
        show.timeZone = timeZone
        show.dateFormat = "EEEE d MMMM yyyy"
        return show.string(from: date)
    }

    /// "What's happening with my ticket?": the named ticket, or the latest one, with its status and SLA.
    func ticketStatus(_ u: Understanding, state: DialogueState, memory: DialogueMemory, facts: ChatFacts) -> DialogueOutcome {
        guard facts.signedIn else {
            return DialogueOutcome(reply: ChatReply(kind: .notice, text: "Sign in and I can tell you where your tickets stand.",
                                                    sources: [ReplySource(itemID: "signin", title: "Sign in", url: "/signin")]),
                                   state: state, memory: memory)
        }
        var ticket = facts.tickets.first
        if let ref = u.entity(.ticket)?.value.lowercased() {
            ticket = facts.tickets.first { $0.isNamed(by: ref) }
            guard ticket != nil else {
                return DialogueOutcome(reply: ChatReply(kind: .notice, text: "I can't find a ticket #\(ref.count == 36 ? ref.suffix(8) : ref.prefix(8)) of yours. Your tickets are listed on the Tickets page.",
                                                        sources: [ReplySource(itemID: "tickets", title: "Your tickets", url: "/tickets")]),
                                       state: state, memory: memory)
            }
        }
        guard let ticket else {
            return DialogueOutcome(reply: ChatReply(kind: .ticketStatus, text: "You have no tickets yet. Shall I open one?",
                                                    quickReplies: [QuickReply("Open a ticket", payload: Payload.ticket)]),
                                   state: state, memory: memory)
        }
        var text = "Your ticket \(ticket.reference) “\(ticket.subject)” is \(ticket.status.lowercased())."
        if let due = ticket.nextDue, let what = ticket.dueWhat {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_GB")
            f.timeZone = facts.timeZone
            f.dateFormat = "EEEE d MMMM 'at' HH:mm"
            text += ticket.breached ? " The \(what) was due \(f.string(from: due)); it is late and the team has been told."
                : " We aim to give the \(what) by \(f.string(from: due))."
        }
        return DialogueOutcome(reply: ChatReply(kind: .ticketStatus, text: text,
                                                sources: [ReplySource(itemID: ticket.id.uuidString.lowercased(), title: ticket.subject,
                                                                      url: "/tickets/\(ticket.id.uuidString.lowercased())")]),
                               state: state, memory: memory)
    }
}
