/// The headers of one part of a `multipart/form-data` body (RFC 7578) that the portal uses.
public struct MultipartPartHeaders: Sendable, Equatable {
    /// The form field's name (`Content-Disposition: form-data; name="…"`).
    public let name: String
    /// The file name the client gave, from `filename*` (RFC 5987) when present, else `filename`; nil for a plain
    /// field. Untrusted: pass it through ``FileNameSanitizer`` before storing or showing it.
    public let filename: String?
    /// The part's Content-Type as the client sent it. Untrusted: sniff the content instead.
    public let contentType: String?

    public init(name: String, filename: String? = nil, contentType: String? = nil) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
    }

    /// Whether the part is a file upload rather than a text field.
    public var isFile: Bool { filename != nil }
}

extension MultipartPartHeaders {
    /// Parses a header block: the lines between a boundary line and the empty line, each ending in CRLF.
    ///
    /// Strict, because every oddity here is a way to smuggle something past a proxy or a less strict parser:
    /// no NUL, no bare CR or LF, no folded lines, header names must be tokens, Content-Disposition and Content-Type
    /// at most once each, parameters at most once, and quoted strings must close on their line.
    static func parse(_ block: ArraySlice<UInt8>, maxHeaders: Int) throws(MultipartError) -> MultipartPartHeaders {
        guard !block.contains(0) else { throw .malformedHeader("it contains a NUL byte") }
        var lines: [ArraySlice<UInt8>] = []
        var start = block.startIndex
        var i = block.startIndex
        while i < block.endIndex {
            if block[i] == 0x0D {
                guard i + 1 < block.endIndex, block[i + 1] == 0x0A else { throw .malformedHeader("a line ends in a bare CR") }
                lines.append(block[start..<i])
                i += 2
                start = i
            } else if block[i] == 0x0A {
                throw .malformedHeader("a line ends in a bare LF instead of CRLF")
            } else {
                i += 1
            }
        }
        if start < block.endIndex { lines.append(block[start...]) }
        guard lines.count <= maxHeaders else { throw .tooManyHeaders(limit: maxHeaders) }

        var disposition: ContentDisposition?
        var contentType: String?
        for line in lines {
            guard let first = line.first, first != 0x20, first != 0x09 else {
                throw .malformedHeader("folded (continued) header lines are not allowed")
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .malformedHeader("a line has no colon") }
            let name = line[..<colon]
            guard !name.isEmpty, name.allSatisfy(HeaderSyntax.isTokenByte) else { throw .malformedHeader("a header name is not a token") }
            let value = HeaderSyntax.trimmed(line[(colon + 1)...])
            switch String(decoding: name, as: UTF8.self).lowercased() {
            case "content-disposition":
                guard disposition == nil else { throw .duplicateHeader("Content-Disposition") }
                disposition = try ContentDisposition(value)
            case "content-type":
                guard contentType == nil else { throw .duplicateHeader("Content-Type") }
                guard let text = String(validating: value, as: UTF8.self) else { throw .malformedHeader("Content-Type is not UTF-8") }
                contentType = text
            default:
                continue  // Content-Transfer-Encoding and others are deprecated for form data (RFC 7578 §4.7)
            }
        }
        guard let disposition else { throw .missingContentDisposition }
        return MultipartPartHeaders(name: disposition.name, filename: disposition.filename, contentType: contentType)
    }
}

/// `Content-Disposition: form-data; name="…"; filename="…"; filename*=UTF-8''…`
struct ContentDisposition {
    let name: String
    let filename: String?

