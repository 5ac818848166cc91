import Foundation

/// One e-mail, validated when it is created so that rendering it cannot fail.
///
/// The message is a value: render or send it as often as needed and the bytes stay the same,
/// including the ``messageID`` and ``date``, which are fixed at creation. That matters for retries:
/// a resend carries the same `Message-ID`, so a receiver that already has the message can
/// recognise the duplicate.
public struct MailMessage: Sendable, Hashable {
    /// The author, shown in `From`; also the envelope sender (`MAIL FROM`).
    public let from: MailAddress
    /// The recipients, shown in `To`; each gets an `RCPT TO`. Never empty.
    public let to: [MailAddress]
    /// Where replies should go, if not to ``from``.
    public let replyTo: MailAddress?
    /// The subject line, any Unicode text without line breaks.
    public let subject: String
    /// The plain-text body. Line breaks may be LF, CRLF or CR; they are sent as CRLF.
    public let textBody: String
    /// An HTML rendition of the same content; when present the message is `multipart/alternative`.
    public let htmlBody: String?
    /// The `Message-ID` without angle brackets, for example `event-42@portal.example.com`.
    public let messageID: String
    /// The `Date` header's time.
    public let date: Date
    /// Extra header fields, written in this order after the standard ones.
    public let headers: [MailHeader]

    /// Creates a message after checking every header for injection and the message id for syntax.
    ///
    /// - Parameters:
    ///   - messageID: a stable id (`left@right`, angle brackets optional) so that resends of the
    ///     same message can be recognised; derive it from whatever caused the message. When `nil`,
    ///     a random id at the sender's domain is generated once, here.
    ///   - date: the time shown in the `Date` header; defaults to now.
    ///   - headers: extra fields; the standard ones (`From`, `To`, `Subject`, `Content-Type`…) are
    ///     refused here because the message writes them itself.
    /// - Throws: ``MailError`` of kind ``MailError/Kind/invalidMessage`` saying which field is wrong.
    public init(
        from: MailAddress,
        to: [MailAddress],
        replyTo: MailAddress? = nil,
        subject: String,
        textBody: String,
        htmlBody: String? = nil,
        messageID: String? = nil,
        date: Date = Date(),
        headers: [MailHeader] = []
    ) throws {
        guard !to.isEmpty else { throw MailError.invalidMessage("a message needs at least one recipient") }
        try HeaderText.validate(subject, what: "subject")
        for header in headers where MailHeader.reserved.contains(header.name.lowercased()) {
            throw MailError.invalidMessage(
                "header \(header.name) cannot be set as an extra header: the message writes it from its own properties"
            )
        }
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.messageID = try messageID.map(Self.validated(messageID:)) ?? "\(UUID().uuidString.lowercased())@\(from.domain)"
        self.date = date
        self.headers = headers
    }

    /// Checks `id` against RFC 5322 `msg-id` (dot-atom on both sides of the @), without brackets.
    private static func validated(messageID id: String) throws -> String {
        var bare = Substring(id)
        if bare.hasPrefix("<") && bare.hasSuffix(">") && bare.count >= 2 { bare = bare.dropFirst().dropLast() }
        let bytes = Array(bare.utf8)
        guard bytes.count <= 250, let at = bytes.lastIndex(of: UInt8(ascii: "@")),
            MailAddress.isDotAtom(bytes[..<at]), MailAddress.isDotAtom(bytes[(at + 1)...])
        else {
            throw MailError.invalidMessage(
                "invalid message id \(HeaderText.quotedForLog(id)): expected left@right, each side letters, digits, dots and !#$%&'*+-/=?^_`{|}~"
            )
        }
        return String(bare)
    }
}
