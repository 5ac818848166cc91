/// Cuts a document into the passages the sentence encoder reads, each with the title in front.
///
/// The encoder reads 256 WordPiece tokens and drops the rest, so a long article encoded whole is judged by
/// its first screen. Split into passages that each fit with the title ("title\npassage"), every part of
/// the text gets its own vector, and a document is as close to a query as its closest passage
/// (``KnowledgeFusion``). The cuts follow the text: whole paragraphs packed together while they fit, a
/// paragraph too long for one passage at its sentences, a sentence too long at its words.
public enum KnowledgePassages {
    /// The texts to encode: `title + "\n" + passage` for each passage of `text`, in order; the title alone
    /// when the text is empty.
    ///
    /// A text fits when `tokenCount` gives less than `maxTokens` for it: a counter that stops at the
    /// encoder's limit (as ``WordPieceTokenizer/tokenize(_:)`` does, `[CLS]` and `[SEP]` included) can then
    /// still tell a text that fits from one that was cut.
    public static func split(title: String, text: String, maxTokens: Int = 256, tokenCount: (String) -> Int) -> [String] {
        let head = title.isEmpty ? "" : title + "\n"
        func fits(_ passage: String) -> Bool { tokenCount(head + passage) < maxTokens }
        let body = text.trimmingWhitespace()
        guard !body.isEmpty else { return [title] }
        if fits(body) { return [head + body] }

        var passages: [String] = []
        var current = ""
        /// Adds a piece to the current passage when the two fit together, else starts a new passage with it.
        func add(_ piece: String, joiner: String) {
            if current.isEmpty {
                current = piece
            } else if fits(current + joiner + piece) {
                current += joiner + piece
            } else {
                passages.append(current)
                current = piece
            }
        }
        for paragraph in paragraphs(body) {
            if fits(paragraph) {
                add(paragraph, joiner: "\n\n")
                continue
            }
            for sentence in sentences(paragraph) {
                if fits(sentence) {
                    add(sentence, joiner: " ")
                    continue
                }
                for word in sentence.split(whereSeparator: \.isWhitespace) { add(String(word), joiner: " ") }
            }
        }
        if !current.isEmpty { passages.append(current) }
        return passages.map { head + $0 }
    }

    /// Paragraphs: text between blank lines, trimmed, empty ones dropped.
    static func paragraphs(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n").trimmingWhitespace()) }
                lines = []
            } else {
                lines.append(line)
            }
        }
        if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n").trimmingWhitespace()) }
        return paragraphs.filter { !$0.isEmpty }
    }

    /// Sentences: cut after `.`, `!` or `?` (and any closing quotes or brackets) followed by white space.
    static func sentences(_ paragraph: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var ended = false
        for character in paragraph {
            if ended && character.isWhitespace {
                sentences.append(current)
                current = ""
                ended = false
                continue
            }
            if current.isEmpty && character.isWhitespace { continue }
            current.append(character)
            if ".!?".contains(character) {
                ended = true
            } else if !"\"')]»”’".contains(character) {
                ended = false
            }
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    /// The text without white space at either end.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
