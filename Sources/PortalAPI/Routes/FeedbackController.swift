import Domain
import Foundation
import Hummingbird

/// Improvement suggestions, and the survey links of "solved" mails for API clients (the web page is
/// `/rate/<token>`). A link only identifies the ticket; nothing is recorded until the POST.
struct FeedbackController {
    let service: TicketService
    let body: JSONBody

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .post("suggestions", use: suggest)
            .get("rating-links/{token}", use: link)
            .post("rating-links/{token}", use: rateByLink)
    }

    struct Suggested: ResponseEncodable { var id: UUID }

    @Sendable func suggest(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let dto = try await body.decode(SuggestionDTO.self, from: request, context: context)
        let id = try await service.suggest(dto.text, about: dto.ticketID, by: user.accountID, client: ClientContext(request: request, context: context, deviceName: nil))
        var response = try Suggested(id: id).response(from: request, context: context)
        response.status = .created
        return response
    }

    struct LinkInfo: ResponseEncodable {
        var ticketID: UUID
        var subject: String
        var rating: Int?
    }

    @Sendable func link(_ request: Request, context: PortalRequestContext) async throws -> LinkInfo {
        let info = try service.ratingLink(context.parameters.get("token") ?? "")
        return LinkInfo(ticketID: info.ticket, subject: info.subject, rating: info.rating)
    }

    struct LinkRatingDTO: Decodable {
        var rating: Int
        var survey: SurveyDTO?
    }

    @Sendable func rateByLink(_ request: Request, context: PortalRequestContext) async throws -> Accepted {
        let info = try service.ratingLink(context.parameters.get("token") ?? "")
        let dto = try await body.decode(LinkRatingDTO.self, from: request, context: context)
        let client = ClientContext(request: request, context: context, deviceName: nil)
        var position = try await service.rate(info.ticket, rating: dto.rating, by: info.requester, client: client)
        if let s = dto.survey {
            position = try await service.survey(info.ticket, answers: SurveyAnswers(resolution: s.resolution, agent: s.agent, speed: s.speed,
                                                                                    comment: s.comment, agentFeedback: s.agentFeedback),
                                                by: info.requester, client: client)
        }
        return Accepted(id: info.ticket, position: position)
    }
}
