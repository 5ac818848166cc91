import Domain
import EventStore
import Foundation
import Projections

extension ChatService {
    /// What a message brought back: the new transcript lines (the customer's and the reply, or the live message)
    /// and the conversation's status after it.
    public struct Posted: Codable, Sendable, Equatable {
        public var conversationID: UUID
        public var lines: [ChatLine]
        public var status: Conversation.Status
        public var position: UInt64
    }

    /// A message (or a pressed quick-reply button, `quickReply` holding its payload) in a conversation. While a
    /// person has the conversation it goes to them; otherwise the assistant answers.
    public func post(_ text: String, quickReply: String? = nil, to id: UUID, as participant: ChatParticipant, client: ClientContext) async throws -> Posted {
        if let wait = limitMessages.take(participant.key) { throw RateLimited(retryAfter: wait) }
        let message = try Conversation.checkedMessage(text)
        if let quickReply, quickReply.count > 200 { throw FieldError(field: "quickReply", message: "A quick reply's payload is at most 200 characters.") }
        return try await retrying {
            let (conversation, _) = try participantConversation(id, participant)
            try conversation.requireOpen()
            if conversation.status == .waitingForAgent || conversation.status == .withAgent {
                let live = try conversation.decideLiveMessage(message, author: .customer, agent: nil)
                return try await record([live], in: conversation, client: client, actor: participant)
            }
            return try await answer(message, quickReply: quickReply, in: conversation, participant: participant, client: client)
        }
    }

    func answer(_ text: String, quickReply: String?, in conversation: Conversation, participant: ChatParticipant, client: ClientContext) async throws -> Posted {
        let now = Date()
        let timeZone = TimeZone(identifier: conversation.timeZone) ?? TimeZone(identifier: "UTC")!
        var facts = try facts(for: conversation, now: now, timeZone: timeZone)
        let policy = self.policy
        var understood: Understanding
        var modelVersion: Int?
        if let quickReply {
            understood = Understanding(text: text, intent: nil, confidence: 1, quickReply: quickReply)
        } else {
            // One encoding serves the classifier and the knowledge-base search.
            let vector = semantic.isAvailable ? try? await semantic.encode([text]).first : nil
            (understood, modelVersion) = await understanding.understand(text, embedding: vector, at: now, timeZone: timeZone, categories: facts.categories)
            // A visitor's ticket references are dropped: the assistant neither confirms nor denies them.
            if conversation.customer == nil { understood.entities.removeAll { $0.kind == .ticket } }
            if let query = policy.knowledgeQuery(for: understood, in: conversation) {
                facts.knowledge = await knowledgeHits(query, reusing: query == text ? vector : nil, conversation: conversation)
            }
        }
        // The customer's tickets (reading each one's subject) only when the reply reports on them; a named one is
        // looked up among all their own, so one older than the latest few is found too.
        if let account = conversation.customer, policy.needsTickets(for: understood) {
            facts.tickets = tickets.chatTicketFacts(for: account, now: now, references: understood.entities.filter { $0.kind == .ticket }.map(\.value))
        }
        var outcome = try policy.respond(to: understood, in: conversation, facts: facts)
        var extra: [any DomainEvent] = []
        switch outcome.effect {
        case .createTicket(let request):
            (outcome, extra) = await openTicket(request, outcome: outcome, conversation: conversation, facts: facts, client: client)
        case .handoff(let reason):
            extra.append(ChatHandoffRequested(conversationID: conversation.id, reason: reason, intent: outcome.state.topic ?? understood.intent))
        case nil:
            break
        }
        let turn = ChatTurnRecorded(conversationID: conversation.id, turn: conversation.turns + 1, understanding: understood, modelVersion: modelVersion,
                                    reply: outcome.reply, state: outcome.state, memory: outcome.memory, missed: outcome.missed)
        // The ticket link refers to this turn.
        extra = extra.map { e in
            guard var t = e as? ChatTicketCreated else { return e }
            t.turn = turn.turn
            return t
        }
        // Once a ticket is open the turn must be recorded whatever else was written meanwhile: deciding again would
        // open a second ticket.
        let opened = extra.contains { $0 is ChatTicketCreated }
        return try await record([turn] + extra, in: conversation, client: client, actor: participant, whateverCameBefore: opened)
    }

    /// What the dialogue may know around this turn.
    func facts(for conversation: Conversation, now: Date, timeZone: TimeZone) throws -> ChatFacts {
        var verified = true
        if let account = conversation.customer {
            verified = (try? identity.repository.load(account).account.emailVerified) ?? false
        }
        return ChatFacts(signedIn: conversation.customer != nil, emailVerified: verified, agentsOnline: presence.anyoneOnline(at: now),
                         categories: conversation.customer == nil ? [] : tickets.chatCategories(), timeZone: timeZone)
    }

    /// The knowledge base's best answers, scored for the policy: the nearest passage's cosine when the meaning side
    /// ranked, else the word score squashed into 0–1.
    func knowledgeHits(_ query: String, reusing vector: [Float]?, conversation: Conversation) async -> [KnowledgeHit] {
        let viewer = KnowledgeViewer(account: conversation.customer)
        let visitor: KnowledgeVisitor = conversation.customer.map { .account($0) } ?? .device(Conversation.visitorSubject(conversation.id))
        let page = await knowledge.search(query, viewer: viewer, visitor: visitor, limit: 3, origin: .chat, record: true, queryVector: vector)
        return page.hits.map { hit in
            let entry = hit.entry
            let score = hit.similarity.map(Double.init) ?? hit.score / (hit.score + 4)
            let answer = entry.content.summary.isEmpty ? hit.snippet.map(\.text).joined() : entry.content.summary
            return KnowledgeHit(itemID: entry.key, title: entry.content.title, url: KnowledgeRoutes.path(entry.kind, entry.slug), answer: answer, score: score)
        }
    }

