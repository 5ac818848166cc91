import HTTPTypes
import Domain
import Foundation
import Hummingbird

/// An RFC 9457 problem details answer (`application/problem+json`) with a stable `type`.
///
/// Types are relative URIs under `/problems/`; docs/api.md lists each with its meaning.
public struct ProblemDetails: Error, Codable, Sendable, Equatable {
    public var type: String
    public var title: String
    /// The HTTP status code (the `status` member of the JSON).
    public var code: Int
    public var detail: String
    /// Field-level errors, for validation problems.
    public var errors: [FieldError]?
    /// The request id, to quote when asking for help.
    public var requestID: String?
    /// For `captcha-required`: a fresh challenge to solve.
    public var captcha: CaptchaChallenge?

    public var extraHeaders: [String: String] = [:]

    enum CodingKeys: String, CodingKey { case type, title, code = "status", detail, errors, requestID, captcha }

    public init(type: String, title: String, status: HTTPResponse.Status, detail: String, errors: [FieldError]? = nil) {
        self.type = "/problems/" + type
        self.title = title
        self.code = status.code
        self.detail = detail
        self.errors = errors
    }

    public var status: HTTPResponse.Status { HTTPResponse.Status(code: code) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var copy = self
        copy.requestID = copy.requestID ?? context.id
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers: HTTPFields = [.contentType: "application/problem+json", .cacheControl: "no-store"]
        for (name, value) in extraHeaders { if let n = HTTPField.Name(name) { headers[n] = value } }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(copy))))
    }
}

extension ProblemDetails {
    public static func validation(_ errors: [FieldError]) -> ProblemDetails {
        let detail = errors.count == 1 ? errors[0].message : "\(errors.count) fields need attention: " + errors.map(\.message).joined(separator: " ")
        return ProblemDetails(type: "validation", title: "Some fields need attention", status: .unprocessableContent, detail: detail, errors: errors)
    }

    public static func malformed(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: "malformed-request", title: "The request could not be read", status: .badRequest, detail: detail)
    }

    public static func unsupportedMediaType(_ expected: String) -> ProblemDetails {
        ProblemDetails(type: "unsupported-media-type", title: "Unsupported content type", status: .unsupportedMediaType,
                       detail: "Send the body as \(expected) with a matching Content-Type header.")
    }

    public static func tooLarge(limit: Int) -> ProblemDetails {
        ProblemDetails(type: "payload-too-large", title: "Request body too large", status: .contentTooLarge,
                       detail: "The body may be at most \(limit / 1024) KiB.")
    }

    public static func unauthorized(_ detail: String) -> ProblemDetails {
        var p = ProblemDetails(type: "unauthorized", title: "Not signed in", status: .unauthorized, detail: detail)
        p.extraHeaders["WWW-Authenticate"] = #"Bearer realm="customer-portal""#
        return p
    }

    public static let wrongCredentials = ProblemDetails(
        type: "invalid-credentials", title: "Sign-in failed", status: .unauthorized,
        detail: "The e-mail address or password is wrong. Check both and try again.")

    public static let passwordChangeRequired = ProblemDetails(
        type: "password-change-required", title: "Change your password first", status: .forbidden,
        detail: "Your password has expired or your account was flagged as compromised. Change your password (POST /api/v1/auth/change-password) to continue.")

    public static func rateLimited(retryAfter: Int) -> ProblemDetails {
        var p = ProblemDetails(type: "rate-limited", title: "Too many attempts", status: .tooManyRequests,
                               detail: "Too many attempts in a short time. Wait \(retryAfter) seconds and try again.")
        p.extraHeaders["Retry-After"] = String(retryAfter)
        return p
    }

    public static func captchaRequired(_ reason: String, challenge: CaptchaChallenge) -> ProblemDetails {
        var p = ProblemDetails(type: "captcha-required", title: "Please solve the check", status: .forbidden,
                               detail: reason + " Solve the `captcha` challenge here and send `challenge:nonce` as `captcha`.")
        p.captcha = challenge
        return p
    }

    public static func invalidLink(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: "invalid-link", title: "This link cannot be used", status: .badRequest, detail: detail)
    }

    public static func notFound(_ detail: String = "There is nothing at this address.") -> ProblemDetails {
        ProblemDetails(type: "not-found", title: "Not found", status: .notFound, detail: detail)
    }

    public static func conflict(_ detail: String) -> ProblemDetails {
        ProblemDetails(type: "conflict", title: "Conflicting change", status: .conflict, detail: detail)
    }

    public static func http(_ status: HTTPResponse.Status, detail: String?) -> ProblemDetails {
        ProblemDetails(type: "http-\(status.code)", title: status.reasonPhrase, status: status, detail: detail ?? status.reasonPhrase)
    }

    public static let `internal` = ProblemDetails(
        type: "internal", title: "Something went wrong on our side", status: .internalServerError,
        detail: "The request could not be completed. Try again; if it keeps failing, contact support and quote the request id.")
}

extension ProblemDetails: HTTPResponseError {
    public var headers: HTTPFields { [:] }
}