    init(_ value: ArraySlice<UInt8>) throws(MultipartError) {
        var scanner = HeaderSyntax.Scanner(value)
        let type = scanner.token()
        guard String(decoding: type, as: UTF8.self).lowercased() == "form-data" else { throw .notFormData }
        var parameters: [String: String] = [:]
        while true {
            scanner.skipSpaces()
            if scanner.atEnd { break }
            guard scanner.take(UInt8(ascii: ";")) else { throw .malformedHeader("Content-Disposition parameters must be separated by ';'") }
            scanner.skipSpaces()
            if scanner.atEnd { break }
            let key = String(decoding: scanner.token(), as: UTF8.self).lowercased()
            guard !key.isEmpty else { throw .malformedHeader("a Content-Disposition parameter has no name") }
            scanner.skipSpaces()
            guard scanner.take(UInt8(ascii: "=")) else { throw .malformedHeader("the Content-Disposition parameter \(key) has no value") }
            scanner.skipSpaces()
            let raw = scanner.peek == UInt8(ascii: "\"") ? try scanner.quotedString()[...] : scanner.token()
            guard let text = String(validating: raw, as: UTF8.self) else { throw .malformedHeader("a Content-Disposition parameter is not UTF-8") }
            guard parameters.updateValue(text, forKey: key) == nil else { throw .duplicateParameter(key) }
        }
        guard let name = parameters["name"], !name.isEmpty else { throw .missingName }
        self.name = name
        if let extended = parameters["filename*"] {
            filename = try Self.decodeExtendedValue(extended)
        } else {
            filename = parameters["filename"]
        }
    }

    /// RFC 5987 `ext-value`: `charset'[language]'percent-encoded`, in UTF-8 or ISO-8859-1.
    static func decodeExtendedValue(_ value: String) throws(MultipartError) -> String {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { throw .malformedHeader("filename* is not of the form charset'language'value") }
        var bytes: [UInt8] = []
        var utf8 = Array(pieces[2].utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let hi = HeaderSyntax.hexValue(utf8.removeFirst()), let lo = HeaderSyntax.hexValue(utf8.removeFirst()) else {
                throw .malformedHeader("filename* has a broken percent-escape")
            }
            bytes.append(hi << 4 | lo)
        }
        switch pieces[0].lowercased() {
        case "utf-8":
            guard let text = String(validating: bytes, as: UTF8.self) else { throw .malformedHeader("filename* is not valid UTF-8") }
            return text
        case "iso-8859-1":
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default:
            throw .malformedHeader("filename* must be in UTF-8")
        }
    }
}

/// HTTP header grammar pieces (RFC 9110 tokens and quoted strings).
enum HeaderSyntax {
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes.removeFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x09 { bytes.removeLast() }
        return bytes
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }

    struct Scanner {
        private var bytes: ArraySlice<UInt8>

        init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { bytes.isEmpty }
        var peek: UInt8? { bytes.first }

        mutating func skipSpaces() {
            while let b = bytes.first, b == 0x20 || b == 0x09 { bytes.removeFirst() }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard bytes.first == byte else { return false }
            bytes.removeFirst()
            return true
        }

        /// Token characters; `*` is one, so `filename*` is read whole.
        mutating func token() -> ArraySlice<UInt8> {
            let end = bytes.firstIndex(where: { !HeaderSyntax.isTokenByte($0) }) ?? bytes.endIndex
            defer { bytes = bytes[end...] }
            return bytes[..<end]
        }

        /// A quoted string. A backslash escapes only `"` and `\`; before anything else it is kept, because browsers
        /// do not escape backslashes in Windows paths (`C:\Users\…`).
        mutating func quotedString() throws(MultipartError) -> [UInt8] {
            _ = take(UInt8(ascii: "\""))
            var out: [UInt8] = []
            while let b = bytes.popFirst() {
                switch b {
                case UInt8(ascii: "\""):
                    return out
                case UInt8(ascii: "\\"):
                    if let next = bytes.first, next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") {
                        out.append(next)
                        bytes.removeFirst()
                    } else {
                        out.append(b)
                    }
                default:
                    out.append(b)
                }
            }
            throw .malformedHeader("a quoted string is not closed on its line")
        }
    }
}
