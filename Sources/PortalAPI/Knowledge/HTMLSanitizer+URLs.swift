extension HTMLSanitizer {
    /// A link or image address that may stay, and whether it leaves the portal.
    struct CheckedURL: Equatable {
        var url: String
        /// http(s), mailto or protocol-relative: it gets `rel="nofollow noopener noreferrer"`.
        var external: Bool
    }

    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// Checks an attribute value that is already entity-decoded. Browsers remove tabs and newlines anywhere in a
    /// URL and trim control characters and spaces at its ends before they read the scheme; so does this, and
    /// it returns that cleaned address, so the check is made on exactly what a browser will follow.
    /// Only http, https, mailto and relative addresses pass; anything with a colon before its first `/`, `?`
    /// or `#` is a scheme and must be one of those (this refuses `javascript:`, `vbscript:`, `data:` and any
    /// spelling of them). Control characters inside an address refuse it too.
    static func checkURL(_ decoded: String) -> CheckedURL? {
        var scalars = decoded.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        guard !scalars.isEmpty, !scalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return nil }
        let url = String(String.UnicodeScalarView(scalars))
        if let delimiter = url.firstIndex(where: { $0 == ":" || $0 == "/" || $0 == "?" || $0 == "#" }), url[delimiter] == ":" {
            let scheme = url[..<delimiter].lowercased()
            guard allowedSchemes.contains(scheme) else { return nil }
            return CheckedURL(url: url, external: true)
        }
        let slashes = url.prefix(2).filter { $0 == "/" || $0 == "\\" }.count
        return CheckedURL(url: url, external: slashes == 2)
    }

    /// Escapes text for an element's content.
    static func escapeText(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Escapes text for a double-quoted attribute value. Every `&` is escaped, so the browser decodes exactly
    /// the string that was checked: an entity this file does not know stays literal text.
    static func escapeAttribute(_ s: String) -> String {
        escapeText(s).replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Decodes character references: numeric ones (with or without the `;`, as browsers accept them) and the
    /// named ones that matter in text and addresses. An unknown name stays as written.
    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let c = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < c.count {
            guard c[i] == "&", let (scalar, next) = reference(c, at: i) else {
                out.append(c[i])
                i += 1
                continue
            }
            out.append(contentsOf: scalar.unicodeScalars)
            i = next
        }
        return String(out)
    }

    private static func reference(_ c: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var i = start + 1
        guard i < c.count else { return nil }
        if c[i] == "#" {
            i += 1
            let hex = i < c.count && (c[i] == "x" || c[i] == "X")
            if hex { i += 1 }
            var digits = ""
            while i < c.count, (hex ? c[i].properties.isASCIIHexDigit : ("0"..."9").contains(c[i])) {
                digits.unicodeScalars.append(c[i])
                i += 1
            }
            guard !digits.isEmpty else { return nil }
            if i < c.count, c[i] == ";" { i += 1 }
            let value = digits.count > 8 ? nil : UInt32(digits, radix: hex ? 16 : 10)
            let scalar = value.flatMap { $0 == 0 ? nil : Unicode.Scalar($0) } ?? "\u{FFFD}"
            return (String(Character(scalar)), i)
        }
        var name = ""
        while i < c.count, name.unicodeScalars.count < 10, (c[i].isASCII && c[i].properties.isAlphabetic) || ("0"..."9").contains(c[i]) {
            name.unicodeScalars.append(c[i])
            i += 1
        }
        guard i < c.count, c[i] == ";", let value = namedEntities[name] else { return nil }
        return (value, i + 1)
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "Tab": "\t", "NewLine": "\n",
        "colon": ":", "sol": "/", "bsol": "\\", "lpar": "(", "rpar": ")", "period": ".", "comma": ",", "excl": "!",
        "semi": ";", "num": "#", "percnt": "%", "equals": "=", "quest": "?", "commat": "@", "lsqb": "[", "rsqb": "]",
        "lcub": "{", "rcub": "}", "hyphen": "-", "ndash": "–", "mdash": "—", "hellip": "…", "copy": "©", "reg": "®",
        "trade": "™", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "middot": "·",
        "bull": "•", "euro": "€", "times": "×", "rarr": "→", "larr": "←",
    ]
}
