import Foundation

/// Unicode to WinAnsiEncoding, the PDF encoding that matches Windows code page 1252: ASCII, Latin-1 from U+00A0 and
/// 27 further characters at 0x80–0x9F (€, curly quotes, dashes, Œ, Š, Ž, Ÿ, …).
///
/// Text is put in Unicode normalization form C first, so a letter written with a combining accent ("e" + U+0301)
/// becomes its precomposed form ("é") where one exists. Every character with no WinAnsi code — CJK, emoji, most
/// non-Latin scripts, and the control characters (tab, newline, …), which have no glyph — becomes one '?'.
public enum WinAnsiEncoding {
    /// The byte that stands for a character WinAnsi cannot encode.
    public static let replacement: UInt8 = 0x3F  // '?'

    /// The code points at 0x80–0x9F, in order; 0 where cp1252 leaves the code unused.
    static let upperControlRange: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    private static let codesOfUpperRange: [UInt32: UInt8] = Dictionary(
        uniqueKeysWithValues: upperControlRange.enumerated().filter { $0.element != 0 }.map { ($0.element, UInt8(0x80 + $0.offset)) }
    )

    /// The WinAnsi code of one Unicode scalar, or nil when it has none (control characters included).
    public static func code(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        switch value {
        case 0x20...0x7E, 0xA0...0xFF: return UInt8(value)
        default: return codesOfUpperRange[value]
        }
    }

    /// The Unicode scalar a WinAnsi code stands for, or nil for control and unused codes.
    public static func scalar(for code: UInt8) -> Unicode.Scalar? {
        switch code {
        case 0x20...0x7E, 0xA0...0xFF: return Unicode.Scalar(code)
        case 0x80...0x9F:
            let value = upperControlRange[Int(code - 0x80)]
            return value == 0 ? nil : Unicode.Scalar(value)
        default: return nil
        }
    }

    /// `text` in WinAnsi, one byte per character; characters without a code become '?'.
    public static func encode(_ text: String) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count)
        for character in text.precomposedStringWithCanonicalMapping {
            let scalars = character.unicodeScalars
            if scalars.count == 1, let code = code(for: scalars.first!) {
                bytes.append(code)
            } else {
                bytes.append(replacement)
            }
        }
        return bytes
    }

    /// The text WinAnsi bytes stand for ('?' for codes with no character).
    public static func decode(_ bytes: [UInt8]) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes { text.append(scalar(for: byte) ?? "?") }
        return String(text)
    }
}
