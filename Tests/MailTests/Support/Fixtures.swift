import Foundation

@testable import Mail

/// Messages the tests share.
enum Fixtures {
    /// 2025-07-01 10:00:00 UTC, a Tuesday.
    static let date = Date(timeIntervalSince1970: 1_751_364_000)

    static func message(
        to: [MailAddress]? = nil,
        subject: String = "Confirm your e-mail address",
        textBody: String = "Hello,\nplease confirm your address: https://portal.example.com/verify?t=abc\n",
        htmlBody: String? = nil,
        messageID: String? = "event-42@portal.example.com",
        headers: [MailHeader] = []
    ) throws -> MailMessage {
        try MailMessage(
            from: MailAddress("support@portal.example.com", displayName: "Customer Portal"),
            to: to ?? [MailAddress("alice@example.com", displayName: "Alice Example")],
            subject: subject,
            textBody: textBody,
            htmlBody: htmlBody,
            messageID: messageID,
            date: date,
            headers: headers
        )
    }
}

extension Array where Element == UInt8 {
    /// The bytes as lines split at CRLF (the last, empty element after a final CRLF is dropped).
    var crlfLines: [String] {
        var lines = String(decoding: self, as: UTF8.self).components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// True if every LF is preceded by CR and every CR followed by LF.
    var hasOnlyCRLFLineEnds: Bool {
        for (index, byte) in enumerated() {
            if byte == 10 && (index == 0 || self[index - 1] != 13) { return false }
            if byte == 13 && (index + 1 == count || self[index + 1] != 10) { return false }
        }
        return true
    }
}
