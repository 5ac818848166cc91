/// One piece of HTML as a browser would see it: text, an opening tag or a closing tag. Comments, doctype and
/// processing instructions are not tokens: the tokenizer drops them.
enum HTMLToken {
    case text(String)
    case start(name: String, attributes: [(name: String, value: String)], selfClosing: Bool)
    case end(name: String)
}

extension HTMLSanitizer {
    /// Splits HTML into tokens the way the HTML standard's tokenizer splits tags, so that what the sanitizer
    /// decides about a tag is what a browser would have seen: a tag name runs to whitespace, `/` or `>`;
    /// attribute values may be quoted with `"` or `'` (and then contain `>`), or unquoted. A `<` that does not
    /// start a complete tag is text. Text is returned raw (entities undecoded); attribute values too.
    static func tokens(_ html: String) -> [HTMLToken] {
        let s = Array(html.unicodeScalars)[...]
        var out: [HTMLToken] = []
        var text = String.UnicodeScalarView()
        var i = 0
        func flush() {
            if !text.isEmpty { out.append(.text(String(text))); text = String.UnicodeScalarView() }
        }
        while i < s.count {
            guard s[i] == "<" else {
                text.append(s[i])
                i += 1
                continue
            }
            if matches(s, at: i, "<!--") {
                // A comment runs to the first "-->" (or, unclosed, to the end): dropped whole.
                flush()
                i = find(s, "-->", from: i + 4).map { $0 + 3 } ?? s.count
            } else if i + 1 < s.count, s[i + 1] == "!" || s[i + 1] == "?" {
                flush()
                i = find(s, ">", from: i + 2).map { $0 + 1 } ?? s.count
            } else if let (token, next) = tag(s, at: i) {
                flush()
                out.append(token)
                i = next
            } else {
                text.append(s[i])
                i += 1
            }
        }
        flush()
        return out
    }

    /// The longest tag read as one; a longer one is text. Ink's tags are far shorter, and the bound keeps a run of
    /// unterminated tags from costing time quadratic in the length of the text.
    static let maximumTagLength = 4096

    /// A tag starting at `start` (which holds `<`), or nil when there is none: the next character is not a
    /// letter (or `/` and a letter), or the input (or ``maximumTagLength``) ends before the tag's `>`.
    private static func tag(_ s: ArraySlice<Unicode.Scalar>, at start: Int) -> (HTMLToken, Int)? {
        let s = s[..<min(s.count, start + maximumTagLength)]
        var i = start + 1
        let closing = i < s.count && s[i] == "/"
        if closing { i += 1 }
        guard i < s.count, isASCIILetter(s[i]) else { return nil }
        var name = ""
        while i < s.count, !isSpace(s[i]), s[i] != "/", s[i] != ">" {
            name.unicodeScalars.append(s[i])
            i += 1
        }
        var attributes: [(name: String, value: String)] = []
        var selfClosing = false
        while true {
            while i < s.count, isSpace(s[i]) || s[i] == "/" {
                selfClosing = s[i] == "/"
                i += 1
            }
            guard i < s.count else { return nil }
            if s[i] == ">" { break }
            selfClosing = false
            var attribute = ""
            repeat {
                attribute.unicodeScalars.append(s[i])
                i += 1
            } while i < s.count && !isSpace(s[i]) && s[i] != "/" && s[i] != ">" && s[i] != "="
            while i < s.count, isSpace(s[i]) { i += 1 }
            var value = ""
            if i < s.count, s[i] == "=" {
                i += 1
                while i < s.count, isSpace(s[i]) { i += 1 }
                guard i < s.count else { return nil }
                if s[i] == "\"" || s[i] == "'" {
                    let quote = s[i]
                    guard let end = find(s, String(Character(quote)), from: i + 1) else { return nil }
                    value = String(String.UnicodeScalarView(s[(i + 1)..<end]))
                    i = end + 1
                } else {
                    while i < s.count, !isSpace(s[i]), s[i] != ">" {
                        value.unicodeScalars.append(s[i])
                        i += 1
                    }
                }
            }
            let lowered = attribute.lowercased()
            // The first of two same-named attributes wins, as in browsers.
            if !attributes.contains(where: { $0.name == lowered }) { attributes.append((lowered, value)) }
        }
        let token: HTMLToken = closing ? .end(name: name.lowercased()) : .start(name: name.lowercased(), attributes: attributes, selfClosing: selfClosing)
        return (token, i + 1)
    }

    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
    private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" }

    private static func matches(_ s: ArraySlice<Unicode.Scalar>, at i: Int, _ literal: String) -> Bool {
        var j = i
        for c in literal.unicodeScalars {
            guard j < s.endIndex, s[j] == c else { return false }
            j += 1
        }
        return true
    }

    private static func find(_ s: ArraySlice<Unicode.Scalar>, _ literal: String, from: Int) -> Int? {
        var i = from
        while i < s.count {
            if matches(s, at: i, literal) { return i }
            i += 1
        }
        return nil
    }
}
