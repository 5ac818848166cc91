/// An extra header field such as `Auto-Submitted: auto-generated` or `X-Portal-Event: 42`.
///
/// Non-ASCII values are sent as RFC 2047 encoded-words, so the value is treated as unstructured
/// text; don't use this for structured headers that must stay ASCII (pass ASCII for those).
public struct MailHeader: Sendable, Hashable {
    /// The field name, printable ASCII without a colon, for example `List-Unsubscribe`.
    public let name: String
    /// The field value, without line breaks.
    public let value: String

    /// Creates a header field.
    ///
    /// - Throws: ``MailError`` of kind ``MailError/Kind/invalidMessage`` if the name is empty, too
    ///   long or contains characters other than printable ASCII without `:`, or the value contains
    ///   a line break or control character.
    public init(_ name: String, _ value: String) throws {
        let nameIsValid =
            !name.isEmpty && name.utf8.count <= 76
            && name.utf8.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: ":") }
        guard nameIsValid else {
            throw MailError.invalidMessage(
                "invalid header name \(HeaderText.quotedForLog(name)): use 1 to 76 printable ASCII characters without ':'"
            )
        }
        try HeaderText.validate(value, what: "header \(name)")
        self.name = name
        self.value = value
    }

    /// Headers that ``MailMessage`` writes itself; setting them as extra headers would duplicate or
    /// contradict them.
    static let reserved: Set<String> = [
        "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id",
        "mime-version", "content-type", "content-transfer-encoding",
    ]
}
