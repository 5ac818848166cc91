import NIOCore
import Domain
import EventStore
import Hummingbird
import Logging

/// Turns every error into an answer a person can act on: problem details for the API, a plain page
/// for browsers. Unexpected errors are logged with the request id and never shown in detail.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, context: context)
            if wantsHTML(request) {
                return pages.errorPage(problem, context: context)
            }
            return try problem.response(from: request, context: context)
        }
    }

    private func wantsHTML(_ request: Request) -> Bool {
        let path = request.uri.path
        if path.hasPrefix("/api/") || ["/healthz", "/readyz", "/metrics", "/openapi.json"].contains(path) { return false }
        return true
    }

    static func problem(for error: any Error, context: Context) -> ProblemDetails {
        switch error {
        case let p as ProblemDetails:
            return p
        case let v as ValidationFailure:
            return .validation(v.errors)
        case let f as FieldError:
            return .validation([f])
        case is AuthenticationFailed:
            return .wrongCredentials
        case let r as RateLimited:
            return .rateLimited(retryAfter: r.retryAfter)
        case let c as CaptchaRequired:
            return .captchaRequired(c.reason, challenge: c.challenge)
        case let d as DecodingError:
            return JSONBody.problem(for: d)
        case is NIOTooManyBytesError:
            return .tooLarge(limit: context.maxUploadSize)
        case let e as EventStoreError:
            if case .wrongExpectedVersion = e { return .conflict("Someone else changed this at the same moment. Try again.") }
            if case .subjectErased = e { return .conflict("The personal data of the customer this concerns has been erased; it can no longer change.") }
            context.logger.error("event store error: \(e)")
            return .internal
        case let d as DomainError:
            switch d {
            case .notFound(let what): return .notFound("No such \(what).")
            case .rejected(let why) where why == linkRefusedMessage: return .invalidLink(why)
            case .rejected(let why) where why == challengeRefusedMessage: return .invalidLink(why)
            case .rejected(let why): return .conflict(why)
            }
        case let h as HTTPError:
            return .http(h.status, detail: h.body)
        case let r as any HTTPResponseError:
            return .http(r.status, detail: nil)
        default:
            context.logger.error("unexpected error: \(String(reflecting: error))")
            return .internal
        }
    }
}
