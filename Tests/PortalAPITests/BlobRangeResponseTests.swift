import BlobStore
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// A 100,000-byte blob in a temporary store, served by `BlobResponse.media` through a real router:
/// 206 and 416 for ranges, 200 otherwise, 304 for a known tag, and HEAD.
@Suite struct BlobRangeResponseTests {
    static let size = 100_000

    @Test func theFirstBytesAnswer206WithExactlyThoseBytes() async throws {
        try await Self.serve { client, data, etag in
            let r = try await client.execute(uri: "/video", method: .get, headers: [.range: "bytes=0-99"])
            #expect(r.status == .partialContent)
            #expect(Array(buffer: r.body) == Array(data[0..<100]))
            #expect(r.headers[.contentRange] == "bytes 0-99/100000")
            #expect(r.headers[.contentLength] == "100")
            #expect(r.headers[.contentType] == "video/webm")
            #expect(r.headers[.acceptRanges] == "bytes")
            #expect(r.headers[.eTag] == etag)
            #expect(r.headers[.xContentTypeOptions] == "nosniff")
            #expect(r.headers[.cacheControl] == "private, max-age=3600")
            #expect(r.headers[.contentDisposition] == "inline")
        }
    }

    @Test func aRangeAcrossChunksDecryptsTheRightBytes() async throws {
        try await Self.serve { client, data, _ in
            let r = try await client.execute(uri: "/video", method: .get, headers: [.range: "bytes=65000-70000"])
            #expect(r.status == .partialContent)
            #expect(Array(buffer: r.body) == Array(data[65_000...70_000]))
            #expect(r.headers[.contentRange] == "bytes 65000-70000/100000")
            #expect(r.headers[.contentLength] == "5001")
        }
    }

    @Test func aSuffixAndAnOpenEndedRangeAnswer206() async throws {
        try await Self.serve { client, data, _ in
            let suffix = try await client.execute(uri: "/video", method: .get, headers: [.range: "bytes=-500"])
            #expect(suffix.status == .partialContent)
            #expect(Array(buffer: suffix.body) == Array(data[99_500...]))
            #expect(suffix.headers[.contentRange] == "bytes 99500-99999/100000")
            #expect(suffix.headers[.contentLength] == "500")

            let open = try await client.execute(uri: "/video", method: .get, headers: [.range: "bytes=30000-"])
            #expect(open.status == .partialContent)
            #expect(Array(buffer: open.body) == Array(data[30_000...]))
            #expect(open.headers[.contentRange] == "bytes 30000-99999/100000")
            #expect(open.headers[.contentLength] == "70000")

            let clamped = try await client.execute(uri: "/video", method: .get, headers: [.range: "bytes=99990-200000"])
            #expect(clamped.headers[.contentRange] == "bytes 99990-99999/100000")
            #expect(Array(buffer: clamped.body) == Array(data[99_990...]))
        }
    }

    @Test func aRangePastTheEndAnswers416WithTheSizeAndAProblem() async throws {
        try await Self.serve { client, _, etag in
            for range in ["bytes=100000-", "bytes=-0"] {
                let r = try await client.execute(uri: "/video", method: .get, headers: [.range: range])
                #expect(r.status == .rangeNotSatisfiable)
                #expect(r.headers[.contentRange] == "bytes */100000")
                #expect(r.headers[.contentType] == "application/problem+json")
                #expect(r.headers[.acceptRanges] == "bytes")
                #expect(r.headers[.eTag] == etag)
                let problem = try #require(try JSONSerialization.jsonObject(with: Data(Array(buffer: r.body))) as? [String: Any])
                #expect(problem["type"] as? String == "/problems/range-not-satisfiable")
                #expect(problem["status"] as? Int == 416)
            }
        }
    }

    @Test func withoutARangeOrWithOneToIgnoreTheWholeBlobAnswers200() async throws {
        try await Self.serve { client, data, etag in
            for headers: HTTPFields in [[:], [.range: "bytes=0-1,5-6"], [.range: "bytes=5-2"], [.range: "pages=1-2"]] {
                let r = try await client.execute(uri: "/video", method: .get, headers: headers)
                #expect(r.status == .ok)
                #expect(Array(buffer: r.body) == data)
                #expect(r.headers[.contentLength] == "100000")
                #expect(r.headers[.contentRange] == nil)
                #expect(r.headers[.acceptRanges] == "bytes")
                #expect(r.headers[.eTag] == etag)
            }
        }
    }

