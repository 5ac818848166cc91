import BlobStore
import Testing

/// Streaming `multipart/form-data` parsing: any chunking, strict framing, bounded memory.
@Suite struct MultipartParserTests {
    static let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"

    /// Content that looks like boundaries without being one.
    static var trickyFile: [UInt8] {
        var out: [UInt8] = Array("\r\n--\(boundary.dropLast())X\r\n".utf8)
        out += Array("X--\(boundary)".utf8)  // not after CRLF: content
        out += Array("\r\n-\r\n--\r\r\n--\(boundary.prefix(10))".utf8)
        out += randomBytes(3000, seed: 5)
        out += Array("\r\n--\(boundary.dropLast())".utf8)  // ends in a near-boundary
        return out
    }

    static var expected: [FormBody.Part] {
        [
            .init(headers: MultipartPartHeaders(name: "subject"), body: Array("Printer on fire".utf8)),
            .init(headers: MultipartPartHeaders(name: "empty"), body: []),
            .init(headers: MultipartPartHeaders(name: "file", filename: "notes \"v2\".bin", contentType: "application/octet-stream"), body: trickyFile),
            .init(headers: MultipartPartHeaders(name: "message"), body: Array("Grüße,\r\nAlice\r\n".utf8)),
        ]
    }

    static var body: [UInt8] {
        FormBody.make(boundary: boundary, parts: [
            (["Content-Disposition: form-data; name=\"subject\""], Array("Printer on fire".utf8)),
            (["Content-Disposition: form-data; name=empty"], []),
            (["content-disposition: form-data; name=\"file\"; filename=\"notes \\\"v2\\\".bin\"", "Content-Type: application/octet-stream"], trickyFile),
            (["Content-Disposition:form-data;name=\"message\"", "X-Ignored: yes"], Array("Grüße,\r\nAlice\r\n".utf8)),
        ])
    }

    @Test func aWholeBodyInOneFeed() throws {
        #expect(try FormBody.parse(Self.body, boundary: Self.boundary, cuts: []) == Self.expected)
    }

    @Test func byteByByte() throws {
        #expect(try FormBody.parse(Self.body, boundary: Self.boundary, cuts: Array(1..<Self.body.count)) == Self.expected)
    }

    @Test func cutInTwoAtEveryPosition() throws {
        let body = Self.body
        for cut in 0...body.count {
            #expect(try FormBody.parse(body, boundary: Self.boundary, cuts: [cut]) == Self.expected, "cut at \(cut)")
        }
    }

    @Test(arguments: 1...40)
    func randomChunkSizes(seed: Int) throws {
        let body = Self.body
        let cuts = FormBody.randomCuts(length: body.count, maxPiece: seed % 2 == 0 ? 7 : 700, seed: UInt64(seed))
        #expect(try FormBody.parse(body, boundary: Self.boundary, cuts: cuts) == Self.expected)
    }

    @Test func preambleAndEpilogueAreIgnored() throws {
        let body = FormBody.make(boundary: "xyz", parts: [(["Content-Disposition: form-data; name=a"], Array("1".utf8))],
                                 preamble: "This is a message in MIME format.\r\n--xy not yet", epilogue: "\r\n--xyz\r\ntrailing junk")
        let parts = try FormBody.parse(body, boundary: "xyz", cuts: Array(stride(from: 3, to: body.count, by: 5)))
        #expect(parts == [.init(headers: MultipartPartHeaders(name: "a"), body: [0x31])])
    }

    @Test func transportPaddingAfterABoundaryIsAllowed() throws {
        let body = Array("--b \t\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--b--  \r\n".utf8)
        #expect(try FormBody.parse(body, boundary: "b", cuts: []) == [.init(headers: MultipartPartHeaders(name: "a"), body: [0x76])])
    }

