import NIOCore

/// A push parser for `multipart/form-data` request bodies (RFC 7578, RFC 2046 §5.1) that streams part bodies.
///
/// Feed it the body as it arrives, in chunks of any size; it returns the events the new bytes complete. Memory
/// stays bounded by the limits, whatever the size of the files: a part's body is handed on as it arrives, keeping
/// back only the few bytes that might be the start of a boundary split across chunks.
///
///     var parser = try MultipartParser(boundary: boundary, limits: .init())
///     for try await chunk in request.body { for event in try parser.feed(chunk) { … } }
///     try parser.finish()
///
/// After an error the parser is spent: every later call throws the same error.
public struct MultipartParser {
    /// Bounds on what a client can make the parser hold or do.
    public struct Limits: Sendable, Equatable {
        /// Parts (fields and files) in one body.
        public var maxParts: Int
        /// Bytes in one part's header block.
        public var maxHeaderBytes: Int
        /// Header lines in one part.
        public var maxHeaderCount: Int
        /// Body bytes of a plain field (a part without a file name).
        public var maxFieldBytes: Int
        /// Body bytes of a file; the blob writer applies the attachment policy's own limit as well.
        public var maxFileBytes: Int
        /// Bytes before the first boundary (browsers send none).
        public var maxPreambleBytes: Int

        public init(
            maxParts: Int = 16,
            maxHeaderBytes: Int = 8 * 1024,
            maxHeaderCount: Int = 30,
            maxFieldBytes: Int = 64 * 1024,
            maxFileBytes: Int = 100 << 20,
            maxPreambleBytes: Int = 16 * 1024
        ) {
            self.maxParts = maxParts
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxFieldBytes = maxFieldBytes
            self.maxFileBytes = maxFileBytes
            self.maxPreambleBytes = maxPreambleBytes
        }
    }

    private enum State: Equatable {
        case preamble
        /// Just after a delimiter: next come "--" (the end) or padding and CRLF (a part).
        case afterDelimiter
        case headers
        case body
        case epilogue
        case failed(MultipartError)
    }

    public let limits: Limits
    /// CRLF "--" boundary: what ends a part body. The body is read as if it began with CRLF, so that a boundary on
    /// the very first line is found by the same search.
    private let delimiter: [UInt8]
    private var buffer: [UInt8] = [0x0D, 0x0A]
    private var state = State.preamble
    private var preambleBytes = 0
    private var parts = 0
    private var current: MultipartPartHeaders?
    private var partBytes = 0
    /// In the headers state: bytes of the block already scanned, and where the line being scanned starts.
    private var headerScanned = 0
    private var headerLineStart = 0

    /// - Parameter boundary: the `boundary` parameter of the request's Content-Type (see
    ///   ``boundary(fromContentType:)``).
    /// - Throws: ``MultipartError/invalidBoundary`` unless it is 1–70 characters allowed by RFC 2046.
    public init(boundary: String, limits: Limits = Limits()) throws {
        guard Self.isValidBoundary(boundary) else { throw MultipartError.invalidBoundary }
        delimiter = [0x0D, 0x0A, 0x2D, 0x2D] + Array(boundary.utf8)
        self.limits = limits
    }

