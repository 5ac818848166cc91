/// A complete reply from an SMTP server: a three-digit code and one or more lines of text.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// The reply code, 200 to 599.
    public let code: Int
    /// The text of each line after the code and separator, with control characters replaced by
    /// `?` so it is safe to log.
    public let lines: [String]

    /// Creates a reply; the parser makes these from the server's bytes.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines.isEmpty ? [""] : lines
    }

    /// 2xx: the command succeeded.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 3xx: the server waits for more (after `DATA` or during `AUTH`).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: a temporary failure; the same command may succeed later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: a permanent failure; the same command will fail again.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// The RFC 3463 enhanced status code at the start of the first line (`5.1.1`), if any.
    public var enhancedStatus: String? {
        guard let first = lines.first?.split(separator: " ", maxSplits: 1).first else { return nil }
        let parts = first.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let klass = parts.first, ["2", "4", "5"].contains(klass),
            parts.dropFirst().allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        return String(first)
    }

    /// The reply on one line, as the server sent it: `550 5.1.1 no such user`.
    public var description: String {
        let text = lines.filter { !$0.isEmpty }.joined(separator: " / ")
        return text.isEmpty ? "\(code)" : "\(code) \(text)"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
