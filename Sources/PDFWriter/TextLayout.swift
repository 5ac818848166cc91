import Foundation

/// Fitting text into a width with the base-14 metrics: wrapping at spaces, shrinking, and shortening with "…".
public enum TextLayout {
    /// `text` broken into lines no wider than `maxWidth` points. Lines break at white space (runs of it count as one
    /// space); a word wider than a whole line is broken between characters. Only a single character wider than
    /// `maxWidth` can make a line wider than it. Empty or blank text gives no lines.
    public static func wrap(_ text: String, font: PDFFont, size: Double, maxWidth: Double) -> [String] {
        let spaceWidth = FontMetrics.width(of: " ", font: font, size: size)
        var lines: [String] = []
        var current = "", currentWidth = 0.0
        for word in text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace) {
            let wordWidth = FontMetrics.width(of: String(word), font: font, size: size)
            if !current.isEmpty, currentWidth + spaceWidth + wordWidth <= maxWidth + 1e-9 {
                current += " " + word
                currentWidth += spaceWidth + wordWidth
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            currentWidth = 0
            for character in word {
                let width = FontMetrics.width(of: String(character), font: font, size: size)
                if !current.isEmpty, currentWidth + width > maxWidth + 1e-9 {
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                }
                current.append(character)
                currentWidth += width
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The largest size from `size` down to `minimumSize`, in half-point steps, at which `text` wraps into at most
    /// `maxLines` lines of `maxWidth`, with those lines. When even `minimumSize` needs more lines, the first
    /// `maxLines` are kept and the last of them ends in "…" (see ``truncate(_:font:size:maxWidth:)``).
    public static func fit(
        _ text: String, font: PDFFont, size: Double, minimumSize: Double, maxWidth: Double, maxLines: Int
    ) -> (size: Double, lines: [String]) {
        let maxLines = max(1, maxLines)
        var candidate = size
        while true {
            let lines = wrap(text, font: font, size: candidate, maxWidth: maxWidth)
            if lines.count <= maxLines { return (candidate, lines) }
            if candidate - 0.5 < minimumSize { break }
            candidate -= 0.5
        }
        var lines = Array(wrap(text, font: font, size: candidate, maxWidth: maxWidth).prefix(maxLines))
        lines[maxLines - 1] = truncate(lines[maxLines - 1] + "…", font: font, size: candidate, maxWidth: maxWidth)
        return (candidate, lines)
    }

    /// `text` as it is when it fits in `maxWidth`; otherwise shortened from the end and closed with "…" so that it
    /// fits (just "…" when nothing else does).
    public static func truncate(_ text: String, font: PDFFont, size: Double, maxWidth: Double) -> String {
        if FontMetrics.width(of: text, font: font, size: size) <= maxWidth + 1e-9 { return text }
        var kept = text.precomposedStringWithCanonicalMapping
        if kept.hasSuffix("…") { kept.removeLast() }
        while !kept.isEmpty, FontMetrics.width(of: kept + "…", font: font, size: size) > maxWidth + 1e-9 {
            kept.removeLast()
        }
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return kept + "…"
    }
}