    @Test func ifRangeAppliesTheRangeOnlyForTheSameStrongTag() async throws {
        try await Self.serve { client, data, etag in
            let same = try await client.execute(uri: "/video", method: .get, headers: [.range: "bytes=0-9", .ifRange: etag])
            #expect(same.status == .partialContent)
            #expect(Array(buffer: same.body) == Array(data[0..<10]))

            for other in [#""another""#, "W/" + etag, "Wed, 21 Oct 2015 07:28:00 GMT", "garbage"] {
                let r = try await client.execute(uri: "/video", method: .get, headers: [.range: "bytes=0-9", .ifRange: other])
                #expect(r.status == .ok, "\(other)")
                #expect(Array(buffer: r.body) == data)
                #expect(r.headers[.contentRange] == nil)
            }
        }
    }

    @Test func ifNoneMatchWithTheTagAnswers304WithoutABody() async throws {
        try await Self.serve { client, _, etag in
            for value in [etag, "W/" + etag, #""other", "#, "*"] {
                let value = value.hasSuffix(", ") ? value + etag : value
                let r = try await client.execute(uri: "/video", method: .get, headers: [.ifNoneMatch: value, .range: "bytes=0-9"])
                #expect(r.status == .notModified, "\(value)")
                #expect(r.body.readableBytes == 0)
                #expect(r.headers[.eTag] == etag)
                #expect(r.headers[.contentLength] == nil)
            }
            let other = try await client.execute(uri: "/video", method: .get, headers: [.ifNoneMatch: #""other""#])
            #expect(other.status == .ok)
            #expect(other.body.readableBytes == Self.size)
        }
    }

    @Test func headAnswersTheHeadersOfTheWholeBlobWithoutABody() async throws {
        try await Self.serve { client, _, etag in
            for headers: HTTPFields in [[:], [.range: "bytes=0-99"]] {
                let r = try await client.execute(uri: "/video", method: .head, headers: headers)
                #expect(r.status == .ok)
                #expect(r.body.readableBytes == 0)
                #expect(r.headers[.contentLength] == "100000")
                #expect(r.headers[.contentType] == "video/webm")
                #expect(r.headers[.acceptRanges] == "bytes")
                #expect(r.headers[.eTag] == etag)
            }
            let cached = try await client.execute(uri: "/video", method: .head, headers: [.ifNoneMatch: etag])
            #expect(cached.status == .notModified)
        }
    }

    @Test func overARealConnectionHeadAnd304HaveNoBodyAnd206IsExact() async throws {
        try await Self.serve(.live) { client, data, etag in
            let head = try await client.execute(uri: "/video", method: .head)
            #expect(head.status == .ok)
            #expect(head.headers[.contentLength] == "100000")
            #expect(head.body.readableBytes == 0)

            let cached = try await client.execute(uri: "/video", method: .get, headers: [.ifNoneMatch: etag])
            #expect(cached.status == .notModified)
            #expect(cached.body.readableBytes == 0)

            let part = try await client.execute(uri: "/video", method: .get, headers: [.range: "bytes=1000-"])
            #expect(part.status == .partialContent)
            #expect(Array(buffer: part.body) == Array(data[1000...]))
        }
    }

    /// Stores random bytes in a fresh store and serves them at `/video` (GET and HEAD, which Hummingbird routes apart).
    static func serve(_ framework: TestingSetup = .router,
                      _ body: @Sendable (any TestClientProtocol, [UInt8], String) async throws -> Void) async throws {
        let folder = NSTemporaryDirectory() + "blob-range-tests-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try BlobStore(directory: URL(fileURLWithPath: folder), key: (0..<32).map { _ in UInt8.random(in: 0...255) })
        let data = (0..<size).map { _ in UInt8.random(in: 0...255) }
        let writer = try store.writer(subject: "tutorials", limit: size)
        try writer.write(data)
        let address = try writer.finish().address

        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            BlobResponse.media(try store.open(subject: "tutorials", address: address), contentType: "video/webm", request: request,
                               etag: address, cacheControl: "private, max-age=3600", disposition: "inline")
        }
        router.get("/video", use: handler)
        router.head("/video", use: handler)
        try await Application(router: router).test(framework) { client in
            try await body(client, data, "\"\(address)\"")
        }
    }
}
