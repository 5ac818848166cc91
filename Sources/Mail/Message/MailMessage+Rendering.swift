extension MailMessage {
    /// The message as RFC 5322 / MIME bytes, ready for SMTP `DATA` or a `.eml` file.
    ///
    /// Every line ends in CRLF and is 7-bit: display names, the subject and non-ASCII header
    /// values are RFC 2047 encoded-words, and bodies are UTF-8 in quoted-printable. With an HTML
    /// body the message is `multipart/alternative` (plain text first, so clients that prefer
    /// text show it). Rendering is deterministic: the same message always gives the same bytes.
    public func rendered() -> [UInt8] {
        var head = ""
        head += field("Date", [MailDate.rfc5322(date)])
        head += field("From", HeaderField.mailboxTokens(from))
        if let replyTo { head += field("Reply-To", HeaderField.mailboxTokens(replyTo)) }
        head += field("To", HeaderField.addressListTokens(to))
        head += field("Message-ID", ["<\(messageID)>"])
        head += field("Subject", HeaderField.unstructuredTokens(subject, headerName: "Subject"))
        head += field("MIME-Version", ["1.0"])
        for header in headers {
            head += field(header.name, HeaderField.unstructuredTokens(header.value, headerName: header.name))
        }

        var output = Array(head.utf8)
        guard let htmlBody else {
            output += Array(Self.textPartHeaders(subtype: "plain").utf8)
            output += Lines.crlf
            output += QuotedPrintable.encode(textBody)
            if output.suffix(2) != Lines.crlf[...] { output += Lines.crlf }
            return output
        }

        // "=_" can never occur in quoted-printable output (an "=" there is followed by a hex
        // digit or a line break), so this boundary cannot collide with the encoded parts.
        let boundary = "=_alt_" + Self.fingerprint(messageID)
        output += Array(field("Content-Type", ["multipart/alternative;", "boundary=\"\(boundary)\""]).utf8)
        output += Lines.crlf
        output += Array("This is a multi-part message in MIME format.\r\n".utf8)
        for (subtype, body) in [("plain", textBody), ("html", htmlBody)] {
            output += Array("\r\n--\(boundary)\r\n".utf8)
            output += Array(Self.textPartHeaders(subtype: subtype).utf8)
            output += Lines.crlf
            output += QuotedPrintable.encode(body)
        }
        output += Array("\r\n--\(boundary)--\r\n".utf8)
        return output
    }

    private func field(_ name: String, _ tokens: [String]) -> String {
        var field = HeaderField(name)
        field.append(contentsOf: tokens)
        return field.rendered
    }

    private static func textPartHeaders(subtype: String) -> String {
        "Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"
    }

    /// A stable 64-bit FNV-1a hash in hex, so the boundary (and thus the bytes) depend only on the message.
    private static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
