/// Checks for text that ends up in a header line.
enum HeaderText {
    /// Refuses line breaks and other control characters (tab excepted) in `text`.
    ///
    /// A CR or LF in a header value would end the header early and let whoever controls the text
    /// (a customer's display name, say) add headers or even a body of their own. Other control
    /// characters are refused too: no legitimate subject or name contains them.
    static func validate(_ text: String, what: String) throws {
        for scalar in text.unicodeScalars {
            if scalar == "\r" || scalar == "\n" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                throw MailError.invalidMessage(
                    "\(what) contains a line break (\(quotedForLog(text))); line breaks are refused in headers because they would let the text add headers of its own"
                )
            }
            if (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) {
                throw MailError.invalidMessage(
                    "\(what) contains the control character U+\(String(scalar.value, radix: 16, uppercase: true)) (\(quotedForLog(text)))"
                )
            }
        }
    }

    /// `text` in quotes with control characters escaped, safe to put in a log line.
    static func quotedForLog(_ text: String) -> String {
        let limited = text.count > 200 ? String(text.prefix(200)) + "…" : text
        return limited.debugDescription
    }

    /// True if `text` is printable ASCII (and tab), so it can appear in a header unencoded.
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x09 || (0x20...0x7E).contains($0) }
    }
}
