import Domain

/// Keeps the HTML that Markdown produces and nothing else: the last line of defence between an article's
/// source and a reader's browser.
///
/// Why an allowlist over the *output* even though ``MarkdownRenderer`` already escapes raw HTML in the source:
/// Ink 0.6.0 copies link addresses, image addresses and code-block languages into attributes without
/// escaping quotes (`[x](" onmouseover="…)` becomes an attribute of its own), so its output cannot be
/// trusted either. Here every tag is re-parsed as a browser would parse it and written out anew:
///
/// - tags outside ``allowedTags`` are dropped, their text kept; `script`, `style`, `iframe` and similar
///   (``droppedWithContent``) are dropped with everything inside them; comments are dropped;
/// - attributes are rebuilt from an allowlist per tag (`href`/`title` on `a`; `src`/`alt`/`title` on `img`;
///   `align` on table cells; `start` on `ol`; a `language-…` class on `code`), entity-decoded, checked
///   and re-escaped; addresses must be http, https, mailto or relative (``checkURL(_:)``), else a link loses
///   its `href` and an image is dropped; links that leave the portal get `rel="nofollow noopener noreferrer"`;
/// - every element is closed, and closing tags without an open element are dropped, so an article can
///   never close the page's own elements;
/// - headings get an `id` made from their text (a ``KnowledgeSlug``, numbered when repeated), so a reader can
///   link to a section.
enum HTMLSanitizer {
    static let allowedTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img", "code", "pre", "blockquote", "em", "strong",
        "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "del", "s",
    ]
    static let voidTags: Set<String> = ["img", "br", "hr"]
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title", "svg", "math", "xmp",
        "noembed", "noframes", "select", "frameset",
    ]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// Safe HTML for `html`; see the type's documentation for what is kept.
    static func sanitize(_ html: String) -> String {
        var out: [String] = []
        var open: [String] = []
        var heading: (name: String, index: Int, text: String)?
        var ids: Set<String> = []
        var skipping: String?

        func close(_ name: String) {
            if let h = heading, h.name == name {
                out[h.index] = "<\(name) id=\"\(escapeAttribute(uniqueID(h.text, in: &ids)))\">"
                heading = nil
            }
            out.append("</\(name)>")
        }

        for token in tokens(html) {
            if let name = skipping {
                if case .end(name) = token { skipping = nil }
                continue
            }
            switch token {
            case let .text(raw):
                let text = String(String.UnicodeScalarView(decodeEntities(raw).unicodeScalars.filter(isReadable)))
                out.append(escapeText(text))
                heading?.text += text
            case let .start(name, attributes, _):
                if droppedWithContent.contains(name) {
                    // Browsers ignore "/>" on these, so what follows is their content until the closing tag.
                    skipping = name
                    continue
                }
                guard allowedTags.contains(name), let rebuilt = Self.attributes(of: name, attributes) else { continue }
                if headings.contains(name), heading == nil { heading = (name, out.count, "") }
                out.append("<\(name)\(rebuilt)>")
                if !voidTags.contains(name) { open.append(name) }
            case let .end(name):
                guard let at = open.lastIndex(of: name) else { continue }
                while open.count > at { close(open.removeLast()) }
            }
        }
        while let name = open.popLast() { close(name) }
        return out.joined()
    }

    /// The attributes `tag` keeps, written out with a leading space each; nil drops the element (an image
    /// without a safe address).
    private static func attributes(of tag: String, _ attributes: [(name: String, value: String)]) -> String? {
        func value(_ name: String) -> String? {
            attributes.first { $0.name == name }.map { String(String.UnicodeScalarView(decodeEntities($0.value).unicodeScalars.filter(isReadable))) }
        }
        func attribute(_ name: String, _ text: String) -> String { " \(name)=\"\(escapeAttribute(text))\"" }
        var out = ""
        switch tag {
        case "a":
            if let href = value("href"), let url = checkURL(href) {
                out += attribute("href", url.url)
                if url.external { out += attribute("rel", "nofollow noopener noreferrer") }
            }
            if let title = value("title") { out += attribute("title", title) }
        case "img":
            guard let src = value("src"), let url = checkURL(src) else { return nil }
            out += attribute("src", url.url)
            if let alt = value("alt") { out += attribute("alt", alt) }
            if let title = value("title") { out += attribute("title", title) }
        case "th", "td":
            if let align = value("align")?.lowercased(), ["left", "center", "right"].contains(align) { out += attribute("align", align) }
        case "ol":
            if let start = value("start"), (1...9).contains(start.count), start.allSatisfy(\.isASCII), Int(start) != nil {
                out += attribute("start", start)
            }
        case "code":
            if let language = value("class"), language.hasPrefix("language-"), (10...40).contains(language.count),
               language.dropFirst(9).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+#._-".contains($0)) }) {
                out += attribute("class", language)
            }
        default:
            break
        }
        return out
    }

    /// Letters, marks, symbols, spaces, tabs and newlines; not NUL or other control characters.
    private static func isReadable(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\t" || !(c.value < 0x20 || (0x7F...0x9F).contains(c.value))
    }

    /// A section anchor for a heading's text: its slug, `section` when it has none, numbered from 2 when taken.
    private static func uniqueID(_ text: String, in taken: inout Set<String>) -> String {
        let base = KnowledgeSlug.make(from: text).isEmpty ? "section" : KnowledgeSlug.make(from: text)
        var id = base
        var n = 2
        while taken.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        taken.insert(id)
        return id
    }
}
