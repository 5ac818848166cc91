/// Tells a file's type from its first bytes: magic numbers for binary formats, then markup, then text.
///
/// Refusing what is not recognised is the point: a file whose head matches nothing is `nil`, and the attachment
/// policy refuses `nil`. Markup is checked before text because HTML, SVG and XML are text too (and may not even be
/// UTF-8).
public enum ContentSniffer {
    /// How many leading bytes ``sniff(_:)`` looks at (and ``BlobWriter`` keeps).
    public static let headLength = 4096

    /// The type of a file whose first bytes (up to ``headLength``) are `head`.
    public static func sniff(_ head: [UInt8]) -> SniffedType? {
        let head = Array(head.prefix(headLength))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return .gif }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return .webp }
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.count >= 4, head[0] == 0x50, head[1] == 0x4B, [(3, 4), (5, 6), (7, 8)].contains(where: { head[2] == $0.0 && head[3] == $0.1 }) {
            return .zip
        }
        if isMP4(head) { return .mp4 }
        if isWebM(head) { return .webm }
        if isExecutable(head) { return .executable }
        if let markup = markup(head) { return markup }
        if isPlainText(head) { return .text }
        // "MZ" alone is a weak signature; a DOS/PE header is binary, which the text test has ruled out above.
        if head.starts(with: Array("MZ".utf8)) { return .executable }
        return nil
    }

    // MARK: Video

    /// An ISO base media file: a first box of type `ftyp` whose major or a compatible brand is an MP4 brand.
    private static func isMP4(_ head: [UInt8]) -> Bool {
        guard head.count >= 16, Array(head[4..<8]) == Array("ftyp".utf8) else { return false }
        let boxSize = Int(head[0]) << 24 | Int(head[1]) << 16 | Int(head[2]) << 8 | Int(head[3])
        guard boxSize >= 16, boxSize % 4 == 0 else { return false }
        let brands = ["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VH", "M4VP", "dash", "mmp4", "msnv", "f4v "]
            .map { Array($0.utf8) }
        let end = min(boxSize, head.count)
        var offset = 8  // major brand; then minor version (skipped), then compatible brands
        while offset + 4 <= end {
            if offset != 12, brands.contains(Array(head[offset..<(offset + 4)])) { return true }
            offset += 4
        }
        return false
    }

    /// An EBML header (1A 45 DF A3) whose DocType element (42 82) says "webm".
    private static func isWebM(_ head: [UInt8]) -> Bool {
        guard head.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) else { return false }
        let window = head.prefix(64)
        var i = 4
        while i + 3 < window.count {
            if window[i] == 0x42, window[i + 1] == 0x82 {
                // The size is an EBML variable-length integer; "webm" is 4 bytes, coded as 0x84.
                if window[i + 2] == 0x84, i + 7 <= window.count, Array(window[(i + 3)..<(i + 7)]) == Array("webm".utf8) { return true }
                return false
            }
            i += 1
        }
        return false
    }

    // MARK: Programs

    private static func isExecutable(_ head: [UInt8]) -> Bool {
        if head.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { return true }  // ELF
        let machO: [[UInt8]] = [[0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF], [0xCE, 0xFA, 0xED, 0xFE], [0xCF, 0xFA, 0xED, 0xFE],
                                [0xCA, 0xFE, 0xBA, 0xBE]]  // the last is also a Java class file
        if machO.contains(where: { head.starts(with: $0) }) { return true }
        // A PE file: "MZ", and at 0x3C the offset of "PE\0\0".
        if head.count >= 0x40, head[0] == 0x4D, head[1] == 0x5A {
            let pe = Int(head[0x3C]) | Int(head[0x3D]) << 8 | Int(head[0x3E]) << 16 | Int(head[0x3F]) << 24
            if pe >= 0x40, pe + 4 <= head.count, Array(head[pe..<(pe + 4)]) == [0x50, 0x45, 0, 0] { return true }
        }
        return false
    }

    // MARK: Markup

    /// HTML, SVG or XML by the way browsers sniff them: the first non-blank characters open a known tag.
    private static func markup(_ head: [UInt8]) -> SniffedType? {
        var start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < head.count, [0x09, 0x0A, 0x0C, 0x0D, 0x20].contains(head[start]) { start += 1 }
        let text = Array(head[start...]).map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }  // ASCII lower case
        let lowered = String(decoding: text, as: UTF8.self)
        if lowered.hasPrefix("<?xml") || lowered.hasPrefix("<!doctype svg") || opensTag(text, "svg") {
            return lowered.contains("<svg") ? .svg : (lowered.contains("<html") ? .html : .xml)
        }
        if lowered.hasPrefix("<!doctype html") { return .html }
        if lowered.hasPrefix("<!--") { return lowered.contains("<html") || lowered.contains("<script") ? .html : nil }
        let htmlTags = ["html", "head", "script", "iframe", "h1", "div", "font", "table", "a", "style", "title", "b", "body", "br", "p",
                        "img", "object", "embed", "meta", "link", "form", "svg", "math"]
        if htmlTags.contains(where: { opensTag(text, $0) }) { return .html }
        return nil
    }

    /// Whether `text` (lower-cased) starts with `<tag` followed by a space or `>` (or `/`), as in WHATWG MIME sniffing.
    private static func opensTag(_ text: [UInt8], _ tag: String) -> Bool {
        let open = [UInt8(ascii: "<")] + Array(tag.utf8)
        guard text.count > open.count, text.starts(with: open) else { return false }
        return [0x09, 0x0A, 0x0C, 0x0D, 0x20, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(text[open.count])
    }

    // MARK: Text

    /// Valid UTF-8 (an incomplete character is allowed only where a full head cut it), no NUL, and at most one
    /// control character other than tab, line feed, form feed, carriage return and escape in 50 bytes.
    static func isPlainText(_ head: [UInt8]) -> Bool {
        guard !head.isEmpty, !head.contains(0) else { return false }
        var bytes = head[...]
        if head.count >= headLength {
            // Drop a trailing partial UTF-8 sequence that the head length may have cut.
            var lead = bytes.count - 1
            while lead > bytes.startIndex, bytes.count - lead < 4, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            let needed = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : bytes[lead] >= 0xC0 ? 2 : 1
            if bytes.count - lead < needed { bytes = bytes[..<lead] }
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        let controls = bytes.reduce(0) { count, b in
            let allowed: Set<UInt8> = [0x09, 0x0A, 0x0C, 0x0D, 0x1B]
            return (b < 0x20 && !allowed.contains(b)) || b == 0x7F ? count + 1 : count
        }
        return controls * 50 <= bytes.count
    }
}
