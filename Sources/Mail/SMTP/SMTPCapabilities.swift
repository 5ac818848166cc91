/// The service extensions a server announced in its reply to `EHLO` (RFC 5321 §4.1.1.1).
struct SMTPCapabilities: Sendable, Equatable {
    /// Upper-cased keyword → its parameters, as sent.
    private(set) var extensions: [String: [String]] = [:]

    /// No extensions: what a server that only understands `HELO` offers.
    init() {}

    /// Reads the extension lines of an `EHLO` reply; the first line is the server's name.
    init(ehloReply reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            var words = line.split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            var keyword = words.removeFirst().uppercased()
            // Some old servers announce "AUTH=LOGIN PLAIN" for clients that predate RFC 4954.
            if keyword.hasPrefix("AUTH=") {
                words.insert(String(keyword.dropFirst(5)), at: 0)
                keyword = "AUTH"
            }
            extensions[keyword, default: []] += words
        }
    }

    var supportsStartTLS: Bool { extensions["STARTTLS"] != nil }

    /// The SASL mechanisms offered, upper-cased; empty if `AUTH` is not offered.
    var authMechanisms: Set<String> { Set((extensions["AUTH"] ?? []).map { $0.uppercased() }) }

    /// The largest message the server accepts, if it announced one (`SIZE 0` means no limit).
    var maximumMessageSize: Int? {
        guard let size = extensions["SIZE"]?.first.flatMap({ Int($0) }), size > 0 else { return nil }
        return size
    }
}
