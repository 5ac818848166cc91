import Foundation

/// One header field being written, folded at white space so its lines stay short.
///
/// RFC 5322 asks for lines of at most 78 characters and requires at most 998. Tokens are never
/// split, so a line exceeds 78 only when a single token does; callers keep tokens short (encoded
/// words are at most 75 characters, and longer ASCII words make the caller encode the text).
struct HeaderField {
    static let preferredLineLength = 78

    private var text: String
    private var lineLength: Int
    private var hasToken = false

    init(_ name: String) {
        text = name + ":"
        lineLength = text.utf8.count
    }

    /// Appends `token` after one space, or after a fold (CRLF and a space) if the line would get too long.
    mutating func append(_ token: String) {
        let length = token.utf8.count
        // A fold before an empty token would leave a line of nothing but white space, which RFC 5322 forbids.
        if hasToken && length > 0 && lineLength + 1 + length > Self.preferredLineLength {
            text += "\r\n "
            lineLength = 1
        } else {
            text += " "
            lineLength += 1
        }
        text += token
        lineLength += length
        hasToken = true
    }

    mutating func append(contentsOf tokens: [String]) {
        for token in tokens { append(token) }
    }

    /// The field with its terminating CRLF.
    var rendered: String { text + "\r\n" }

    /// Tokens for unstructured text such as a subject: its words when it is short-worded plain
    /// ASCII, encoded-words otherwise.
    ///
    /// Splitting on single spaces and rejoining with single spaces (or folds, which unfold to
    /// spaces) gives back exactly the original text. Text containing `=?` is encoded too, since a
    /// reader would otherwise try to decode it as an encoded-word.
    static func unstructuredTokens(_ text: String, headerName: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        let canStayPlain =
            HeaderText.isPlainASCII(text) && !text.contains("=?")
            && words.allSatisfy { $0.utf8.count <= preferredLineLength - 1 }
        if canStayPlain { return words.map(String.init) }
        return EncodedWord.encode(text, firstLimit: preferredLineLength - headerName.utf8.count - 2)
    }

    /// Tokens for a mailbox: its display name (as atoms, a quoted string or encoded-words) and `<address>`.
    static func mailboxTokens(_ mailbox: MailAddress) -> [String] {
        guard let name = mailbox.displayName else { return [mailbox.address] }
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        let phrase: [String]
        if words.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(MailAddress.isAtext) }) && !name.contains("=?") {
            phrase = words.map(String.init)
        } else if HeaderText.isPlainASCII(name) && name.utf8.count <= 60 {
            // A quoted string keeps specials such as "," and "." from being read as syntax, and
            // keeps "=?" from being read as an encoded-word.
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            phrase = ["\"\(escaped)\""]
        } else {
            // The first word must fit after the longest field name that holds a mailbox, "Reply-To: ".
            phrase = EncodedWord.encode(name, firstLimit: preferredLineLength - "Reply-To: ".utf8.count)
        }
        return phrase + ["<\(mailbox.address)>"]
    }

    /// Tokens for a comma-separated address list.
    static func addressListTokens(_ mailboxes: [MailAddress]) -> [String] {
        var tokens: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            var mailboxTokens = mailboxTokens(mailbox)
            if index < mailboxes.count - 1, let last = mailboxTokens.popLast() { mailboxTokens.append(last + ",") }
            tokens += mailboxTokens
        }
        return tokens
    }
}