    /// Parses the next bytes of the body; returns the events they complete.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws -> [MultipartEvent] {
        if case .failed(let error) = state { throw error }
        if state == .epilogue { return [] }
        buffer.append(contentsOf: bytes)
        do {
            return try parse()
        } catch {
            state = .failed(error)
            buffer = []
            throw error
        }
    }

    /// Parses the readable bytes of a NIO buffer (a request body chunk).
    public mutating func feed(_ buffer: ByteBuffer) throws -> [MultipartEvent] {
        try feed(buffer.readableBytesView)
    }

    /// Call when the body has ended: throws unless the closing boundary was seen.
    public func finish() throws {
        switch state {
        case .epilogue: return
        case .failed(let error): throw error
        case .preamble: throw MultipartError.missingOpeningBoundary
        default: throw MultipartError.unexpectedEnd
        }
    }

    // MARK: The state machine

    private mutating func parse() throws(MultipartError) -> [MultipartEvent] {
        var events: [MultipartEvent] = []
        var position = 0
        parsing: while true {
            switch state {
            case .preamble:
                if let found = find(delimiter, from: position) {
                    preambleBytes += found - position
                    position = found + delimiter.count
                    state = .afterDelimiter
                } else {
                    let keep = heldBack(from: position)
                    preambleBytes += buffer.count - keep - position
                    position = buffer.count - keep
                }
                // The two CRLF bytes that were put in front are not the client's.
                guard preambleBytes - 2 <= limits.maxPreambleBytes else { throw .missingOpeningBoundary }
                if state == .preamble { break parsing }

            case .afterDelimiter:
                guard let next = try afterDelimiter(from: position) else { break parsing }
                position = next.position
                if next.isEnd {
                    guard parts > 0 else { throw .noParts }
                    events.append(.end)
                    state = .epilogue
                } else {
                    parts += 1
                    guard parts <= limits.maxParts else { throw .tooManyParts(limit: limits.maxParts) }
                    state = .headers
                    headerScanned = 0
                    headerLineStart = 0
                }

            case .headers:
                guard let (block, next) = try headerBlock(from: position) else { break parsing }
                let headers = try MultipartPartHeaders.parse(buffer[block], maxHeaders: limits.maxHeaderCount)
                events.append(.partBegin(headers))
                current = headers
                partBytes = 0
                position = next
                state = .body

            case .body:
                let found = find(delimiter, from: position)
                let end = found ?? buffer.count - heldBack(from: position)
                if end > position {
                    partBytes += end - position
                    let isFile = current?.isFile ?? false
                    let limit = isFile ? limits.maxFileBytes : limits.maxFieldBytes
                    guard partBytes <= limit else { throw .partTooLarge(name: current?.name ?? "", limit: limit) }
                    events.append(.body(Array(buffer[position..<end])))
                }
                position = end
                guard let found else { break parsing }
                events.append(.partEnd)
                current = nil
                position = found + delimiter.count
                state = .afterDelimiter

            case .epilogue:
                position = buffer.count
                break parsing

            case .failed(let error):
                throw error
            }
        }
        buffer.removeFirst(position)
        return events
    }

    /// After a delimiter: `--` ends the body; otherwise optional spaces or tabs (RFC 2046 transport padding) and
    /// CRLF start a part. Nil when more bytes are needed to tell.
    private func afterDelimiter(from start: Int) throws(MultipartError) -> (position: Int, isEnd: Bool)? {
        var i = start
        if i < buffer.count, buffer[i] == UInt8(ascii: "-") {
            guard i + 1 < buffer.count else { return nil }
            guard buffer[i + 1] == UInt8(ascii: "-") else { throw .malformedBoundaryLine }
            return (i + 2, true)
        }
        while i < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x09 {
            i += 1
            guard i - start <= 64 else { throw .malformedBoundaryLine }
        }
        guard i < buffer.count else { return nil }
        guard buffer[i] == 0x0D else { throw .malformedBoundaryLine }
        guard i + 1 < buffer.count else { return nil }
        guard buffer[i + 1] == 0x0A else { throw .malformedBoundaryLine }
        return (i + 2, false)
    }

    /// Finds the empty line that ends a header block starting at `start`, scanning each byte once across feeds.
    /// Returns the block (its lines with their CRLFs) and where the body starts, or nil when more bytes are needed.
    private mutating func headerBlock(from start: Int) throws(MultipartError) -> (Range<Int>, Int)? {
        var i = start + headerScanned
        while i < buffer.count {
            let byte = buffer[i]
            if byte == 0x0A {
                guard i > start, buffer[i - 1] == 0x0D else { throw .malformedHeader("a line ends in a bare LF instead of CRLF") }
                if i - 1 == start + headerLineStart {
                    return (start..<(start + headerLineStart), i + 1)
                }
                headerLineStart = i + 1 - start
            } else if i > start, buffer[i - 1] == 0x0D {
                throw .malformedHeader("a line ends in a bare CR")
            }
            i += 1
            guard i - start <= limits.maxHeaderBytes + 2 else { throw .headersTooLarge(limit: limits.maxHeaderBytes) }
        }
        headerScanned = i - start
        return nil
    }

    /// The first occurrence of `pattern` at or after `start`.
    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, buffer.count - start >= pattern.count else { return nil }
        var i = start
        let last = buffer.count - pattern.count
        return buffer.withUnsafeBufferPointer { bytes in
            while i <= last {
                guard let hit = bytes[i...last].firstIndex(of: first) else { return nil }
                var matched = 1
                while matched < pattern.count, bytes[hit + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return hit }
                i = hit + 1
            }
            return nil
        }
    }

    /// How many bytes at the end of the buffer (after `start`) could be the beginning of a delimiter, and so must
    /// wait for the next feed.
    private func heldBack(from start: Int) -> Int {
        let available = buffer.count - start
        var length = min(delimiter.count - 1, available)
        while length > 0 {
            if buffer[(buffer.count - length)...].elementsEqual(delimiter[..<length]) { return length }
            length -= 1
        }
        return 0
    }

    // MARK: Boundaries

    /// The boundary of a `multipart/form-data` Content-Type, or nil when the type is something else or the boundary
    /// is missing, repeated, or not allowed by RFC 2046 (1–70 characters, no trailing space).
    public static func boundary(fromContentType contentType: String) -> String? {
        var scanner = HeaderSyntax.Scanner(Array(contentType.utf8)[...])
        scanner.skipSpaces()
        let type = scanner.token()
        guard scanner.take(UInt8(ascii: "/")) else { return nil }
        let subtype = scanner.token()
        guard String(decoding: type, as: UTF8.self).lowercased() == "multipart",
              String(decoding: subtype, as: UTF8.self).lowercased() == "form-data" else { return nil }
        var boundary: String?
        while true {
            scanner.skipSpaces()
            if scanner.atEnd { break }
            guard scanner.take(UInt8(ascii: ";")) else { return nil }
            scanner.skipSpaces()
            if scanner.atEnd { break }
            let key = String(decoding: scanner.token(), as: UTF8.self).lowercased()
            guard !key.isEmpty else { return nil }
            scanner.skipSpaces()
            guard scanner.take(UInt8(ascii: "=")) else { return nil }
            scanner.skipSpaces()
            let value: [UInt8]
            if scanner.peek == UInt8(ascii: "\"") {
                guard let quoted = try? scanner.quotedString() else { return nil }
                value = quoted
            } else {
                value = Array(scanner.token())
            }
            if key == "boundary" {
                guard boundary == nil else { return nil }
                boundary = String(decoding: value, as: UTF8.self)
            }
        }
        guard let boundary, isValidBoundary(boundary) else { return nil }
        return boundary
    }

    /// RFC 2046 `boundary := 0*69<bchars> bcharsnospace`.
    static func isValidBoundary(_ boundary: String) -> Bool {
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.last != 0x20 else { return false }
        return bytes.allSatisfy { b in
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
            default: "'()+_,-./:=? ".utf8.contains(b)
            }
        }
    }
}
