/// Writes a PDF file's body object by object, remembering where each starts, then the cross-reference table and
/// trailer that point at them.
struct PDFObjectWriter {
    private(set) var bytes: [UInt8] = []
    /// The byte offset of object n at index n - 1.
    private var offsets: [Int] = []

    /// Starts the file: the version header, then a comment line of four bytes above 127 so that transfer tools
    /// treat the file as binary, then `comments`, one line each (line breaks in them become spaces).
    init(comments: [String]) {
        append("%PDF-1.4\n")
        bytes += [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        for comment in comments {
            bytes.append(0x25)
            bytes += comment.utf8.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
            bytes.append(0x0A)
        }
    }

    mutating func append(_ text: String) { bytes += Array(text.utf8) }

    /// The number the next object will get.
    var nextObjectNumber: Int { offsets.count + 1 }

    /// Writes object `number` (which must be the next one) with `body` as its value.
    mutating func object(_ number: Int, _ body: [UInt8]) {
        precondition(number == nextObjectNumber, "objects are written in order")
        offsets.append(bytes.count)
        append("\(number) 0 obj\n")
        bytes += body
        append("\nendobj\n")
    }

    mutating func object(_ number: Int, _ body: String) { object(number, Array(body.utf8)) }

    /// Writes a stream object; `/Length` is the exact byte count of `data`.
    mutating func stream(_ number: Int, _ data: [UInt8]) {
        object(number, Array("<< /Length \(data.count) >>\nstream\n".utf8) + data + Array("\nendstream".utf8))
    }

    /// Ends the file: cross-reference table (free head entry, then one 20-byte entry per object), trailer with
    /// `/Size`, `/Root`, `/Info` and an `/ID` made from the body, `startxref` and `%%EOF`.
    mutating func finish(root: Int, info: Int) -> [UInt8] {
        let id = PDFSyntax.hexString(DocumentID.fingerprint(bytes))
        let xref = bytes.count
        append("xref\n0 \(offsets.count + 1)\n")
        append("0000000000 65535 f\r\n")
        for offset in offsets {
            let digits = String(offset)
            append(String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n\r\n")
        }
        append("trailer\n<< /Size \(offsets.count + 1) /Root \(root) 0 R /Info \(info) 0 R /ID [")
        bytes += id + [0x20] + id
        append("] >>\nstartxref\n\(xref)\n%%EOF\n")
        return bytes
    }
}