    /// Opens the collected ticket through the ticket form's own command; a refusal becomes a question again.
    func openTicket(_ request: ChatTicketRequest, outcome: DialogueOutcome, conversation: Conversation, facts: ChatFacts,
                    client: ClientContext) async -> (DialogueOutcome, [any DomainEvent]) {
        guard let account = conversation.customer else {
            return (policy.ticketRefused([], in: outcome, facts: facts), [])
        }
        let form = TicketForm(categoryID: request.categoryID, priority: nil, subject: request.subject, description: request.description, fields: request.fields)
        do {
            let opened = try await tickets.open(form, attachments: [], by: account, client: client)
            return (policy.ticketOpened(opened.id, in: outcome), [ChatTicketCreated(conversationID: conversation.id, ticketID: opened.id, turn: 0)])
        } catch let failure as ValidationFailure {
            return (policy.ticketRefused(failure.errors, in: outcome, facts: facts), [])
        } catch let error as FieldError {
            return (policy.ticketRefused([error], in: outcome, facts: facts), [])
        } catch {
            logger.warning("chat could not open a ticket", metadata: ["conversation": "\(conversation.id)", "error": "\(error)"])
            var o = outcome
            o.effect = nil
            o.state = DialogueState(notHelpful: outcome.state.notHelpful)
            o.reply = ChatReply(kind: .notice, text: Self.explain(error) + " Your answers are not lost: you can also use the ticket form.",
                                sources: [ReplySource(itemID: "ticket-form", title: "New ticket", url: "/tickets/new")])
            return (o, [])
        }
    }

    static func explain(_ error: any Error) -> String {
        switch error {
        case DomainError.rejected(let why): "The ticket could not be opened: \(why)"
        case is RateLimited: "You have opened many tickets just now; please wait a little."
        default: "The ticket could not be opened just now."
        }
    }

    /// Appends to the conversation, tells the watchers, and answers with the new lines.
    /// `whateverCameBefore`: append even when another write got to the conversation first (used after a side effect
    /// that must not be repeated); otherwise a concurrent write fails the append and the caller decides again.
    func record(_ events: [any DomainEvent], in conversation: Conversation, client: ClientContext, actor: ChatParticipant,
                whateverCameBefore: Bool = false) async throws -> Posted {
        let envelopes = try events.map { try EventEnvelope.make($0, subject: conversation.subject, metadata: client.metadata(actor: actor.account?.description ?? "visitor")) }
        let expected: ExpectedVersion = whateverCameBefore ? .any : .exact(UInt64(conversation.version))
        let position = try await store.append([StreamAppend(stream: Conversation.stream(conversation.id), expected: expected,
                                                            events: envelopes)]).lastPosition
        return publish(events, in: conversation, position: position)
    }

    func publish(_ events: [any DomainEvent], in conversation: Conversation, position: UInt64) -> Posted {
        let now = Date()
        var after = conversation
        var lines: [ChatLine] = []
        for e in events {
            after = after.evolve(e, at: now)
            lines += ChatTranscript.lines(e, at: now)
        }
        hub.publish(.lines(conversation.id, lines))
        if after.status != conversation.status {
            hub.publish(.status(conversation.id, after.status))
            hub.publish(.queue)
        }
        return Posted(conversationID: conversation.id, lines: lines.map(\.forCustomer),
                      status: after.status, position: position)
    }

    /// "Did this help?" for an answer. Feeds the knowledge item's own rating too, and after repeated "no" brings in
    /// a person (or offers a ticket).
    public func rate(_ id: UUID, turn: Int, helpful: Bool, as participant: ChatParticipant, client: ClientContext) async throws -> Posted {
        if let wait = limitMessages.take(participant.key) { throw RateLimited(retryAfter: wait) }
        let (posted, rated) = try await retrying { () -> (Posted, ChatAnswerRated) in
            let (conversation, _) = try participantConversation(id, participant)
            let now = Date()
            let facts = try facts(for: conversation, now: now, timeZone: TimeZone(identifier: conversation.timeZone) ?? .gmt)
            let (rated, outcome) = try policy.rate(turn: turn, helpful: helpful, in: conversation, facts: facts)
            var events: [any DomainEvent] = [rated]
            if let outcome {
                events.append(ChatTurnRecorded(conversationID: id, turn: conversation.turns + 1, understanding: nil, modelVersion: nil,
                                               reply: outcome.reply, state: outcome.state, memory: outcome.memory))
                if case .handoff(let reason) = outcome.effect {
                    events.append(ChatHandoffRequested(conversationID: id, reason: reason, intent: outcome.state.topic))
                }
            }
            return (try await record(events, in: conversation, client: client, actor: participant), rated)
        }
        if let item = rated.itemIDs.first, item.contains(":") || item.contains("/") {
            let (conversation, _) = try participantConversation(id, participant)
            let voter: KnowledgeVisitor = conversation.customer.map { .account($0) } ?? .device(Conversation.visitorSubject(id))
            do {
                try await knowledge.vote(item, helpful: helpful, reason: nil, comment: nil, by: voter, viewer: KnowledgeViewer(account: conversation.customer))
            } catch {
                logger.debug("chat rating not counted on the item", metadata: ["item": "\(item)", "error": "\(error)"])
            }
        }
        return posted
    }
}
