extension QRCode {
    /// The symbol as an SVG document, black modules on a white background, ready to be inlined
    /// in an HTML page or served as `image/svg+xml`.
    ///
    /// The drawing is in module units (the `viewBox`), so it stays sharp at any scale; `width`
    /// and `height` give its natural size in pixels. All dark modules are one `<path>`, with
    /// `shape-rendering="crispEdges"` so that browsers do not blur the edges between modules.
    /// The output holds no scripts, no styles and no external references.
    ///
    /// - Parameters:
    ///   - moduleSize: Pixels per module for `width` and `height`; at least 1.
    ///   - quietZone: Light modules around the symbol. The standard asks for 4; a page that
    ///     already puts a light margin around the image may use less. At least 0.
    ///   - title: A text alternative such as "QR code for setting up two-factor sign-in". With
    ///     one, the image gets `role="img"`, an `aria-label` and a `<title>`; without one, it is
    ///     hidden from assistive technology, since a bare QR code says nothing to a screen-reader
    ///     user (the page should then give the same information as text). The title is escaped.
    public func svg(moduleSize: Int = 6, quietZone: Int = 4, title: String? = nil) -> String {
        precondition(moduleSize >= 1, "moduleSize must be at least 1")
        precondition(quietZone >= 0, "quietZone must not be negative")
        let extent = size + 2 * quietZone
        let pixels = extent * moduleSize

        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" version="1.1""#
        svg += #" width="\#(pixels)" height="\#(pixels)" viewBox="0 0 \#(extent) \#(extent)""#
        if let title {
            let escaped = SVGText.escaped(title)
            svg += #" role="img" aria-label="\#(escaped)"><title>\#(escaped)</title>"#
        } else {
            svg += #" aria-hidden="true">"#
        }
        svg += #"<rect width="\#(extent)" height="\#(extent)" fill="white"/>"#
        svg += #"<path fill="black" shape-rendering="crispEdges" d=""#
        svg += darkModulesPath(offset: quietZone)
        svg += #""/></svg>"#
        return svg
    }

    /// Path data covering exactly the dark modules: one rectangle per horizontal run of dark
    /// modules in a row, which keeps the path several times shorter than one square per module.
    func darkModulesPath(offset: Int) -> String {
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                let length = x - start
                path += "M\(start + offset) \(y + offset)h\(length)v1h-\(length)z"
            }
        }
        return path
    }
}

/// Escaping of text placed in SVG markup.
enum SVGText {
    /// `text` made safe for both element content and a double- or single-quoted attribute.
    ///
    /// The five markup characters become entities. Characters XML 1.0 does not allow at all
    /// (most C0 controls, lone surrogates cannot occur in a Swift `String`, U+FFFE and U+FFFF)
    /// are dropped, because one of them would make the whole document ill-formed.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
