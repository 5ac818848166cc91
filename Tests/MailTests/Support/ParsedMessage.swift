import Foundation

/// A small, independent reader of the messages under test: unfolds headers, decodes
/// encoded-words and quoted-printable, and splits multipart bodies. Written from the RFCs rather
/// than shared with the code under test, so a round trip through both means something.
struct ParsedMessage {
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    init(_ bytes: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        var split = bytes.count
        if bytes.count >= 4 {
            for index in 0...(bytes.count - 4) where Array(bytes[index..<index + 4]) == separator {
                split = index
                break
            }
        }
        let head = String(decoding: bytes[..<split], as: UTF8.self)
        body = split + 4 <= bytes.count ? Array(bytes[(split + 4)...]) : []
        // Unfolding (RFC 5322 §2.2.3): a CRLF followed by white space is removed.
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: "\t")
        headers = unfolded.components(separatedBy: "\r\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            return (String(line[..<colon]), String(value))
        }
    }

    /// The first header called `name` (any case), unfolded but not decoded.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The first header called `name` with its encoded-words decoded.
    func decodedHeader(_ name: String) -> String? {
        header(name).map(decodeEncodedWords)
    }

    /// The body with its transfer encoding undone, as UTF-8 text.
    var decodedBody: String {
        let encoding = header("Content-Transfer-Encoding")?.lowercased()
        let bytes = encoding == "quoted-printable" ? decodeQuotedPrintable(body) : body
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The parts of a multipart body, split at the boundary from `Content-Type`.
    func parts() -> [ParsedMessage] {
        guard let contentType = header("Content-Type"),
            let range = contentType.range(of: "boundary=\"")
        else { return [] }
        let boundary = contentType[range.upperBound...].prefix { $0 != "\"" }
        let text = String(decoding: body, as: UTF8.self)
        let sections = text.components(separatedBy: "\r\n--\(boundary)")
        // The first section is the preamble; the last starts with "--" (the close delimiter).
        return sections.dropFirst().filter { !$0.hasPrefix("--") }.map { section in
            ParsedMessage(Array(Array(section.utf8).dropFirst(2)))  // drop the CRLF after the boundary
        }
    }
}

/// Decodes RFC 2047 encoded-words; white space between two adjacent encoded-words is dropped.
func decodeEncodedWords(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    var pendingSpace = ""
    var previousWasEncoded = false
    while !rest.isEmpty {
        if rest.hasPrefix("=?"), let decoded = decodeOneEncodedWord(&rest) {
            if !previousWasEncoded { result += pendingSpace }
            result += decoded
            pendingSpace = ""
            previousWasEncoded = true
        } else if rest.first == " " || rest.first == "\t" {
            pendingSpace.append(rest.removeFirst())
        } else {
            result += pendingSpace
            pendingSpace = ""
            result.append(rest.removeFirst())
            previousWasEncoded = false
        }
    }
    return result + pendingSpace
}

private func decodeOneEncodedWord(_ rest: inout Substring) -> String? {
    let parts = rest.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count == 4, parts[0].uppercased() == "UTF-8", parts[3].hasPrefix("=") else { return nil }
    let payload = parts[2]
    let bytes: [UInt8]
    switch parts[1].uppercased() {
    case "Q":
        bytes = decodeQuotedPrintable(Array(payload.replacingOccurrences(of: "_", with: " ").utf8))
    case "B":
        guard let data = Data(base64Encoded: String(payload)) else { return nil }
        bytes = Array(data)
    default:
        return nil
    }
    rest = parts[3].dropFirst()
    return String(decoding: bytes, as: UTF8.self)
}

/// Decodes quoted-printable: `=` CRLF is a soft line break, `=XX` a byte.
func decodeQuotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "=") {
            if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                index += 3
                continue
            }
            if index + 2 < bytes.count, let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                output.append(value)
                index += 3
                continue
            }
        }
        output.append(byte)
        index += 1
    }
    return output
}
