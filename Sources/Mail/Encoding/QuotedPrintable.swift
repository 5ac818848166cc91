/// Quoted-printable content transfer encoding (RFC 2045 §6.7) for UTF-8 text bodies.
///
/// Quoted-printable keeps mostly-ASCII text readable in the raw message while guaranteeing 7-bit
/// lines of at most 76 characters, so the body survives any relay unchanged.
enum QuotedPrintable {
    /// The longest encoded line, soft line break included.
    static let maxLineLength = 76

    /// Encodes `text` as UTF-8. Its line breaks, whichever convention they follow (CRLF, LF or a
    /// lone CR), become CRLF hard line breaks; long lines get soft line breaks (`=` CRLF).
    static func encode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for (index, line) in Lines.split(Array(text.utf8)).enumerated() {
            if index > 0 { output += Lines.crlf }
            encode(line: line, into: &output)
        }
        return output
    }

    private static func encode(line: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var column = 0
        var piece: [UInt8] = []
        for index in line.indices {
            let byte = line[index]
            let isLast = index == line.index(before: line.endIndex)
            piece.removeAll(keepingCapacity: true)
            switch byte {
            case 0x20, 0x09:
                // White space at the end of a line would be stripped by some relays, so encode it there.
                if isLast { encoded(byte, into: &piece) } else { piece.append(byte) }
            case 0x21...0x7E where byte != UInt8(ascii: "="):
                piece.append(byte)
            default:
                encoded(byte, into: &piece)
            }
            // Leave room for the "=" of a soft line break unless this is the line's last piece.
            if column + piece.count + (isLast ? 0 : 1) > maxLineLength {
                output.append(UInt8(ascii: "="))
                output += Lines.crlf
                column = 0
            }
            output += piece
            column += piece.count
        }
    }

    private static func encoded(_ byte: UInt8, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "="))
        Hex.append(byte, to: &output)
    }
}

/// Splitting text into lines and joining them with CRLF.
enum Lines {
    static let crlf: [UInt8] = [0x0D, 0x0A]

    /// Splits at CRLF, LF or a lone CR; the separators are dropped.
    static func split(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x0D:
                lines.append(bytes[start..<index])
                index += (index + 1 < bytes.count && bytes[index + 1] == 0x0A) ? 2 : 1
                start = index
            case 0x0A:
                lines.append(bytes[start..<index])
                index += 1
                start = index
            default:
                index += 1
            }
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }
}
