import NIOCore

/// Assembles complete SMTP replies (RFC 5321 §4.2) from the bytes a server sends.
///
/// A reply is one or more lines `250-text` … `250 text` with the same code. The parser accepts LF
/// as well as CRLF line ends (servers do send bare LF), bounds line length and line count so a
/// hostile server cannot make the client buffer without limit, and never trusts the input: any
/// malformed line is an error, never a crash.
struct SMTPReplyParser {
    /// RFC 5321 allows 512 octets per reply line; real servers sometimes send more.
    static let maxLineLength = 4096
    static let maxLinesPerReply = 256

    private var buffer = ByteBuffer()
    private var pendingCode: Int?
    private var pendingLines: [String] = []

    /// True when bytes of an unfinished reply have been received. After the reply to `STARTTLS`
    /// this must be false: anything else the server sent in plain text would otherwise be read as
    /// if it had come through TLS (the STARTTLS command injection attack).
    var hasUnconsumedInput: Bool { buffer.readableBytes > 0 || pendingCode != nil }

    mutating func append(_ bytes: inout ByteBuffer) {
        buffer.writeBuffer(&bytes)
    }

    /// The next complete reply, or nil if more bytes are needed.
    mutating func nextReply() throws(SMTPConnectionError) -> SMTPReply? {
        while true {
            let view = buffer.readableBytesView
            guard let lineFeed = view.firstIndex(of: 0x0A) else {
                guard view.count <= Self.maxLineLength else {
                    throw .protocolViolation("sent a reply line longer than \(Self.maxLineLength) bytes")
                }
                buffer.discardReadBytes()
                return nil
            }
            var line = Array(view[view.startIndex..<lineFeed])
            buffer.moveReaderIndex(forwardBy: view.distance(from: view.startIndex, to: lineFeed) + 1)
            if line.last == 0x0D { line.removeLast() }
            guard line.count <= Self.maxLineLength else {
                throw .protocolViolation("sent a reply line longer than \(Self.maxLineLength) bytes")
            }
            if let reply = try consume(line: line) { return reply }
        }
    }

    private mutating func consume(line: [UInt8]) throws(SMTPConnectionError) -> SMTPReply? {
        guard line.count >= 3, (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(line[0]),
            line[1...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            throw .protocolViolation("sent something that is not an SMTP reply: \(Self.printable(line[...]).debugDescription)")
        }
        let code = line[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .protocolViolation("sent a malformed reply line: \(Self.printable(line[...]).debugDescription)")
        }
        if let pendingCode, pendingCode != code {
            throw .protocolViolation("mixed reply codes \(pendingCode) and \(code) in one multi-line reply")
        }
        pendingLines.append(line.count > 4 ? Self.printable(line[4...]) : "")
        guard pendingLines.count <= Self.maxLinesPerReply else {
            throw .protocolViolation("sent a reply of more than \(Self.maxLinesPerReply) lines")
        }
        if separator == UInt8(ascii: "-") {
            pendingCode = code
            return nil
        }
        let reply = SMTPReply(code: code, lines: pendingLines)
        pendingCode = nil
        pendingLines = []
        return reply
    }

    /// The text as UTF-8 with control characters replaced, so server text can go into logs and errors.
    static func printable(_ bytes: ArraySlice<UInt8>) -> String {
        var text = ""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            text.unicodeScalars.append(isControl ? "?" : scalar)
        }
        return text
    }
}
