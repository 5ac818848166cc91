import Ink

/// Turns knowledge-base Markdown into HTML that is safe to put in a page, whoever wrote it.
///
/// Raw HTML in the source is **shown as text, never run**: `<script>alert(1)</script>` reaches the reader as
/// those characters. Editors write Markdown, not markup, and showing what they typed makes a mistake visible
/// instead of silently eating it. Three layers make sure of it, each enough on its own for scripts:
///
/// 1. Before Ink sees the source, every `<` outside code is written as `&lt;` (``escapeRawHTML(_:)``), so Ink
///    finds no HTML and keeps the surrounding Markdown (a stray `<Enter>` would otherwise swallow the rest).
/// 2. Should Ink still find an HTML fragment, an Ink modifier replaces it with its escaped source.
/// 3. ``HTMLSanitizer`` re-parses Ink's output and keeps only an allowlist of tags and attributes; it also
///    removes unsafe link and image addresses (Ink copies those into attributes unescaped) and adds heading ids.
///
/// Ink's `MarkdownParser` is not `Sendable`, so each call makes its own.
public enum MarkdownRenderer {
    /// Safe HTML for `markdown`: paragraphs, headings with `id` anchors, lists, links, images, code, quotes and
    /// tables; nothing else.
    public static func html(_ markdown: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .html) { HTMLSanitizer.escapeText(String($0.markdown)) })
        return HTMLSanitizer.sanitize(parser.html(from: escapeRawHTML(normalized(markdown))))
    }

    /// Unix line ends, no NUL characters.
    static func normalized(_ markdown: String) -> String {
        markdown.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\u{0}", with: "")
    }

    /// Writes every `<` outside fenced code blocks and inline code as `&lt;`. Code is left alone because Ink
    /// escapes it itself; the fences and spans are found the way Ink finds them (a line starting with three or
    /// more backticks opens a block that a line starting with exactly as many closes; a backtick opens a span that the
    /// next backtick on the same line closes). Should this ever disagree with Ink, the worst outcome is a
    /// visible `&lt;` in code or an HTML fragment that layer 2 escapes.
    static func escapeRawHTML(_ markdown: String) -> String {
        var out = ""
        out.reserveCapacity(markdown.utf8.count)
        var fence = 0
        for (n, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if n > 0 { out += "\n" }
            if fence > 0 {
                out += line
                if line.prefix(while: { $0 == "`" }).count == fence { fence = 0 }
                continue
            }
            let opening = line.drop(while: { $0 == " " || $0 == "\t" }).prefix(while: { $0 == "`" }).count
            if opening >= 3 {
                fence = opening
                out += line
                continue
            }
            var inCode = false
            let lastTick = line.lastIndex(of: "`")
            for (i, c) in zip(line.indices, line) {
                if c == "`" {
                    // A span opens only when another backtick follows on the line.
                    if inCode || i != lastTick { inCode.toggle() }
                    out.append(c)
                } else if c == "<", !inCode {
                    out += "&lt;"
                } else {
                    out.append(c)
                }
            }
        }
        return out
    }
}
