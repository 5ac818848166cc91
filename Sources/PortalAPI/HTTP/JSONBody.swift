import NIOCore
import Domain
import Foundation
import Hummingbird

/// Reads JSON request bodies strictly: the right content type, a size limit, and decoding errors
/// turned into problem details that name the field.
struct JSONBody {
    let limit: Int

    func decode<T: Decodable>(_ type: T.Type, from request: Request, context: PortalRequestContext) async throws -> T {
        let contentType = request.headers[.contentType].flatMap(MediaType.init(from:))
        guard let contentType, contentType.type == .application, contentType.subType == "json" || contentType.subType.hasSuffix("+json") else {
            throw ProblemDetails.unsupportedMediaType("application/json")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch is NIOTooManyBytesError { throw ProblemDetails.tooLarge(limit: limit) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw Self.problem(for: error)
        }
    }

    /// Like ``decode(_:from:context:)``, but an empty body (no content type, no bytes) is nil: for commands
    /// whose settings are all optional.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, from request: Request, context: PortalRequestContext) async throws -> T? {
        if request.headers[.contentType] == nil, (request.headers[.contentLength].flatMap { Int($0) } ?? 0) == 0 {
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: limit) } catch is NIOTooManyBytesError { throw ProblemDetails.tooLarge(limit: limit) }
            if buffer.readableBytes == 0 { return nil }
            throw ProblemDetails.unsupportedMediaType("application/json")
        }
        return try await decode(type, from: request, context: context)
    }

    static func problem(for error: DecodingError) -> ProblemDetails {
        func path(_ c: DecodingError.Context) -> String { jsonPath(c.codingPath) }
        switch error {
        case let .keyNotFound(key, c):
            let field = jsonPath(c.codingPath + [key])
            return .validation([FieldError(field: field, message: "`\(field)` is required.")])
        case let .typeMismatch(_, c) where c.codingPath.isEmpty:
            return .malformed("The body must be a JSON object.")
        case let .typeMismatch(expected, c):
            return .malformed("Field `\(path(c))` must be \(describe(expected)).")
        case let .valueNotFound(expected, c):
            return .malformed("Field `\(path(c))` must be \(describe(expected)), not null.")
        case let .dataCorrupted(c):
            if c.codingPath.isEmpty { return .malformed("The body is not valid JSON.") }
            return .malformed("Field `\(path(c))` has an invalid value: \(c.debugDescription)")
        @unknown default:
            return .malformed("The body could not be read.")
        }
    }

    /// `fields[2].required`, as a person reads a JSON path.
    static func jsonPath(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") { text += "[\(index)]" }
            else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is String?.Type: return "a string"
        case is Int.Type, is Int?.Type, is Double.Type: return "a number"
        case is Bool.Type, is Bool?.Type: return "true or false"
        default: return "\(type)".contains("Dictionary") ? "an object" : "a value of another type"
        }
    }
}

extension Data {
    init(buffer: ByteBuffer) { self.init(buffer.readableBytesView) }
}