    @Test func fileBodiesAreStreamedNotGathered() throws {
        let file = randomBytes(1 << 20, seed: 9)
        let body = FormBody.make(boundary: "B0undary", parts: [(["Content-Disposition: form-data; name=f; filename=big.bin"], file)])
        var parser = try MultipartParser(boundary: "B0undary")
        var largest = 0
        var bodyEvents = 0
        var received: [UInt8] = []
        for start in stride(from: 0, to: body.count, by: 65_536) {
            for event in try parser.feed(body[start..<min(start + 65_536, body.count)]) {
                if case .body(let bytes) = event {
                    largest = max(largest, bytes.count)
                    bodyEvents += 1
                    received += bytes
                }
            }
        }
        try parser.finish()
        #expect(received == file)
        #expect(bodyEvents >= 16)
        #expect(largest <= 65_536 + "\r\n--B0undary".utf8.count)
    }

    @Test func aMissingClosingBoundaryIsAnError() throws {
        let complete = FormBody.make(boundary: "b", parts: [(["Content-Disposition: form-data; name=a"], Array("value".utf8))])
        for end in [complete.count - 4, complete.count - 6, 30, 5] {  // cut after "--b", mid-part, in the headers, in the first line
            var parser = try MultipartParser(boundary: "b")
            _ = try parser.feed(complete.prefix(end))
            #expect(throws: MultipartError.unexpectedEnd, "cut at \(end)") { try parser.finish() }
        }
        var parser = try MultipartParser(boundary: "b")
        _ = try parser.feed(Array("no boundary here".utf8))
        #expect(throws: MultipartError.missingOpeningBoundary) { try parser.finish() }
    }

    @Test func aLongPreambleIsRefused() throws {
        var parser = try MultipartParser(boundary: "b", limits: .init(maxPreambleBytes: 100))
        #expect(throws: MultipartError.missingOpeningBoundary) { _ = try parser.feed([UInt8](repeating: 0x41, count: 200)) }
    }

    @Test func tooManyParts() throws {
        let parts = (0..<3).map { (["Content-Disposition: form-data; name=f\($0)"], [UInt8(0x30 + $0)]) }
        let body = FormBody.make(boundary: "b", parts: parts)
        #expect(try FormBody.parse(body, boundary: "b", cuts: [], limits: .init(maxParts: 3)).count == 3)
        #expect(throws: MultipartError.tooManyParts(limit: 2)) { try FormBody.parse(body, boundary: "b", cuts: [], limits: .init(maxParts: 2)) }
    }

    @Test func headerBlocksAreLimitedInSizeAndCount() throws {
        let long = FormBody.make(boundary: "b", parts: [(["Content-Disposition: form-data; name=a", "X-Padding: " + String(repeating: "p", count: 9000)], [])])
        #expect(throws: MultipartError.headersTooLarge(limit: 8192)) { try FormBody.parse(long, boundary: "b", cuts: []) }
        #expect(throws: MultipartError.headersTooLarge(limit: 8192)) { try FormBody.parse(long, boundary: "b", cuts: Array(1..<long.count)) }

        let many = ["Content-Disposition: form-data; name=a"] + (1...30).map { "X-H\($0): v" }
        let body = FormBody.make(boundary: "b", parts: [(many, [])])
        #expect(throws: MultipartError.tooManyHeaders(limit: 30)) { try FormBody.parse(body, boundary: "b", cuts: []) }
        #expect(try FormBody.parse(FormBody.make(boundary: "b", parts: [(Array(many.prefix(30)), [])]), boundary: "b", cuts: []).count == 1)
    }

