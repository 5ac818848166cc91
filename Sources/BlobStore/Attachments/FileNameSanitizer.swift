import Foundation

/// Makes a client's file name safe to store, show and send back in a Content-Disposition header.
///
/// The name is the only part of an upload chosen freely by the client, and it ends up in HTML, in headers and on
/// the disk of whoever downloads it, so it loses everything that could act in one of those places: paths,
/// control and bidirectional-override characters (which make "txt.exe" look like "exe.txt"), quotes and `;`,
/// leading dots, Windows device names; and it gets the extension its content calls for.
public enum FileNameSanitizer {
    /// The longest name kept, in UTF-8 bytes (well within every file system's 255).
    public static let maxBytes = 120

    /// A safe name for a file called `raw` by the client whose content was sniffed as `sniffed`.
    ///
    /// The result is NFC-normalised, at most ``maxBytes`` UTF-8 bytes (cut between characters), never empty, and
    /// has the sniffed type's canonical extension unless its own already agrees with the type (`photo.JPEG` stays,
    /// `report.exe` sniffed as PDF becomes `report.pdf`). With nothing usable left it is `attachment.<ext>`.
    public static func sanitize(_ raw: String, sniffed: SniffedType?) -> String {
        var scalars = Array(raw.precomposedStringWithCanonicalMapping.unicodeScalars)
        if let slash = scalars.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            scalars = Array(scalars[(slash + 1)...])
        }
        var cleaned = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in scalars where !isRemoved(scalar) {
            if scalar.properties.isWhitespace {
                if !lastWasSpace { cleaned.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            cleaned.append("<>:|?*".unicodeScalars.contains(scalar) ? "_" : scalar)
        }
        var name = String(cleaned).precomposedStringWithCanonicalMapping
        name = String(name.drop(while: { $0 == "." || $0 == " " }))
        name = trimmingEnd(name)

        var (stem, ext) = split(name)
        if let sniffed {
            if let own = ext, sniffed.acceptedExtensions.contains(own.lowercased()) {
                ext = own
            } else {
                ext = sniffed.fileExtension
            }
        }
        let suffix = ext.map { "." + $0 } ?? ""
        stem = trimmingEnd(truncate(stem, toBytes: maxBytes - suffix.utf8.count))
        if stem.isEmpty { return "attachment" + (ext == nil ? ".bin" : suffix) }
        if isWindowsDeviceName(stem) { stem = "_" + stem }
        return stem + suffix
    }

    /// A `Content-Disposition` header value for downloading a file called `filename` (RFC 6266): an ASCII
    /// `filename` for old clients and the exact name as `filename*` in UTF-8 (RFC 5987).
    public static func contentDisposition(filename: String, inline: Bool = false) -> String {
        let name = String(String.UnicodeScalarView(
            filename.precomposedStringWithCanonicalMapping.unicodeScalars.filter { !isInvisible($0) && $0.properties.generalCategory != .control }
        ))
        var fallback = ""
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            // '%' is replaced too: some clients percent-decode the plain parameter.
            fallback.unicodeScalars.append(scalar.isASCII && !"\"\\%;".unicodeScalars.contains(scalar) ? scalar : "_")
        }
        if fallback.isEmpty { fallback = "attachment" }
        let type = inline ? "inline" : "attachment"
        return "\(type); filename=\"\(fallback)\"; filename*=UTF-8''\(percentEncoded(name))"
    }

    // MARK: Pieces

    /// Controls, bidirectional formatting, quotes and `;`.
    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || isInvisible(scalar) || "\"'`;".unicodeScalars.contains(scalar)
    }

    /// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), directional marks, and
    /// zero-width space and byte-order mark.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x200B, 0xFEFF: true
        default: false
        }
    }

    /// (stem, extension): the extension is what follows the last dot when it is 1–10 ASCII letters or digits.
    private static func split(_ name: String) -> (String, String?) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, nil) }
        let ext = name[name.index(after: dot)...]
        guard (1...10).contains(ext.utf8.count), ext.utf8.allSatisfy(isASCIIAlphanumeric) else {
            return (name, nil)
        }
        return (String(name[..<dot]), String(ext))
    }

    /// The longest prefix of whole characters that fits in `limit` UTF-8 bytes.
    private static func truncate(_ text: String, toBytes limit: Int) -> String {
        var bytes = 0
        var end = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            let size = text[index..<next].utf8.count
            guard bytes + size <= limit else { break }
            bytes += size
            end = next
        }
        return String(text[..<end])
    }

    /// Windows refuses trailing dots and spaces.
    private static func trimmingEnd(_ text: String) -> String {
        var text = text
        while let last = text.last, last == "." || last == " " { text.removeLast() }
        return text
    }

    private static func isWindowsDeviceName(_ stem: String) -> Bool {
        let upper = stem.uppercased()
        if ["CON", "PRN", "AUX", "NUL"].contains(upper) { return true }
        return upper.utf8.count == 4 && (upper.hasPrefix("COM") || upper.hasPrefix("LPT")) && upper.utf8.last.map { (0x31...0x39).contains($0) } == true
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// RFC 5987 `value-chars`: attr-char as is, every other UTF-8 byte as %XX.
    private static func percentEncoded(_ text: String) -> String {
        let attrChar = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~".utf8)
        let digits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        for byte in text.utf8 {
            if attrChar.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
