import Domain
import Foundation
import Hummingbird
import NIOCore

/// What the ticket pages share: reading their forms (URL-encoded, or multipart with files) with the
/// CSRF check, the ticket id from the path, and turning a refusal into values for the page again.
extension PageSupport {
    /// The ticket id in the path; anything else is "not found".
    static func ticketID(_ context: PortalRequestContext, _ name: String = "id") throws -> UUID {
        guard let raw = context.parameters.get(name), raw.count == 36, let id = UUID(uuidString: raw) else { throw ProblemDetails.notFound("No such ticket.") }
        return id
    }

    /// A form's fields (several values per name), URL-encoded or multipart; files go to the blob store
    /// under `subject`. The CSRF token is checked: a request without this browser's nonce cookie (a
    /// cross-site one never has it) is refused before any file is stored.
    func ticketForm(_ request: Request, subject: String, service: TicketService) async throws -> TicketUploadReader.Result {
        if TicketUploadReader.isMultipart(request) {
            guard request.cookies[CSRFProtection.cookieName] != nil else { try csrf.check(nil, request: request); return .init() }
            let result = try await service.uploadReader.read(request, subject: subject, maxBodyBytes: service.settings.maxMultipartBytes)
            try csrf.check(result.text[CSRFProtection.fieldName]?.first, request: request)
            return result
        }
        let fields = try await FormBody.fields(from: request)
        try csrf.check(fields[CSRFProtection.fieldName]?.first, request: request)
        return TicketUploadReader.Result(text: fields, files: [])
    }

    /// A refusal the page shows next to its form: field errors (422), a workflow refusal (409) or a
    /// rate limit (429); nil for anything else, which the error page handles.
    static func refusal(_ error: any Error) -> (values: [String: Any], status: HTTPResponse.Status)? {
        func errors(_ list: [FieldError]) -> [String: Any] {
            ["errors": fieldErrorValues(list.map { FieldError(field: Self.anchor($0.field), message: $0.message) })]
        }
        switch error {
        case let f as ValidationFailure: return (errors(f.errors), .unprocessableContent)
        case let f as FieldError: return (errors([f]), .unprocessableContent)
        case let f as FormRefused: return (errors(f.errors), f.status)
        case let l as RateLimited: return (["rateLimited": ["seconds": l.retryAfter, "one": l.retryAfter == 1]], .tooManyRequests)
        case DomainError.rejected(let why): return (["refused": SecurityPages.sentence(why)], .conflict)
        default: return nil
        }
    }

    /// The element id of a field named by the service: `fields.topic` is the form field `field-topic`.
    static func anchor(_ field: String) -> String {
        field.hasPrefix("fields.") ? "field-" + field.dropFirst(7) : field
    }

    /// A ticket form's text answers (`field.<id>`) by field id.
    static func answers(_ text: [String: [String]]) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for (name, values) in text where name.hasPrefix("field.") { fields[String(name.dropFirst(6))] = values }
        return fields
    }
}

extension FormBody {
    static let ticketLimit = 256 << 10

    /// An `application/x-www-form-urlencoded` body as name → values (in order; repeated names for
    /// multiple choices), for forms whose fields are not known in advance.
    static func fields(from request: Request, limit: Int = ticketLimit) async throws -> [String: [String]] {
        let contentType = request.headers[.contentType].flatMap(MediaType.init(from:))
        guard contentType?.isType(.applicationUrlEncoded) == true else { throw ProblemDetails.unsupportedMediaType("a form (application/x-www-form-urlencoded)") }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch is NIOTooManyBytesError { throw ProblemDetails.tooLarge(limit: limit) }
        return try parse(String(buffer: buffer))
    }

    static func parse(_ body: String) throws -> [String: [String]] {
        var fields: [String: [String]] = [:]
        var count = 0
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            count += 1
            guard count <= 300 else { throw ProblemDetails.malformed("Too many form fields.") }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw ProblemDetails.malformed("The form could not be read. Reload the page and try again.")
            }
            fields[name, default: []].append(value)
        }
        return fields
    }

    private static func decode(_ raw: Substring) -> String? {
        raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension Request {
    /// The query string read as a form does it (`+` is a space, as browsers send a GET form), first value of
    /// each name; a malformed query reads as empty rather than failing the page.
    var formQuery: [String: String] {
        guard let raw = uri.query, !raw.isEmpty, let fields = try? FormBody.parse(raw) else { return [:] }
        return fields.compactMapValues(\.first)
    }
}