    @Test(arguments: [
        // A CR LF inside a quoted file name would start a new header line: the quote is then never closed.
        ("Content-Disposition: form-data; name=\"f\"; filename=\"a.txt\r\nContent-Type: text/html\"", MultipartError.malformedHeader("a quoted string is not closed on its line")),
        ("Content-Disposition: form-data; name=f\r\nContent-Type: text/plain\r\nContent-Type: text/html", .duplicateHeader("Content-Type")),
        ("Content-Disposition: form-data; name=f\r\nContent-Disposition: form-data; name=g", .duplicateHeader("Content-Disposition")),
        ("Content-Disposition: form-data; name=f\r\n continued", .malformedHeader("folded (continued) header lines are not allowed")),
        ("Content-Disposition: form-data; name=f\nContent-Type: text/html", .malformedHeader("a line ends in a bare LF instead of CRLF")),
        ("Content-Disposition: form-data; name=f\rContent-Type: text/html", .malformedHeader("a line ends in a bare CR")),
        ("Content Type: text/html\r\nContent-Disposition: form-data; name=f", .malformedHeader("a header name is not a token")),
        ("Content-Disposition: form-data; name=f\r\nno colon here", .malformedHeader("a line has no colon")),
        ("Content-Disposition: form-data; name=f; name=g", .duplicateParameter("name")),
        ("Content-Disposition: form-data; name=f; filename=a; FILENAME=b", .duplicateParameter("filename")),
        ("Content-Disposition: attachment; name=f", .notFormData),
        ("Content-Disposition: form-data; filename=a.txt", .missingName),
        ("Content-Disposition: form-data; name=\"\"", .missingName),
        ("Content-Type: text/plain", .missingContentDisposition),
        ("Content-Disposition: form-data; name=f; filename*=UTF-8''%E2%82", .malformedHeader("filename* is not valid UTF-8")),
        ("Content-Disposition: form-data; name=f; filename*=UTF-8''%G1", .malformedHeader("filename* has a broken percent-escape")),
        ("Content-Disposition: form-data; name=f; filename*=KOI8-R''abc", .malformedHeader("filename* must be in UTF-8")),
        ("Content-Disposition: form-data; name=f\0", .malformedHeader("it contains a NUL byte")),
    ])
    func malformedOrSmuggledHeadersAreRefused(header: String, error: MultipartError) throws {
        let body = FormBody.make(boundary: "b", parts: [([header], Array("x".utf8))])
        #expect(throws: error) { try FormBody.parse(body, boundary: "b", cuts: []) }
        #expect(throws: error) { try FormBody.parse(body, boundary: "b", cuts: Array(1..<body.count)) }
    }

