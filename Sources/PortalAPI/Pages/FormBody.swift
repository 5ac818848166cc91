import Domain
import Foundation
import NIOCore
import Hummingbird

/// Reads `application/x-www-form-urlencoded` bodies of the pages, with a size limit.
enum FormBody {
    static let limit = 16 << 10

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let contentType = request.headers[.contentType].flatMap(MediaType.init(from:))
        guard contentType?.isType(.applicationUrlEncoded) == true else { throw ProblemDetails.unsupportedMediaType("a form (application/x-www-form-urlencoded)") }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch is NIOTooManyBytesError { throw ProblemDetails.tooLarge(limit: limit) }
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw ProblemDetails.malformed("The form could not be read. Reload the page and try again.")
        }
    }
}

/// Field errors as template values: `errors.email` holds the message of the `email` field, and
/// `errors.list` one entry per field (`field`, `message`) for the summary above the form.
func fieldErrorValues(_ errors: [FieldError]) -> [String: Any] {
    var values: [String: Any] = [:]
    var list: [[String: Any]] = []
    for e in errors where values[e.field] == nil {
        values[e.field] = e.message
        list.append(["field": e.field, "message": e.message])
    }
    values["any"] = !errors.isEmpty
    values["first"] = errors.first?.field ?? ""
    values["list"] = list
    return values
}
