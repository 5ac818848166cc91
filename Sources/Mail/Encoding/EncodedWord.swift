import Foundation

/// RFC 2047 encoded-words (`=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=`) for text in headers that is not plain ASCII.
enum EncodedWord {
    /// The longest an encoded-word may be (RFC 2047 §2).
    static let maxLength = 75

    private static let overhead = "=?UTF-8?Q?".utf8.count + "?=".utf8.count

    /// Encodes `text` as a sequence of encoded-words to be separated by folding white space.
    ///
    /// Each word holds whole Unicode scalars (RFC 2047 §5 forbids splitting a multi-byte
    /// character), so every word decodes on its own. Spaces travel inside the words, because
    /// decoders drop the white space *between* adjacent encoded-words. Q encoding is used with the
    /// restricted character set that is valid in phrases (display names) too, since it keeps
    /// mostly-ASCII text legible in the raw message; B (base64) is used when it comes out much
    /// shorter, as it does for scripts that are mostly non-ASCII.
    ///
    /// - Parameter firstLimit: the room for the first word, so it fits on the header's first line.
    static func encode(_ text: String, firstLimit: Int = maxLength) -> [String] {
        let utf8 = Array(text.utf8)
        let qLength = utf8.reduce(0) { $0 + (isQSafe($1) || $1 == 0x20 ? 1 : 3) }
        let bLength = (utf8.count + 2) / 3 * 4
        return qLength <= bLength + bLength / 2 ? encodeQ(text, firstLimit: firstLimit) : encodeB(text, firstLimit: firstLimit)
    }

    private static func encodeQ(_ text: String, firstLimit: Int) -> [String] {
        var words: [String] = []
        var payload = ""
        for scalar in text.unicodeScalars {
            var piece = ""
            for byte in String(scalar).utf8 {
                if byte == 0x20 {
                    piece += "_"
                } else if isQSafe(byte) {
                    piece.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    piece += "=" + Hex.byte(byte)
                }
            }
            let room = (words.isEmpty ? firstLimit : maxLength) - overhead
            if !payload.isEmpty && payload.utf8.count + piece.utf8.count > room {
                words.append("=?UTF-8?Q?\(payload)?=")
                payload = ""
            }
            payload += piece
        }
        if !payload.isEmpty || words.isEmpty { words.append("=?UTF-8?Q?\(payload)?=") }
        return words
    }

    private static func encodeB(_ text: String, firstLimit: Int) -> [String] {
        var words: [String] = []
        var raw: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            let room = (words.isEmpty ? firstLimit : maxLength) - overhead
            if !raw.isEmpty && (raw.count + bytes.count + 2) / 3 * 4 > room {
                words.append("=?UTF-8?B?\(Data(raw).base64EncodedString())?=")
                raw = []
            }
            raw += bytes
        }
        if !raw.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Data(raw).base64EncodedString())?=") }
        return words
    }

    /// The characters RFC 2047 §5(3) allows unencoded in a Q-encoded word in any context.
    private static func isQSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}

/// Upper-case hexadecimal, as quoted-printable and Q encoding require.
enum Hex {
    private static let digits = Array("0123456789ABCDEF".utf8)

    static func byte(_ byte: UInt8) -> String {
        String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }

    static func append(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0x0F)])
    }
}
