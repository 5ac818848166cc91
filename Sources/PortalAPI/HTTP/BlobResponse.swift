import BlobStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers for stored blobs: whole or by byte range (RFC 9110 §14), streamed chunk by chunk.
public enum BlobResponse {
    /// A blob a browser plays or seeks in (a tutorial video, its poster): `Range` and `If-Range` give 206 or 416,
    /// `If-None-Match` gives 304, `HEAD` the headers of the `GET` without a body.
    ///
    /// Every answer carries `Accept-Ranges: bytes`, the strong `ETag`, `X-Content-Type-Options: nosniff` and
    /// `cacheControl`. Ranges apply to `GET` only (RFC 9110 §14.2): a `HEAD` answers as a `GET` without `Range`.
    /// An `If-Range` date never matches (no `Last-Modified` is sent), so it gets the whole blob.
    /// - Parameters:
    ///   - etag: the blob's strong entity tag, e.g. its content address; quoted here unless it already is.
    ///   - disposition: the whole `Content-Disposition` value (`inline`, `attachment; filename=…`), or nil for none.
    public static func media(_ reader: BlobReader, contentType: String, request: Request, etag: String, cacheControl: String,
                             disposition: String?) -> Response {
        let tag = EntityTag(strong: etag)
        let size = reader.size
        var headers: HTTPFields = [
            .acceptRanges: "bytes",
            .eTag: tag.headerValue,
            .xContentTypeOptions: "nosniff",
            .cacheControl: cacheControl,
        ]
        let isHead = request.method == .head
        let ifNoneMatch = request.headers[values: .ifNoneMatch]
        if !ifNoneMatch.isEmpty, isHead || request.method == .get {
            let tags = EntityTag.list(ifNoneMatch.joined(separator: ", "))
            if tags?.contains(where: { $0.matchesWeakly(tag) }) ?? true {
                // No Content-Length: a 304 may only repeat the full one, and says nothing without it.
                return Response(status: .notModified, headers: headers, body: ResponseBody(contentLength: nil) { try await $0.finish(nil) })
            }
        }

        var range = 0..<size
        var status = HTTPResponse.Status.ok
        if request.method == .get, let rangeHeader = request.headers[.range], ifRangeHolds(request.headers[.ifRange], tag) {
            switch ByteRange.resolve(rangeHeader, size: size) {
            case .full:
                break
            case .partial(let requested):
                range = requested
                status = .partialContent
                headers[.contentRange] = "bytes \(requested.lowerBound)-\(requested.upperBound - 1)/\(size)"
            case .unsatisfiable:
                return unsatisfiable(size: size, headers: headers)
            }
        }
        headers[.contentType] = contentType
        if let disposition { headers[.contentDisposition] = disposition }
        headers[.contentLength] = String(range.count)
        return Response(status: status, headers: headers, body: isHead ? ResponseBody() : body(reader, range: range))
    }

    /// The bytes of `range` (inside `0..<reader.size`), read and decrypted one 64 KiB chunk at a time.
    /// The body is the reader's only user from then on.
    static func body(_ reader: BlobReader, range: Range<Int>) -> ResponseBody {
        let reader = UncheckedReader(reader: reader)
        let chunk = 64 << 10
        return ResponseBody(contentLength: range.count) { writer in
            var offset = range.lowerBound
            while offset < range.upperBound {
                // Pieces end on chunk boundaries, so each chunk is decrypted once.
                let end = min(range.upperBound, (offset / chunk + 1) * chunk)
                try await writer.write(ByteBuffer(bytes: try reader.reader.read(range: offset..<end)))
                offset = end
            }
            try await writer.finish(nil)
        }
    }

    /// Whether a `Range` applies: always without `If-Range`, else only when it names this exact (strong) tag.
    private static func ifRangeHolds(_ value: String?, _ tag: EntityTag) -> Bool {
        guard let value else { return true }
        return EntityTag.single(value)?.matchesStrongly(tag) ?? false
    }

    /// 416 with `Content-Range: bytes */size` and a problem details body.
    private static func unsatisfiable(size: Int, headers: HTTPFields) -> Response {
        var headers = headers
        headers[.contentRange] = "bytes */\(size)"
        headers[.contentType] = "application/problem+json"
        headers[.cacheControl] = "no-store"
        let problem = ProblemDetails(type: "range-not-satisfiable", title: "Range not satisfiable", status: .rangeNotSatisfiable,
                                     detail: "The requested range starts at or after the end of the \(size)-byte file, or asks for no bytes.")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(problem)) ?? Data()
        return Response(status: .rangeNotSatisfiable, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }
}

/// A blob reader handed to the one response body that streams it. The reader is not thread-safe, but the body
/// writer calls it from one task, one chunk after another, and nothing else holds it.
private struct UncheckedReader: @unchecked Sendable {
    let reader: BlobReader
}