    @Test func quotedValuesWithEscapesAndExtendedFileNames() throws {
        let body = FormBody.make(boundary: "b", parts: [
            (["Content-Disposition: form-data; name=\"a\\\"b\"; filename=\"C:\\Users\\x \\\"y\\\".txt\""], []),
            (["Content-Disposition: form-data; name=\"f\"; filename=\"fallback.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt"], []),
            (["Content-Disposition: form-data; name=\"g\"; filename*=iso-8859-1'de'Gr%FC%DFe.txt"], []),
            (["Content-Disposition: form-data; name=\"h\"; filename=\"\""], []),
            (["Content-Disposition: form-data; name=\"semi;colon\"; filename=\"日本.txt\""], []),
        ])
        let parts = try FormBody.parse(body, boundary: "b", cuts: [])
        #expect(parts.map(\.headers) == [
            MultipartPartHeaders(name: "a\"b", filename: "C:\\Users\\x \"y\".txt"),
            MultipartPartHeaders(name: "f", filename: "€ rates.txt"),
            MultipartPartHeaders(name: "g", filename: "Grüße.txt"),
            MultipartPartHeaders(name: "h", filename: ""),
            MultipartPartHeaders(name: "semi;colon", filename: "日本.txt"),
        ])
        #expect(parts[3].headers.isFile && !MultipartPartHeaders(name: "x").isFile)
    }

    @Test func fieldsAndFilesHaveSizeLimits() throws {
        let limits = MultipartParser.Limits(maxFieldBytes: 10, maxFileBytes: 20)
        let field = FormBody.make(boundary: "b", parts: [(["Content-Disposition: form-data; name=note"], [UInt8](repeating: 0x61, count: 11))])
        #expect(throws: MultipartError.partTooLarge(name: "note", limit: 10)) { try FormBody.parse(field, boundary: "b", cuts: [], limits: limits) }
        let file = FormBody.make(boundary: "b", parts: [(["Content-Disposition: form-data; name=f; filename=a"], [UInt8](repeating: 0x61, count: 20))])
        #expect(try FormBody.parse(file, boundary: "b", cuts: Array(1..<file.count), limits: limits)[0].body.count == 20)
        let bigger = FormBody.make(boundary: "b", parts: [(["Content-Disposition: form-data; name=f; filename=a"], [UInt8](repeating: 0x61, count: 21))])
        #expect(throws: MultipartError.partTooLarge(name: "f", limit: 20)) { try FormBody.parse(bigger, boundary: "b", cuts: Array(1..<bigger.count), limits: limits) }
    }

    @Test func boundaryLinesMustEndInCRLFOrDashes() throws {
        for text in ["--b\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--b--", "--bx\r\n", "--b-x", "--b\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--bb\r\n"] {
            var parser = try MultipartParser(boundary: "b")
            #expect(throws: MultipartError.malformedBoundaryLine, "\(text.debugDescription)") { _ = try parser.feed(Array(text.utf8)) }
        }
        var parser = try MultipartParser(boundary: "b")
        #expect(throws: MultipartError.noParts) { _ = try parser.feed(Array("--b--\r\n".utf8)) }
    }

    @Test func afterAnErrorTheParserKeepsRefusing() throws {
        var parser = try MultipartParser(boundary: "b")
        #expect(throws: MultipartError.malformedBoundaryLine) { _ = try parser.feed(Array("--bx".utf8)) }
        #expect(throws: MultipartError.malformedBoundaryLine) { _ = try parser.feed(Array("\r\n--b--".utf8)) }
        #expect(throws: MultipartError.malformedBoundaryLine) { try parser.finish() }
    }

    @Test func bytesAfterTheEndAreIgnored() throws {
        var parser = try MultipartParser(boundary: "b")
        let events = try parser.feed(Array("--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--".utf8))
        #expect(events.last == .end)
        #expect(try parser.feed(Array("\r\n--b\r\nContent-Disposition: form-data; name=z\r\n\r\n".utf8)).isEmpty)
        try parser.finish()
    }

    @Test func boundariesFromContentType() {
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=----WebKitFormBoundaryABC123") == "----WebKitFormBoundaryABC123")
        #expect(MultipartParser.boundary(fromContentType: "Multipart/Form-Data;BOUNDARY=x") == "x")
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; charset=utf-8; boundary=\"a b:c\"") == "a b:c")
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=" + String(repeating: "z", count: 70)) == String(repeating: "z", count: 70))
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=" + String(repeating: "z", count: 71)) == nil)
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data") == nil)
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=") == nil)
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\"ends in space \"") == nil)
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=a@b") == nil)
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\"a\r\nb\"") == nil)
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=a; boundary=b") == nil)
        #expect(MultipartParser.boundary(fromContentType: "multipart/mixed; boundary=a") == nil)
        #expect(MultipartParser.boundary(fromContentType: "text/plain; boundary=a") == nil)
    }

    @Test func invalidBoundariesAreRefusedUpFront() {
        for boundary in ["", String(repeating: "a", count: 71), "trailing ", "bad\r\n", "ünï"] {
            #expect(throws: MultipartError.invalidBoundary) { _ = try MultipartParser(boundary: boundary) }
        }
    }

    @Test func errorMessagesSayWhatToDoAndDoNotEchoMuchInput() {
        let errors: [MultipartError] = [
            .invalidBoundary, .missingOpeningBoundary, .malformedBoundaryLine, .noParts, .tooManyParts(limit: 16), .headersTooLarge(limit: 8192),
            .tooManyHeaders(limit: 30), .malformedHeader("a line has no colon"), .duplicateHeader("Content-Type"), .missingContentDisposition,
            .notFormData, .missingName, .duplicateParameter("name"), .partTooLarge(name: "note", limit: 65_536), .unexpectedEnd,
        ]
        for error in errors {
            #expect(error.description.count > 20 && error.description.hasSuffix("."), "\(error)")
        }
        #expect(MultipartError.headersTooLarge(limit: 8192).description == "The headers of a form field are larger than 8 KB.")
        #expect(MultipartError.unexpectedEnd.description.contains("cut off"))
        let hostile = MultipartError.partTooLarge(name: String(repeating: "<script>\"\r\n", count: 100), limit: 10).description
        #expect(hostile.count < 120 && !hostile.contains("\r") && hostile.contains("…"))
    }
}
