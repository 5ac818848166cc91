/// Knowledge-base Markdown as the plain text a reader sees, for search indexing and result snippets.
public enum MarkdownText {
    /// The text a reader sees, without markup.
    ///
    /// Made from the rendered, sanitised HTML rather than from the Markdown source, so that search finds exactly
    /// what the page shows (link text but not addresses, code, image descriptions, raw HTML as the text it is
    /// shown as). Blocks — paragraphs, headings, code blocks, quotes, lists, tables — are separated by a blank
    /// line, so a passage splitter can cut at paragraphs and a heading is a passage start of its own. A list or
    /// table stays one block with an item or row per line; table cells are joined with " | ". Whitespace inside
    /// a block is collapsed except in code blocks.
    public static func plainText(_ markdown: String) -> String {
        var text = PlainTextBuilder()
        for token in HTMLSanitizer.tokens(MarkdownRenderer.html(markdown)) {
            switch token {
            case let .text(raw):
                text.append(HTMLSanitizer.decodeEntities(raw))
            case let .start(name, attributes, _):
                text.open(name)
                if name == "img", let alt = attributes.first(where: { $0.name == "alt" })?.value {
                    text.append(HTMLSanitizer.decodeEntities(alt))
                }
            case let .end(name):
                text.close(name)
            }
        }
        return text.finished()
    }
}

/// Collects text into blocks, lines and words as the tags of sanitised HTML arrive.
private struct PlainTextBuilder {
    private var blocks: [String] = []
    private var lines: [String] = []
    private var line = ""
    private var preformatted = 0
    private var lists = 0
    private var cells = 0

    private static let blockTags: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "table", "hr"]

    mutating func append(_ text: String) {
        if preformatted > 0 {
            line += text
            return
        }
        for c in text {
            if c.isWhitespace {
                if !line.isEmpty, line.last != " " { line.append(" ") }
            } else {
                line.append(c)
            }
        }
    }

    mutating func open(_ tag: String) {
        switch tag {
        case "ul", "ol":
            if lists == 0 { endBlock() }
            lists += 1
        case "li", "tr":
            endLine()
            cells = 0
        case "td", "th":
            if cells > 0 { line = line.trimmingTrailingSpaces + " | " }
            cells += 1
        case "br":
            endLine()
        case "pre":
            endBlock()
            preformatted += 1
        default:
            if Self.blockTags.contains(tag), lists == 0 { endBlock() }
        }
    }

    mutating func close(_ tag: String) {
        switch tag {
        case "ul", "ol":
            lists = max(0, lists - 1)
            if lists == 0 { endBlock() }
        case "li", "tr":
            endLine()
        case "pre":
            preformatted = max(0, preformatted - 1)
            // A code block keeps its own lines.
            lines += line.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingSpaces }
            line = ""
            endBlock()
        default:
            if Self.blockTags.contains(tag), lists == 0 { endBlock() }
        }
    }

    mutating func finished() -> String {
        endBlock()
        return blocks.joined(separator: "\n\n")
    }

    private mutating func endLine() {
        let trimmed = line.trimmingTrailingSpaces.drop(while: { $0 == " " })
        if !trimmed.isEmpty { lines.append(String(trimmed)) }
        line = ""
    }

    private mutating func endBlock() {
        endLine()
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        if !lines.isEmpty { blocks.append(lines.joined(separator: "\n")) }
        lines = []
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
