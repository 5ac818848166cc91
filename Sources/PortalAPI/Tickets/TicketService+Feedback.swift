import Domain
import EventStore
import Foundation
import Projections

/// The detailed survey after a rating.
public struct SurveyAnswers: Sendable, Equatable, Codable {
    public var resolution: Int?
    public var agent: Int?
    public var speed: Int?
    public var comment: String?
    public var agentFeedback: String?
    public init(resolution: Int? = nil, agent: Int? = nil, speed: Int? = nil, comment: String? = nil, agentFeedback: String? = nil) {
        self.resolution = resolution
        self.agent = agent
        self.speed = speed
        self.comment = comment
        self.agentFeedback = agentFeedback
    }
}

extension TicketService {
    /// The requester rates a solved or closed ticket (signed in, or through the mail's signed link).
    public func rate(_ id: UUID, rating: Int, by account: AccountID, client: ClientContext) async throws -> UInt64 {
        try limit(account)
        let actor = TicketActor(account: account, isAgent: false)
        return try await retrying {
            let loaded = try visibleTicket(id, to: actor)
            let rated = try loaded.ticket.decideRate(rating, by: actor)
            return try await append([rated], to: id, version: loaded.version, requester: account, client: client, actor: account.description)
        }
    }

    public func survey(_ id: UUID, answers: SurveyAnswers, by account: AccountID, client: ClientContext) async throws -> UInt64 {
        try limit(account)
        let actor = TicketActor(account: account, isAgent: false)
        return try await retrying {
            let loaded = try visibleTicket(id, to: actor)
            let answered = try loaded.ticket.decideSurvey(resolution: answers.resolution, agentRating: answers.agent, speed: answers.speed,
                                                          comment: answers.comment, agentFeedback: answers.agentFeedback, by: actor)
            return try await append([answered], to: id, version: loaded.version, requester: account, client: client, actor: account.description)
        }
    }

    /// What a rating link is for: the ticket, its requester and its subject — or a refusal a person
    /// can understand.
    public func ratingLink(_ token: String) throws -> (ticket: UUID, requester: AccountID, subject: String, rating: Int?) {
        let (ticket, requester): (UUID, AccountID)
        do { (ticket, requester) = try ratingLinks.verify(token, now: Date()) } catch RatingLinks.Refusal.expired {
            throw DomainError.rejected("This rating link has expired. You can still rate the ticket from its page after signing in.")
        } catch {
            throw DomainError.rejected("This rating link is not valid. Copy the whole link from the e-mail, or rate the ticket from its page after signing in.")
        }
        let loaded = try visibleTicket(ticket, to: TicketActor(account: requester, isAgent: false))
        return (ticket, requester, try subject(of: ticket) ?? "", loaded.ticket.rating)
    }

    /// The link for a solved ticket's mail (`/rate/<token>?rating=N`).
    func ratingToken(ticket: UUID, requester: AccountID, solvedAt: Date) -> String {
        ratingLinks.token(ticket: ticket, requester: requester, expires: solvedAt.addingTimeInterval(RatingLinks.lifetime))
    }

    /// A free improvement suggestion, optionally about one of the customer's tickets.
    public func suggest(_ text: String, about ticket: UUID?, by account: AccountID, client: ClientContext) async throws -> UUID {
        try limit(account)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= 3 else { throw FieldError(field: "text", message: "Tell us your idea in a few words.") }
        guard trimmed.count <= 5000 else { throw FieldError(field: "text", message: "At most 5,000 characters.") }
        if let ticket { _ = try visibleTicket(ticket, to: TicketActor(account: account, isAgent: false)) }
        let id = UUIDv7.make()
        let event = ImprovementSuggested(suggestionID: id, by: account, ticketID: ticket, personal: .init(text: trimmed))
        _ = try await store.append([StreamAppend(stream: "suggestions-\(account.uuid.uuidString.lowercased())", expected: .any,
                                                 events: [try EventEnvelope.make(event, subject: account.stream, metadata: client.metadata(actor: account.description))])])
        return id
    }
}
