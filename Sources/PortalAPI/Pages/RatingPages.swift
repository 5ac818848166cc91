import Domain
import Foundation
import Hummingbird

/// `/rate/<token>?rating=N`, the links of the "your ticket was solved" mail. Opening one only shows
/// the page with that rating chosen — mail scanners open links — and the rating is recorded when the
/// form is sent; then the detailed survey is offered. The signed token is the authority, so it works
/// signed in or not; an expired or altered link gets a page that says so.
struct RatingPages {
    let pages: PageSupport
    let service: TicketService

    /// The words of the mail's links.
    static let words = TicketMailPlanner.ratingWords

    typealias LinkInfo = (ticket: UUID, requester: AccountID, subject: String, rating: Int?)

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("rate/{token}", use: show)
        router.post("rate/{token}", use: rate)
        router.post("rate/{token}/survey", use: survey)
    }

    /// The survey's scored questions, for the ticket page and this one.
    static var surveyQuestions: [[String: Any]] {
        let options = (1...5).reversed().map { ["value": $0, "words": words[$0] ?? ""] as [String: Any] }
        return [("resolution", "How well was your problem solved?"), ("agent", "How helpful was the agent?"), ("speed", "How quick was the help?")].map {
            ["name": $0.0, "question": $0.1, "options": options] as [String: Any]
        }
    }

    /// The link's ticket, or the page that explains why the link cannot be used.
    private func link(_ context: PortalRequestContext) throws -> Result<LinkInfo, DomainError> {
        let token = context.parameters.get("token") ?? ""
        do {
            return .success(try service.ratingLink(token))
        } catch let error as DomainError {
            return .failure(error)
        }
    }

    private func refused(_ error: DomainError, request: Request, context: PortalRequestContext) -> Response {
        let message: String
        switch error {
        case .rejected(let why): message = why
        case .notFound: message = "The ticket of this link no longer exists."
        }
        return pages.render("rate-invalid", title: "This link cannot be used", request: request, context: context,
                            data: ["message": message], status: .gone)
    }

    private func render(_ info: LinkInfo, chosen: Int?, request: Request,
                        context: PortalRequestContext, data: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        var values = data
        values["subject"] = info.subject
        values["token"] = context.parameters.get("token") ?? ""
        values["ratings"] = (1...5).reversed().map { ["value": $0, "words": Self.words[$0] ?? "", "checked": $0 == chosen] as [String: Any] }
        values["surveyQuestions"] = Self.surveyQuestions
        if let current = info.rating { values["current"] = ["value": current] }
        values["ticketPath"] = TicketView.path(info.ticket)
        return pages.render(values["rated"] != nil ? "rate-survey" : "rate", title: "Rate the help you got", request: request, context: context,
                            data: values, status: status)
    }

    /// Shows the form with the mail's rating chosen. Records nothing.
    @Sendable func show(_ request: Request, context: PortalRequestContext) async throws -> Response {
        switch try link(context) {
        case .failure(let error): return refused(error, request: request, context: context)
        case .success(let info):
            let chosen = request.uri.queryParameters["rating"].flatMap { Int(String($0)) }.flatMap { (1...5).contains($0) ? $0 : nil }
            return render(info, chosen: chosen ?? info.rating, request: request, context: context)
        }
    }

    struct RateFields: Decodable, CSRFCarrying { var rating: String?; var csrf: String? }

    /// Records the rating, then offers the survey.
    @Sendable func rate(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await pages.form(RateFields.self, from: request)
        switch try link(context) {
        case .failure(let error): return refused(error, request: request, context: context)
        case .success(let info):
            do {
                guard let rating = try TicketPages.RatingFields.score(fields.rating, "rating") else {
                    throw FieldError(field: "rating", message: "Choose a rating from 1 to 5.")
                }
                _ = try await service.rate(info.ticket, rating: rating, by: info.requester, client: pages.client(request, context))
                return render((ticket: info.ticket, requester: info.requester, subject: info.subject, rating: Optional(rating)), chosen: rating, request: request, context: context,
                              data: ["rated": ["value": rating]])
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                return render(info, chosen: nil, request: request, context: context, data: refused.values, status: refused.status)
            }
        }
    }

    @Sendable func survey(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let fields = try await pages.form(TicketPages.RatingFields.self, from: request)
        switch try link(context) {
        case .failure(let error): return refused(error, request: request, context: context)
        case .success(let info):
            do {
                guard let answers = try fields.answers else { throw FieldError(field: "resolution", message: "Answer at least one question, or simply close this page.") }
                _ = try await service.survey(info.ticket, answers: answers, by: info.requester, client: pages.client(request, context))
                return pages.render("rate-thanks", title: "Thank you", request: request, context: context,
                                    data: ["ticketPath": TicketView.path(info.ticket), "subject": info.subject])
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                var data = refused.values
                data["rated"] = ["value": info.rating ?? 0]
                return render(info, chosen: info.rating, request: request, context: context, data: data, status: refused.status)
            }
        }
    }
}
