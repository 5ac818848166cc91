import Foundation

/// The bytes of PDF's basic objects: numbers, names, strings and dates, written the same way every time.
public enum PDFSyntax {
    /// A real number with at most three decimals, no exponent and no trailing zeros ("12", "0.5", "-3.125");
    /// NaN and infinities are written as 0.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let thousandths = Int64((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = thousandths.magnitude
        let whole = magnitude / 1000, fraction = magnitude % 1000
        guard fraction != 0 else { return magnitude == 0 ? "0" : "\(sign)\(whole)" }
        var decimals = String(fraction)
        decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return "\(sign)\(whole).\(decimals)"
    }

    /// A name object (`/Title`): bytes outside `!`–`~`, delimiters and `#` are written as `#xx`.
    public static func name(_ name: String) -> String {
        var out = "/"
        for byte in name.utf8 {
            if byte > 0x20, byte < 0x7F, !"()<>[]{}/%#".utf8.contains(byte) {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                out += "#" + hex(byte, uppercase: true)
            }
        }
        return out
    }

    /// A literal string `( … )`: `\`, `(` and `)` are escaped with a backslash, line feed, carriage return, tab,
    /// backspace and form feed as `\n \r \t \b \f`, other control bytes and DEL as three-digit octal (`\033`).
    /// Bytes from 0x80 are written as they are.
    public static func literalString(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x28]
        out.reserveCapacity(bytes.count + 2)
        for byte in bytes {
            switch byte {
            case 0x5C, 0x28, 0x29: out += [0x5C, byte]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0..<0x20, 0x7F:
                let octal = String(byte, radix: 8)
                out += Array(("\\" + String(repeating: "0", count: 3 - octal.count) + octal).utf8)
            default: out.append(byte)
            }
        }
        out.append(0x29)
        return out
    }

    /// A hexadecimal string `<…>`, two lowercase digits a byte.
    public static func hexString(_ bytes: [UInt8]) -> [UInt8] {
        Array(("<" + bytes.map { hex($0, uppercase: false) }.joined() + ">").utf8)
    }

    /// A text string for the document information dictionary. Pure ASCII goes as a literal string (escaped as
    /// ``literalString(_:)`` does); anything else as UTF-16BE with a byte order mark, in a hexadecimal string, so
    /// every Unicode value survives.
    public static func textString(_ text: String) -> [UInt8] {
        if text.unicodeScalars.allSatisfy(\.isASCII) { return literalString(Array(text.utf8)) }
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        return hexString(bytes)
    }

    /// A date as PDF writes it, in UTC: `D:YYYYMMDDHHmmSSZ` (whole seconds, rounded down; years kept within 0–9999).
    public static func date(_ date: Date) -> String {
        let earliest: Double = -62_167_219_200, latest: Double = 253_402_300_799  // 0000-01-01, 9999-12-31T23:59:59Z
        let interval = date.timeIntervalSince1970
        let seconds = Int64(interval.isNaN ? 0 : min(max(interval, earliest), latest).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let yyyy = String(repeating: "0", count: 4 - String(year).count) + String(year)
        return "D:\(yyyy)\(two(month))\(two(day))\(two(secondOfDay / 3600))\(two(secondOfDay % 3600 / 60))\(two(secondOfDay % 60))Z"
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func hex(_ byte: UInt8, uppercase: Bool) -> String {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}
